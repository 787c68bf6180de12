/// A setting a format module understands, given as `--option name=value`.
///
/// The declaration is the one place that knows an option's default and accepted values:
/// ``FormatOptions`` checks what the user gave against it and fills in the default, so a
/// module reads settings without repeating either.
public struct FormatOption: Hashable, Sendable {
    public let name: String
    public let summary: String
    /// The accepted values, when the option is a choice; empty for free values.
    public let values: [String]
    /// The value used when the option is not given; nil when the option has none (it is then
    /// simply absent).
    public let defaultValue: String?
    /// Whether the value must be a whole number ≥ 0 (checked when options are given).
    public let takesWholeNumber: Bool
    /// Whether the option concerns reading, writing or both: `--option` goes to the sides that
    /// take it, so that a reader and a writer can each have their own `layout`.
    public let sides: FormatCapabilities

    /// A choice (when `values` is not empty) or a free value.
    public init(
        name: String, summary: String, values: [String] = [], defaultValue: String? = nil,
        for sides: FormatCapabilities = [.read, .write]
    ) {
        self.init(
            name: name, summary: summary, values: values, defaultValue: defaultValue, wholeNumber: false, sides: sides)
    }

    private init(
        name: String, summary: String, values: [String], defaultValue: String?, wholeNumber: Bool,
        sides: FormatCapabilities
    ) {
        self.name = name
        self.summary = summary
        self.values = values
        self.defaultValue = defaultValue
        self.takesWholeNumber = wholeNumber
        self.sides = sides
    }

    /// A true/false option.
    public static func flag(
        _ name: String, summary: String, default value: Bool, for sides: FormatCapabilities = [.read, .write]
    ) -> FormatOption {
        FormatOption(
            name: name, summary: summary, values: ["true", "false"], defaultValue: value ? "true" : "false", for: sides)
    }

    /// An option taking a whole number ≥ 0.
    public static func wholeNumber(
        _ name: String, summary: String, default value: Int, for sides: FormatCapabilities = [.read, .write]
    ) -> FormatOption {
        FormatOption(
            name: name, summary: summary, values: [], defaultValue: String(value), wholeNumber: true, sides: sides)
    }

    /// Whether this is a true/false option (see ``flag(_:summary:default:for:)``).
    public var isFlag: Bool { values == ["true", "false"] }

    /// Why `value` is not accepted, or nil when it is.
    func problem(with value: String, module: String) -> String? {
        if !values.isEmpty, !values.contains(value) {
            return "option \(name) of the \(module) format takes \(values.joined(separator: ", ")), not \"\(value)\""
        }
        if takesWholeNumber, Int(value).map({ $0 < 0 }) ?? true {
            return "option \(name) of the \(module) format takes a whole number ≥ 0, not \"\(value)\""
        }
        return nil
    }
}
