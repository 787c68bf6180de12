import Foundation
import XchangeCore

/// Turns a JSON/YAML scalar into a field value of the field's type, strictly: a string is
/// never read as a count, a fraction never as a whole number.
enum FieldValueDecoding {
    static func value<Node: DocumentNode>(
        _ content: DocumentContent<Node>, for id: FieldID
    ) -> Result<FieldValue, ValueProblem> {
        let kind = id.kind
        // Built only when needed: this runs for every cell of every report.
        var expected: String { "expected \(kind.expectation), found \(content.summary)" }
        switch (kind, content) {
        case (.count, .number(let literal)), (.signedCount, .number(let literal)), (.year, .number(let literal)):
            guard let integer = NumericLiteral.wholeNumber(literal) else {
                return .failure(ValueProblem("\(expected): not a whole number"))
            }
            let value = FieldValue.integer(integer)
            guard value.conforms(to: kind) else {
                return .failure(
                    ValueProblem("\(expected): " + (integer < 0 ? "a count cannot be negative" : "out of range")))
            }
            return .success(value)
        case (.money, .number(let literal)):
            guard let number = DecimalText.parse(literal) else { return .failure(ValueProblem(expected)) }
            guard number >= 0 else { return .failure(ValueProblem("\(expected): an amount cannot be negative")) }
            return .success(.decimal(number))
        case (.percentage, .number(let literal)):
            guard let percentage = Percentage(reported: literal) else { return .failure(ValueProblem(expected)) }
            return .success(.percentage(percentage))
        case (.text, .string(let text)):
            return .success(.text(text))
        case (.code, .string(let text)), (.code, .number(let text)), (.text, .number(let text)):
            // Codes such as postcodes are often written as bare numbers in hand-made YAML.
            return FieldValue.parse(text, for: id.descriptor)
        case (.date, .string(let text)):
            guard let date = CalendarDate(parsing: text) else {
                return .failure(ValueProblem("\(expected): not a YYYY-MM-DD date"))
            }
            return .success(.date(date))
        case (.flag, .bool(let flag)):
            return .success(.flag(flag))
        default:
            return .failure(ValueProblem(expected))
        }
    }
}
