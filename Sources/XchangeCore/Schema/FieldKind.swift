/// The value type of a canonical field, as named in the schema's `types` section.
public enum FieldKind: String, CaseIterable, Hashable, Sendable {
    /// An integer ≥ 0: a number of applications, documents, decisions (件/条).
    case count
    /// An integer that may be negative: only the 2019 format's 本年增/减 cells.
    case signedCount = "signed_count"
    /// A four-digit calendar year.
    case year
    /// A decimal amount ≥ 0 in the unit the field names (元 or 万元); never a binary float.
    case money
    /// A percentage as reported (86.92 for 86.92%), kept exactly as written.
    case percentage
    /// Free text.
    case text
    /// An ISO 8601 calendar date.
    case date
    /// An identifier or enumerated code, constrained by `values` or `pattern`.
    case code
    /// True or false.
    case flag

    /// Whether values of this kind are numbers that take part in sums.
    public var isNumeric: Bool {
        switch self {
        case .count, .signedCount, .money, .percentage: true
        case .year, .text, .date, .code, .flag: false
        }
    }

    /// What a value of this kind looks like, for error messages.
    public var expectation: String {
        switch self {
        case .count: "a count (an integer ≥ 0)"
        case .signedCount: "an integer"
        case .year: "a four-digit year"
        case .money: "an amount (a decimal number ≥ 0)"
        case .percentage: "a percentage (a decimal number)"
        case .text: "text"
        case .date: "a date (YYYY-MM-DD)"
        case .code: "a code"
        case .flag: "true or false"
        }
    }
}
