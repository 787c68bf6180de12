import XchangeCore
import XchangeJSON

/// Lays a report out as wide-layout cells: (column position in ``WideColumns/all``, text),
/// in column order, present cells only.
///
/// Cells are encoded into a compact byte record — `[UInt16 position][UInt32 length][UTF-8]`
/// per cell, `0xFFFF` at the end — that the wide writer can hold or spool before it knows
/// which columns the header needs.
enum ReportCells {
    static let endMarker: UInt16 = 0xFFFF

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
        var nextPart = 0
        func emitParts(before position: Int, into out: inout [UInt8]) {
            while nextPart < partColumns.count, partColumns[nextPart].position < position {
                let (partPosition, column) = partColumns[nextPart]
                nextPart += 1
                if case .sectionText(let section) = column {
                    guard let text = report[section: section]?.text, !text.isEmpty else { continue }
                    used[partPosition] = true
                    append(position: partPosition, text: text, into: &out)
                } else if writeParts(report, column, into: parts) {
                    used[partPosition] = true
                    parts.drain { append(position: partPosition, utf8: $0, into: &out) }
                }
            }
        }
        for (id, value) in report.values.present {
            let position = WideColumns.positionOfField[id.index]
            emitParts(before: position, into: &out)
            used[position] = true
            if case .integer(let number) = value {
                appendHeader(position: position, length: 0, into: &out)
                let lengthAt = out.count - 4
                let start = out.count
                appendDecimal(number, to: &out)
                storeLength(out.count - start, at: lengthAt, in: &out)
            } else if case .decimal(let number) = value {
                LiteralBytes.withLiteral(number) { append(position: position, utf8: $0, into: &out) }
            } else if case .date(let date) = value {
                LiteralBytes.withText(date) { append(position: position, utf8: $0, into: &out) }
            } else {
                append(position: position, text: value.plainText, into: &out)
            }
        }
        emitParts(before: Int.max, into: &out)
        out.append(UInt8(endMarker & 0xFF))
        out.append(UInt8(endMarker >> 8))
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
        var index = offset
        while true {
            let position = Int(bytes[index]) | Int(bytes[index + 1]) << 8
            index += 2
            if position == Int(endMarker) { return index }
            let length =
                Int(bytes[index]) | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2]) << 16 | Int(bytes[index + 3])
                << 24
            index += 4
            try body(position, UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
            index += length
        }
    }

    private static func append(position: Int, text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(position: position, utf8: $0, into: &out) }
    }

    private static func append(position: Int, utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        appendHeader(position: position, length: utf8.count, into: &out)
        out.append(contentsOf: utf8)
    }

    @inline(__always)
    private static func appendHeader(position: Int, length: Int, into out: inout [UInt8]) {
        out.append(UInt8(position & 0xFF))
        out.append(UInt8(position >> 8))
        out.append(UInt8(length & 0xFF))
        out.append(UInt8((length >> 8) & 0xFF))
        out.append(UInt8((length >> 16) & 0xFF))
        out.append(UInt8((length >> 24) & 0xFF))
    }

    @inline(__always)
    private static func storeLength(_ length: Int, at index: Int, in out: inout [UInt8]) {
        out[index] = UInt8(length & 0xFF)
        out[index + 1] = UInt8((length >> 8) & 0xFF)
        out[index + 2] = UInt8((length >> 16) & 0xFF)
        out[index + 3] = UInt8((length >> 24) & 0xFF)
    }

    /// Appends a decimal integer's ASCII digits.
    @inline(__always)
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 0, value < 10 {
            out.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") &+ UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }
}
