import XchangeCore

/// Writes the wide layout: a header, then one row per report.
///
/// With `columns=all` every column is listed and rows stream straight out. With
/// `columns=used` (the default) the header lists, in schema order, exactly the columns that
/// some report fills, which is known only at the end. Into a file, rows are written as they
/// come under a header guessed from the first reports (about 1 MB of cells); a report that
/// fills a column the guess lacks widens it for the rows after, and when the final header
/// differs from a guess the file is rewritten once, with the missing empty cells
/// (``WideRowWidening``): a pass over the output, cheaper than holding every row until the end. Where the output cannot be read back (standard output), rows are
/// held in a ``RowSpool`` instead and written by ``finish()``.
final class WideWriter: PieceEncodingWriter {
    /// How many bytes of cells the first reports fill before the header is guessed from them.
    static let guessAfter = 1 << 20

    private let rows: CSVRowWriter
    private let chinese: Bool
    private let parts = ReportCells.makePartsWriter()
    private var used = [Bool](repeating: false, count: WideColumns.all.count)

    /// Every column, with `columns=all`; else the header is found from the reports.
    private let fixedLayout: WideRowLayout?
    /// The header rows are rendered under; nil when rows are spooled.
    private let guess: WideHeaderGuess?
    /// The header the current rows are written under; nil before the first.
    private var layout: WideRowLayout?
    /// The rows written before the current ones, with the headers they were written under.
    private var runs: [WideRowWidening.Run] = []
    private var headerStart = 0
    private var rowsStart = 0
    /// Cells of the first reports, held until the header is guessed.
    private var pending: [UInt8] = []
    private let spool = RowSpool()
    /// Whether ``finish()`` rewrote the file because a guessed header was narrower than the
    /// final one.
    private(set) var rewroteRows = false

    init(rows: CSVRowWriter, options: CSVOptions) throws(Diagnostic) {
        self.rows = rows
        self.chinese = options.chineseHeader
        if options.allColumns {
            fixedLayout = WideRowLayout(Array(WideColumns.all.indices))
            guess = WideHeaderGuess(fixedLayout)
        } else {
            fixedLayout = nil
            guess = rows.output.isRewritable ? WideHeaderGuess() : nil
        }
    }

    func write(_ report: Report) throws {
        guard guess != nil else {
            spool.append { out in ReportCells.encode(report, into: &out, used: &used, parts: parts) }
            try spool.endReport()
            return
        }
        if layout == nil, fixedLayout == nil {
            ReportCells.encode(report, into: &pending, used: &used, parts: parts)
            if pending.count >= Self.guessAfter { try startRows() }
            return
        }
        let layout = try startedLayout()
        if try layout.render(report, to: rows, used: &used, parts: parts) { return }
        let wider = try switchLayout(to: layout.adding(ReportCells.columns(of: report)))
        _ = try wider.render(report, to: rows, used: &used, parts: parts)
    }

    func makePieceEncoder() -> (any ReportPieceEncoder)? { WidePieceEncoder(guess: guess, model: rows) }

    func appendEncoded(_ encoded: any EncodedReports) throws {
        guard let piece = encoded as? EncodedWideRows else { return }
        for index in used.indices where piece.used[index] { used[index] = true }
        switch piece.rows {
        case .cells(let cells) where guess == nil:
            spool.append { out in out.append(contentsOf: cells) }
            try spool.endReport()
        case .cells(let cells) where layout == nil && fixedLayout == nil:
            pending.append(contentsOf: cells)
            if pending.count >= Self.guessAfter { try startRows() }
        case .cells(let cells):
            var layout = try startedLayout()
            let filled = WideRowLayout(used: piece.used)
            if !layout.lists(filled.positions) { layout = try switchLayout(to: layout.adding(filled.positions)) }
            try cells.withUnsafeBufferPointer { block throws(Diagnostic) in
                try WideRows.write(block, under: layout.positions, to: rows)
            }
        case .rendered(let rendered):
            for run in rendered {
                let layout = try startedLayout(including: run.layout)
                if run.layout != layout { try switchLayout(to: run.layout, sharing: false) }
                try rows.appendRendered(run.bytes)
            }
        }
    }

    func finish() throws {
        guard guess != nil else {
            let header = WideRowLayout(used: used).positions
            try writeHeader(header)
            try spool.replay { block throws(Diagnostic) in try WideRows.write(block, under: header, to: rows) }
            try rows.flush()
            return
        }
        let layout = try startedLayout()
        let final = fixedLayout ?? WideRowLayout(used: used)
        guard layout != final || runs.contains(where: { $0.layout != final }) else {
            try rows.flush()
            return
        }
        runs.append(.init(end: try rows.flushedLength(), layout: layout))
        rewroteRows = true
        let widening = WideRowWidening(headerStart: headerStart, rowsStart: rowsStart, runs: runs, final: final)
        try widening.rewrite(rows) { () throws(Diagnostic) in try writeHeader(final.positions) }
        try rows.flush()
    }

    /// The header rows are being written under, once the header is written.
    private func startedLayout(including extra: WideRowLayout? = nil) throws(Diagnostic) -> WideRowLayout {
        if let layout { return layout }
        try startRows(including: extra)
        return layout!
    }

    /// Guesses the header from the reports so far (or takes every column), writes it, and
    /// writes the rows held until now under it.
    private func startRows(including extra: WideRowLayout? = nil) throws(Diagnostic) {
        var first = fixedLayout ?? WideRowLayout(used: used)
        if let extra { first = first.adding(extra.positions) }
        first = guess?.widen(with: first) ?? first
        headerStart = try rows.flushedLength()
        try writeHeader(first.positions)
        rowsStart = try rows.flushedLength()
        layout = first
        let held = pending
        pending = []
        try held.withUnsafeBufferPointer { block throws(Diagnostic) in
            try WideRows.write(block, under: first.positions, to: rows)
        }
    }

    /// Writes the rows after under `wider`, and tells the piece encoders unless `sharing` is false.
    @discardableResult
    private func switchLayout(to wider: WideRowLayout, sharing: Bool = true) throws(Diagnostic) -> WideRowLayout {
        runs.append(.init(end: try rows.flushedLength(), layout: layout!))
        let next = sharing ? guess?.widen(with: wider) ?? wider : wider
        layout = next
        return next
    }

    private func writeHeader(_ positions: [Int]) throws(Diagnostic) {
        for position in positions {
            let column = WideColumns.all[position]
            rows.field(chinese ? WideColumns.chineseLabel(column) : WideColumns.key(column))
        }
        try rows.endRow()
    }
}
