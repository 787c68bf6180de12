import Foundation

/// The value of one canonical field. Counts are integers, money is `Decimal` (never a binary
/// float), percentages keep the figure as reported. A field with no value is absent from the
/// report, never a zero.
public enum FieldValue: Hashable, Sendable {
    /// `count`, `signed_count` and `year` fields.
    case integer(Int)
    /// `money` fields, in the unit the field names.
    case decimal(Decimal)
    /// `percentage` fields.
    case percentage(Percentage)
    /// `text` and `code` fields.
    case text(String)
    /// `date` fields.
    case date(CalendarDate)
    /// `flag` fields.
    case flag(Bool)

    /// The number inside, for sums: integers and decimals (percentages are not summed).
    public var number: Decimal? {
        switch self {
        case .integer(let value): Decimal(value)
        case .decimal(let value): value
        case .percentage(let value): value.value
        case .text, .date, .flag: nil
        }
    }

    /// The value as plain text: how CSV cells and the report text print it.
    public var plainText: String {
        switch self {
        case .integer(let value): String(value)
        case .decimal(let value): DecimalText.format(value)
        case .percentage(let value): value.reported
        case .text(let value): value
        case .date(let value): value.description
        case .flag(let value): value ? "true" : "false"
        }
    }

    /// Whether the value is of the kind a field of `kind` holds, and within its range.
    public func conforms(to kind: FieldKind) -> Bool {
        switch (kind, self) {
        case (.count, .integer(let value)): value >= 0
        case (.signedCount, .integer): true
        case (.year, .integer(let value)): (1000...9999).contains(value)
        case (.money, .decimal(let value)): value >= 0 && !value.isNaN
        case (.percentage, .percentage): true
        case (.text, .text), (.code, .text): true
        case (.date, .date): true
        case (.flag, .flag): true
        default: false
        }
    }
}

/// A percentage as a report printed it: `reported` keeps the digits exactly (86.90 stays 86.90),
/// `value` is the number.
public struct Percentage: Hashable, Sendable, CustomStringConvertible {
    /// Only the digits are stored: it keeps every field value small, and the number is rarely needed.
    public let reported: String

    /// A percentage from its printed digits (without the `%`), if they form a decimal number.
    public init?(reported: String) {
        var digits = reported
        guard digits.withUTF8({ NumericLiteral.isDecimal($0) }) else { return nil }
        self.reported = reported
    }

    /// A percentage from digits the caller has already checked with ``NumericLiteral/isDecimal(_:)``.
    public init(checkedDigits: String) {
        self.reported = checkedDigits
    }

    /// The percentage as a number (86.92 for 86.92%).
    public var value: Decimal { DecimalText.parse(reported)! }

    public var description: String { reported + "%" }
}
