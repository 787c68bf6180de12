import XchangeCore

/// Reads field values out of CSV cells.
///
/// Whole-number cells that are plain ASCII digits (the bulk of every table) are read straight
/// from the bytes; anything else goes through the core's strict ``FieldValue/parse(_:for:)``,
/// which also handles full-width digits, `1,234` and the blank markers.
enum CellDecoder {
    /// The value in cell `index` of the current record for `field`; nil when the cell is blank.
    static func value(
        _ records: CSVRecordReader, _ index: Int, for field: FieldDescriptor
    ) throws(Diagnostic) -> Result<FieldValue?, ValueProblem> {
        let record = records.record
        if record.isEmpty(index) { return .success(nil) }
        switch field.kind {
        case .count, .signedCount, .year:
            if let number = plainInteger(record, index) {
                let value = FieldValue.integer(number)
                if value.conforms(to: field.kind) { return .success(value) }
            }
        default: break
        }
        let text = try records.string(index)
        return parse(text, for: field)
    }

    /// A value from cell text: blank markers are absent values.
    static func parse(_ text: String, for field: FieldDescriptor) -> Result<FieldValue?, ValueProblem> {
        if FieldValue.isBlank(text) { return .success(nil) }
        return FieldValue.parse(text, for: field).map { $0 }
    }

    /// The cell as an integer when it is an optional minus and 1–18 ASCII digits.
    @inline(__always)
    static func plainInteger(_ record: CSVRecord, _ index: Int) -> Int? {
        let range = record.range(index)
        return record.bytes.withUnsafeBufferPointer { bytes -> Int? in
            var position = range.lowerBound
            var negative = false
            if bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            let digits = range.upperBound - position
            guard digits > 0, digits <= 18 else { return nil }
            var value = 0
            while position < range.upperBound {
                let digit = bytes[position] &- 0x30
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int(digit)
                position += 1
            }
            return negative ? -value : value
        }
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
            throw Diagnostic.error("csv.too-many-errors", "stopped after \(limit) errors (max-errors=\(limit)); see the errors above")
        }
    }

    /// At the end of the input: fails the read if any row was bad.
    func finish(_ file: String) throws(Diagnostic) {
        guard count > 0 else { return }
        throw Diagnostic.error("csv.errors", "\(file): \(count) error\(count == 1 ? "" : "s") (see above); no report with an error was passed on")
    }
}
