import Foundation

/// Why a piece of text is not a valid value for a field.
public struct ValueProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}

extension FieldValue {
    /// Reads a value for `field` from the text of a data cell (CSV, YAML scalar, form entry).
    ///
    /// Full-width digits and thousands separators (`1,234`) are accepted; anything that is not
    /// exactly a value of the field's type is a problem, never a guess. Blank cells and the blank
    /// markers `/`, `—`, `无` are absent values: callers check ``isBlank(_:)`` first.
    public static func parse(
        _ text: some StringProtocol, for field: FieldDescriptor
    ) -> Result<FieldValue, ValueProblem> {
        // Most cells have nothing to trim: then skip Foundation's trimming.
        let whole = String(text)
        let plain =
            whole.utf8.first.map { $0 > 0x20 && $0 < 0x80 } == true
            && whole.utf8.last.map { $0 > 0x20 && $0 < 0x80 } == true
        let trimmed = plain ? whole : whole.trimmingCharacters(in: .whitespacesAndNewlines)
        // Only problems quote the text: build it for them alone, not for every value read.
        var found: String { "found \"\(trimmed)\"" }
        switch field.kind {
        case .count, .signedCount, .year:
            let digits = NumericLiteral.folded(trimmed)
            guard let value = NumericLiteral.integer(digits) else {
                if NumericLiteral.decimal(digits) != nil {
                    return .failure(ValueProblem("expected \(field.kind.expectation), \(found): not a whole number"))
                }
                return .failure(ValueProblem("expected \(field.kind.expectation), \(found)"))
            }
            let result = FieldValue.integer(value)
            guard result.conforms(to: field.kind) else {
                let why = value < 0 ? "a count cannot be negative" : "out of range"
                return .failure(ValueProblem("expected \(field.kind.expectation), \(found): \(why)"))
            }
            return .success(result)
        case .money:
            guard let value = NumericLiteral.decimal(NumericLiteral.folded(trimmed)) else {
                return .failure(ValueProblem("expected \(field.kind.expectation), \(found)"))
            }
            guard value >= 0 else {
                return .failure(
                    ValueProblem("expected \(field.kind.expectation), \(found): an amount cannot be negative"))
            }
            return .success(.decimal(value))
        case .percentage:
            // Commas as for every number: a thousands grouping is dropped, any other comma is
            // no percentage ("98,5" is not read as 985).
            var digits = NumericLiteral.folded(trimmed)
            if digits.hasSuffix("%") { digits.removeLast() }
            guard let percentage = Percentage(reported: digits) else {
                return .failure(ValueProblem("expected \(field.kind.expectation), \(found)"))
            }
            return .success(.percentage(percentage))
        case .date:
            guard let date = CalendarDate(parsing: NumericLiteral.folded(trimmed)) else {
                return .failure(ValueProblem("expected \(field.kind.expectation), \(found)"))
            }
            return .success(.date(date))
        case .flag:
            switch trimmed.lowercased() {
            case "true", "yes", "是", "有", "1": return .success(.flag(true))
            case "false", "no", "否", "无", "0": return .success(.flag(false))
            default: return .failure(ValueProblem("expected \(field.kind.expectation), \(found)"))
            }
        case .text:
            return .success(.text(String(text)))
        case .code:
            if let problem = CodeCheck.problem(trimmed, for: field) { return .failure(problem) }
            return .success(.text(trimmed))
        }
    }

    /// Whether a cell holds no value: empty, whitespace, or one of the blank markers reports
    /// print in empty cells (`/`, `—`, `-`, `无`).
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty || blankMarkers.contains(trimmed)
    }

    static let blankMarkers: Set<String> = ["/", "／", "—", "——", "-", "－", "无", "\\"]
}

extension FieldValue {
    /// The value of the `code` field `id` read from `text`, as ``parse(_:for:)`` reads it; nil
    /// when ``parse(_:for:)`` finds a problem, which it words. For readers that meet a code in
    /// every report: the field's rule is compiled once, and its descriptor is not copied.
    /// (A field of another kind is read by ``parse(_:for:)`` itself.)
    public static func code(_ text: String, for id: FieldID) -> FieldValue? {
        guard id.kind == .code else { return try? parse(text, for: id.descriptor).get() }
        let plain =
            text.utf8.first.map { $0 > 0x20 && $0 < 0x80 } == true
            && text.utf8.last.map { $0 > 0x20 && $0 < 0x80 } == true
        let trimmed = plain ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
        return CodeCheck.accepts(trimmed, field: id.index) ? .text(trimmed) : nil
    }
}

/// Checks a code against the field's allowed values or pattern.
enum CodeCheck {
    /// A code field's rule, compiled once.
    private struct Rule {
        let values: [String]
        let pattern: CodePattern?
    }

    /// The rules by field index (nil for fields that are not codes). Held in memory of their
    /// own for the life of the program, so that reading one lends it rather than copying it;
    /// written once, before any read.
    nonisolated(unsafe) private static let rules: UnsafeBufferPointer<Rule?> = {
        let fields = CanonicalSchema.v1.fields
        let rules = UnsafeMutableBufferPointer<Rule?>.allocate(capacity: fields.count)
        for (index, field) in fields.enumerated() {
            rules.initializeElement(
                at: index,
                to: field.kind == .code
                    ? Rule(values: field.values, pattern: field.pattern.flatMap { patterns[$0] }) : nil)
        }
        return UnsafeBufferPointer(rules)
    }()

    /// Whether `code` passes the rule of the field at `index` (a `code` field); ``problem(_:for:)``
    /// says what is wrong when it does not.
    static func accepts(_ code: String, field index: Int) -> Bool {
        guard let rule = rules[index] else { return true }
        if !rule.values.isEmpty, !rule.values.contains(code) { return false }
        return rule.pattern?.matches(code) ?? true
    }

    static func problem(_ code: String, for field: FieldDescriptor) -> ValueProblem? {
        if !field.values.isEmpty, !field.values.contains(code) {
            let suggestion = NearestName.find(code, among: field.values).map { "; did you mean \"\($0)\"?" } ?? ""
            return ValueProblem("\"\(code)\" is not one of \(field.values.joined(separator: ", "))\(suggestion)")
        }
        if let pattern = field.pattern, let compiled = patterns[pattern], !compiled.matches(code) {
            return ValueProblem("\"\(code)\" does not have the form of \(field.label.last ?? field.key) (\(pattern))")
        }
        return nil
    }

    static let patterns: [String: CodePattern] = {
        var compiled: [String: CodePattern] = [:]
        for field in CanonicalSchema.v1.fields {
            if let pattern = field.pattern { compiled[pattern] = CodePattern(pattern) }
        }
        return compiled
    }()
}

extension Character {
    /// 0-9 only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
