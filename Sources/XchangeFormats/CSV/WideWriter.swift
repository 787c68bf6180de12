import XchangeCore

/// Writes the wide layout: a header, then one row per report.
///
/// With `columns=used` (the default) the header lists, in schema order, exactly the columns that
/// some report fills. That is known only at the end, so rows are held in a ``RowSpool`` (memory,
/// then a temporary file) and written by ``finish()``. With `columns=all` every column is
/// written and rows stream straight out.
final class WideWriter: PieceEncodingWriter {
    private let rows: CSVRowWriter
    private let chinese: Bool
    private let allColumns: Bool
    private let spool = RowSpool()
    private var used: [Bool]
    private var scratch: [UInt8] = []
    private let parts = ReportCells.makePartsWriter()
    private var headerPositions: [Int] = []
    private var headerWritten = false

    init(rows: CSVRowWriter, options: CSVOptions) throws(Diagnostic) {
        self.rows = rows
        self.chinese = options.chineseHeader
        self.allColumns = options.allColumns
        self.used = [Bool](repeating: false, count: WideColumns.all.count)
    }

    func write(_ report: Report) throws {
        if allColumns {
            if !headerWritten { try writeHeader(Array(WideColumns.all.indices)) }
            scratch.removeAll(keepingCapacity: true)
            ReportCells.encode(report, into: &scratch, used: &used, parts: parts)
            try scratch.withUnsafeBufferPointer { buffer throws(Diagnostic) in
                _ = try WideRows.write(buffer, from: 0, under: headerPositions, to: rows)
            }
        } else {
            try encodeIntoSpool(report)
        }
    }

    private func encodeIntoSpool(_ report: Report) throws(Diagnostic) {
        spool.append { out in ReportCells.encode(report, into: &out, used: &used, parts: parts) }
        try spool.endReport()
    }

    func makePieceEncoder() -> (any ReportPieceEncoder)? { WidePieceEncoder() }

    func appendEncoded(_ encoded: any EncodedReports) throws {
        guard let rows = encoded as? EncodedWideRows else { return }
        for index in used.indices where rows.used[index] { used[index] = true }
        if allColumns {
            if !headerWritten { try writeHeader(Array(WideColumns.all.indices)) }
            try rows.cells.withUnsafeBufferPointer { buffer throws(Diagnostic) in
                var offset = 0
                while offset < buffer.count {
                    offset = try WideRows.write(buffer, from: offset, under: headerPositions, to: self.rows)
                }
            }
        } else {
            spool.append { out in out.append(contentsOf: rows.cells) }
            try spool.endReport()
        }
    }

    func finish() throws {
        if !allColumns {
            try writeHeader(used.indices.filter { used[$0] })
            try spool.replay { block throws(Diagnostic) in try WideRows.write(block, under: headerPositions, to: rows) }
        } else if !headerWritten {
            try writeHeader(Array(WideColumns.all.indices))
        }
        try rows.flush()
    }

    private func writeHeader(_ positions: [Int]) throws(Diagnostic) {
        headerPositions = positions
        headerWritten = true
        for position in positions {
            let column = WideColumns.all[position]
            rows.field(chinese ? WideColumns.chineseLabel(column) : WideColumns.key(column))
        }
        try rows.endRow()
    }
}

/// The cells of a piece's reports (``ReportCells``) and the columns they fill.
struct EncodedWideRows: EncodedReports {
    var cells: [UInt8]
    var used: [Bool]
}

/// Encodes reports into cells on a worker thread, for ``WideWriter/appendEncoded(_:)``.
final class WidePieceEncoder: ReportPieceEncoder {
    private var cells: [UInt8] = []
    private var used = [Bool](repeating: false, count: WideColumns.all.count)
    private let parts = ReportCells.makePartsWriter()

    func encode(_ report: Report) throws {
        ReportCells.encode(report, into: &cells, used: &used, parts: parts)
    }

    func take() -> any EncodedReports {
        defer {
            cells = []
            used = [Bool](repeating: false, count: WideColumns.all.count)
        }
        return EncodedWideRows(cells: cells, used: used)
    }
}
