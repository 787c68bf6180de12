import XchangeCore
import XchangeJSON

/// Lays a report out as wide-layout cells: (column position in ``WideColumns/all``, text),
/// in column order, present cells only.
///
/// Cells are encoded into a compact byte record that the wide writer can hold or spool before
/// it knows which columns the header needs: the length of the rest of the record (four bytes,
/// low first, so that a report can be passed over whole), then per cell how far its column is
/// past the previous cell's (at least 1) and its length, each as a variable-length number
/// (seven bits a byte, low bits first; one byte for nearly every cell), then its UTF-8; a 0
/// byte ends the report. Short headers matter: a report has hundreds of cells, most of a few
/// bytes.
enum ReportCells {
    static let endMarker: UInt8 = 0

    /// The non-field columns and where they sit, in position order.
    private static let partColumns: [(position: Int, column: WideColumn)] = WideColumns.all.enumerated().compactMap {
        position, column in
        if case .field = column { return nil }
        return (position, column)
    }

    /// A writer for the JSON of part cells that keeps everything until drained.
    static func makePartsWriter() -> JSONWriter { JSONWriter(style: .compact, chunkSize: .max) { _ in } }

    /// Appends the report's cells to `out`; marks their columns in `used`. The JSON of part
    /// cells (sub-sections, facts) goes through `parts`, which callers keep from one report to
    /// the next rather than make one per cell.
    static func encode(
        _ report: Report, into out: inout [UInt8], used: inout [Bool], parts: JSONWriter = makePartsWriter()
    ) {
        var record = Record()
        swap(&record.bytes, &out)
        let start = record.bytes.count
        record.bytes.append(contentsOf: [0, 0, 0, 0])
        visit(report, used: &used, parts: parts, with: &record)
        record.bytes.append(endMarker)
        let length = record.bytes.count - start - 4
        for byte in 0..<4 { record.bytes[start + byte] = UInt8(truncatingIfNeeded: length >> (8 * byte)) }
        swap(&record.bytes, &out)
    }

    /// Hands the report's cells to `visitor` in column order; marks their columns in `used`.
    static func visit<Visitor: WideCellVisitor>(
        _ report: Report, used: inout [Bool], parts: JSONWriter, with visitor: inout Visitor
    ) {
        // Each static table is fetched once here: inside the loop every read of a global
        // would go through its once-only initialisation check.
        let partColumns = Self.partColumns
        let positionOfField = WideColumns.positionOfField
        var nextPart = 0
        func visitParts(before position: Int) {
            while nextPart < partColumns.count, partColumns[nextPart].position < position {
                let (partPosition, column) = partColumns[nextPart]
                nextPart += 1
                if case .sectionText(let section) = column {
                    guard var text = report[section: section]?.text, !text.isEmpty else { continue }
                    used[partPosition] = true
                    text.withUTF8 { visitor.cell(partPosition, utf8: $0) }
                } else if writeParts(report, column, into: parts) {
                    used[partPosition] = true
                    parts.drain { visitor.cell(partPosition, utf8: $0) }
                }
            }
        }
        for (id, value) in report.values.present {
            let position = positionOfField[id.index]
            visitParts(before: position)
            used[position] = true
            if case .integer(let number) = value {
                visitor.cell(position, integer: number)
            } else if case .decimal(let number) = value {
                LiteralBytes.withLiteral(number) { visitor.cell(position, utf8: $0) }
            } else if case .date(let date) = value {
                LiteralBytes.withText(date) { visitor.cell(position, utf8: $0) }
            } else {
                var text = value.plainText
                text.withUTF8 { visitor.cell(position, utf8: $0) }
            }
        }
        visitParts(before: Int.max)
    }

    /// The columns the report fills, in order.
    static func columns(of report: Report) -> [Int] {
        var used = [Bool](repeating: false, count: WideColumns.all.count)
        var ignored = IgnoredCells()
        visit(report, used: &used, parts: makePartsWriter(), with: &ignored)
        return used.indices.filter { used[$0] }
    }

    /// Builds the compact record of one report's cells.
    private struct Record: WideCellVisitor {
        var bytes: [UInt8] = []
        var previous = -1

        @inline(__always)
        mutating func cell(_ position: Int, utf8: UnsafeBufferPointer<UInt8>) {
            appendNumber(position - previous, to: &bytes)
            previous = position
            appendNumber(utf8.count, to: &bytes)
            bytes.append(contentsOf: utf8)
        }

        @inline(__always)
        mutating func cell(_ position: Int, integer: Int) {
            // At most 20 digits and a sign: the length takes one byte, filled in after.
            appendNumber(position - previous, to: &bytes)
            previous = position
            bytes.append(0)
            let lengthAt = bytes.count - 1
            appendDecimal(integer, to: &bytes)
            bytes[lengthAt] = UInt8(bytes.count - lengthAt - 1)
        }
    }

    private struct IgnoredCells: WideCellVisitor {
        func cell(_ position: Int, utf8: UnsafeBufferPointer<UInt8>) {}
        func cell(_ position: Int, integer: Int) {}
    }

    /// The offset just past the encoded report starting at `offset`, without reading its cells.
    static func end(of bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        return offset + 4 + length
    }

    /// Writes the JSON of a list-shaped column (sub-sections, facts) to `writer`; false,
    /// writing nothing, when the report has none or the column is not list-shaped.
    static func writeParts(_ report: Report, _ column: WideColumn, into writer: JSONWriter) -> Bool {
        switch column {
        case .field, .sectionText: return false
        case .sectionParts(let section):
            guard let parts = report[section: section]?.subsections, !parts.isEmpty else { return false }
            ReportPartsCodec.write(parts, in: section, to: writer)
        case .legacySections:
            guard !report.legacySections.isEmpty else { return false }
            ReportPartsCodec.write(report.legacySections, in: nil, to: writer)
        case .facts:
            guard !report.facts.isEmpty else { return false }
            ReportPartsCodec.write(report.facts, to: writer)
        }
        return true
    }

    /// Calls `body` with each cell of the encoded report starting at `offset`; returns the
    /// offset just past it.
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, from offset: Int,
        _ body: (Int, UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void
    ) throws(Diagnostic) -> Int {
        var index = offset + 4
        var position = -1
        while true {
            let step = readNumber(bytes, at: &index)
            if step == Int(endMarker) { return index }
            position += step
            let length = readNumber(bytes, at: &index)
            try body(position, UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
            index += length
        }
    }

    /// Appends a non-negative number seven bits a byte, low bits first; the high bit of a byte
    /// says another follows.
    @inline(__always)
    private static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        var rest = UInt(value)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    @inline(__always)
    private static func readNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Int {
        var value = 0
        var shift = 0
        while true {
            let byte = bytes[index]
            index += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Appends a decimal integer's ASCII digits.
    @inline(__always)
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        DecimalDigits.forEachByte(of: value) { out.append($0) }
    }
}

/// Receives a report's cells in column order (``ReportCells/visit(_:used:parts:with:)``).
protocol WideCellVisitor {
    /// A cell's text, as UTF-8; `position` is its column's place in ``WideColumns/all``.
    mutating func cell(_ position: Int, utf8: UnsafeBufferPointer<UInt8>)
    /// A whole-number cell.
    mutating func cell(_ position: Int, integer: Int)
}
