/// A consistency rule of the schema (spec §4), e.g. `T3-1`.
public struct RuleDescriptor: Hashable, Sendable {
    /// The stable rule id that findings carry.
    public let id: String
    /// How serious a violation is.
    public let severity: Severity
    /// The formats the rule applies to; empty means every format.
    public let formats: [FormatVersion]
    /// A short Chinese title.
    public let title: String
    /// What the rule demands, in Chinese with English.
    public let message: String
    /// The check the validator runs.
    public let check: RuleCheck

    public init(
        id: String, severity: Severity, formats: [FormatVersion] = [], title: String, message: String, check: RuleCheck
    ) {
        self.id = id
        self.severity = severity
        self.formats = formats
        self.title = title
        self.message = message
        self.check = check
    }

    /// Whether the rule applies to a report of the given format.
    public func applies(to format: FormatVersion?) -> Bool {
        guard let format, !formats.isEmpty else { return true }
        return formats.contains(format)
    }
}

/// What a rule checks. Key templates may contain `$name`, bound by a ``LoopVariable``.
public enum RuleCheck: Hashable, Sendable {
    /// Σ left == Σ right.
    case sumEqual(SumTerms)
    /// Σ left ≤ Σ right.
    case sumAtMost(SumTerms)
    /// Every value under the prefix has its field's type and range.
    case types(prefix: String)
    /// A value equals the previous year's value of another field (same agency).
    case crossYearEqual(CrossYearTerms)
    /// current == previous(last year) + Σ plus − Σ minus (same agency).
    case crossYearBalance(CrossYearTerms)
    /// Facts that restate one of these fields must agree with it.
    case factsMatch(keys: [String])
    /// The field holds a GB 32100 unified social credit code with a valid check character.
    case usccCheck(key: String)
    /// The organisation code inside a USCC passes its GB 11714 check.
    case orgCodeCheck(key: String)
    /// The first date is not after the second.
    case dateOrder(from: String, to: String)
}

/// A variable that a rule's key templates are instantiated over.
public struct LoopVariable: Hashable, Sendable {
    public let name: String
    public let values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// What to do when one side of a sum is wholly blank while the other holds figures.
public enum BlankPolicy: String, Hashable, Sendable {
    /// Report a warning: the blank cells should hold the figure (spec §4.1 T3-3).
    case warn
    /// Say nothing: the rule only checks figures that are there.
    case skip
}

/// The two sides of a sum rule.
public struct SumTerms: Hashable, Sendable {
    public let forEach: LoopVariable?
    /// The field path findings name, with `*` for the summed part (`applications.*.$column`).
    public let path: String
    public let left: [String]
    public let right: [String]
    public let whenBlank: BlankPolicy

    public init(
        forEach: LoopVariable? = nil, path: String, left: [String], right: [String], whenBlank: BlankPolicy = .warn
    ) {
        self.forEach = forEach
        self.path = path
        self.left = left
        self.right = right
        self.whenBlank = whenBlank
    }
}

/// The terms of a rule that compares a report with the same agency's previous year.
public struct CrossYearTerms: Hashable, Sendable {
    public let forEach: LoopVariable?
    public let path: String
    public let current: String
    public let previous: String
    public let plus: [String]
    public let minus: [String]

    public init(
        forEach: LoopVariable? = nil, path: String, current: String, previous: String, plus: [String] = [],
        minus: [String] = []
    ) {
        self.forEach = forEach
        self.path = path
        self.current = current
        self.previous = previous
        self.plus = plus
        self.minus = minus
    }
}
