import Foundation
import XchangeCore

/// Reads field values out of CSV cells.
///
/// The common shapes — plain ASCII whole numbers (the bulk of every table), text without
/// surrounding blanks, ISO dates, `true`/`false` — are read straight from the cell's bytes.
/// Anything else goes through the core's strict ``FieldValue/parse(_:for:)``, which also
/// handles full-width digits, `1,234` and the blank markers; so both paths accept exactly the
/// same cells.
struct CellDecoder {
    /// Each field's last code; shared with the reader's cells of JSON, for their recent texts.
    let caches = DirectJSONCaches(sharingStrings: true)

    /// The value in cell `index` of `record` for `field`; nil when the cell is blank.
    func value(
        _ record: CSVRecord, _ index: Int, for id: FieldID, kind: FieldKind, reader: CSVRecordReader
    ) throws(Diagnostic) -> Result<FieldValue?, ValueProblem> {
        let range = record.range(index)
        if range.isEmpty { return .success(nil) }
        let fast: FieldValue?? = record.bytes.withUnsafeBufferPointer { buffer in
            let cell = UnsafeBufferPointer(rebasing: buffer[range])
            // Codes repeat from row to row (format version, level, division): the same
            // bytes as the field's last code are the same value, checked once.
            if kind == .code, let known = caches.lastCode(for: id, equalTo: cell) { return .some(known) }
            return Self.fastValue(cell, kind: kind)
        }
        if let fast { return .success(fast) }
        let text = try reader.string(index)
        if kind == .code {
            // Their rules are compiled once (`FieldValue.code`).
            let plain = record.bytes.withUnsafeBufferPointer {
                Self.isPlainASCII(UnsafeBufferPointer(rebasing: $0[range]))
            }
            if !plain, FieldValue.isBlank(text) { return .success(nil) }
            if let value = FieldValue.code(text, for: id) {
                record.bytes.withUnsafeBufferPointer {
                    caches.rememberCode(value, for: id, bytes: UnsafeBufferPointer(rebasing: $0[range]))
                }
                return .success(value)
            }
        }
        // The strict parser, which also words the problem.
        return Self.parse(text, for: id.descriptor)
    }

    /// A value from cell text: blank markers are absent values.
    static func parse(_ text: String, for field: FieldDescriptor) -> Result<FieldValue?, ValueProblem> {
        if FieldValue.isBlank(text) { return .success(nil) }
        return FieldValue.parse(text, for: field).map { $0 }
    }

    /// The value when the bytes have one of the plain shapes: `.some(nil)` for a cell that is
    /// certainly blank, nil when the strict parser must decide.
    @inline(__always)
    static func fastValue(_ bytes: UnsafeBufferPointer<UInt8>, kind: FieldKind) -> FieldValue?? {
        let first = bytes[0]
        let last = bytes[bytes.count - 1]
        if kind == .text {
            guard hasPlainEdges(bytes) else { return nil }
            if bytes.count == 1, first == UInt8(ascii: "/") || first == UInt8(ascii: "-") || first == UInt8(ascii: "\\")
            {
                return .some(nil)
            }
            guard let text = UTF8Text.string(bytes) else { return nil }
            return .some(.text(text))
        }
        // Anything with surrounding blanks or non-ASCII edges (full-width digits, ideographic
        // space, blank markers such as 无 or —) takes the strict path.
        guard first > 0x20, first < 0x80, last > 0x20, last < 0x80 else { return nil }
        switch kind {
        case .count, .signedCount, .year:
            guard let number = NumericLiteral.integer(bytes) else { return nil }
            let value = FieldValue.integer(number)
            return value.conforms(to: kind) ? .some(value) : nil
        case .date:
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
                let date = CalendarDate(year: year, month: month, day: day)
            else { return nil }
            return .some(.date(date))
        case .money:
            // A negative amount takes the strict path, which says why it is refused.
            guard first != UInt8(ascii: "-") else { return nil }
            return NumericLiteral.plainDecimal(bytes).map { .some(.decimal($0)) }
        case .percentage:
            // As the strict parser reads it: a closing % dropped, the digits kept as printed.
            let digits = last == UInt8(ascii: "%") ? UnsafeBufferPointer(rebasing: bytes.dropLast()) : bytes
            guard !digits.isEmpty, !digits.contains(UInt8(ascii: ",")), NumericLiteral.isDecimal(digits),
                let text = UTF8Text.string(digits)
            else { return nil }
            return .some(.percentage(Percentage(checkedDigits: text)))
        case .flag:
            if bytes.elementsEqual("true".utf8) { return .some(.flag(true)) }
            if bytes.elementsEqual("false".utf8) { return .some(.flag(false)) }
            return nil
        default:
            return nil
        }
    }

    /// Whether the bytes are printable ASCII with no blank at either end.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Whether text starts and ends with neither whitespace (ASCII, no-break, ideographic,
    /// U+2000–U+200B) nor a dash, and is not one of the blank markers 无, ／, －.
    @inline(__always)
    static func hasPlainEdges(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        let first = bytes[0]
        let last = bytes[count - 1]
        if first <= 0x20 || last <= 0x20 { return false }
        if first == 0xC2 || first == 0xE2 || first == 0xEF { return false }
        if first == 0xE3, count > 1, bytes[1] == 0x80 { return false }
        if last >= 0x80 {
            guard count >= 3 else { return false }
            let lead = bytes[count - 3]
            if bytes[count - 2] == 0xC2 || lead == 0xE2 || lead == 0xEF || (lead == 0xE3 && bytes[count - 2] == 0x80) {
                return false
            }
            if count == 3, lead == 0xE6, bytes[1] == 0x97, last == 0xA0 { return false }  // 无
        }
        return true
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for position in start..<(start + count) {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}

/// Counts bad rows against `max-errors`: by default the first error stops the read; with a
/// limit, errors are reported and reading goes on until the limit. Either way a read with any
/// error ends by throwing, so the conversion fails and leaves no output.
final class RowErrors {
    private let limit: Int
    private let diagnostics: any DiagnosticCollector
    private(set) var count = 0

    init(limit: Int, diagnostics: any DiagnosticCollector) {
        self.limit = limit
        self.diagnostics = diagnostics
    }

    func report(_ diagnostic: Diagnostic) throws(Diagnostic) {
        count += 1
        guard limit > 0 else { throw diagnostic }
        diagnostics.report(diagnostic)
        if count >= limit {
            throw Diagnostic.error(
                "csv.too-many-errors", "stopped after \(limit) errors (max-errors=\(limit)); see the errors above")
        }
    }

    /// At the end of the input: fails the read if any row was bad.
    func finish(_ file: String) throws(Diagnostic) {
        guard count > 0 else { return }
        throw Diagnostic.error(
            "csv.errors",
            "\(file): \(count) error\(count == 1 ? "" : "s") (see above); no report with an error was passed on")
    }
}
