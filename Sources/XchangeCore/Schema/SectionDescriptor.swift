/// A text section of the report (一、总体情况, 五、…, 六、…, or the unnumbered preamble).
public struct SectionDescriptor: Hashable, Sendable {
    /// The canonical key: `preamble`, `overview`, `problems_and_improvements`, `other_matters`.
    public let key: String
    /// The exact heading of the national format.
    public let label: String
    /// Heading variants seen in published reports.
    public let aliases: [String]
    /// The sub-headings most reports use, in order.
    public let subsections: [SubsectionDescriptor]
    /// A note on what the section holds.
    public let summary: String?

    public init(
        key: String, label: String, aliases: [String] = [], subsections: [SubsectionDescriptor] = [],
        summary: String? = nil
    ) {
        self.key = key
        self.label = label
        self.aliases = aliases
        self.subsections = subsections
        self.summary = summary
    }
}

/// A recognised sub-heading of a text section, e.g. （一）主动公开 → `active_disclosure`.
public struct SubsectionDescriptor: Hashable, Sendable {
    public let key: String
    public let label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// A table of the report (二, 三, 四) and the heading it is printed under.
public struct TableDescriptor: Hashable, Sendable {
    /// The key prefix of the table's cells: `active_disclosure`, `applications`, ...
    public let key: String
    public let label: String
    public let aliases: [String]
    public let formats: [FormatVersion]

    public init(key: String, label: String, aliases: [String] = [], formats: [FormatVersion] = []) {
        self.key = key
        self.label = label
        self.aliases = aliases
        self.formats = formats
    }
}

/// A typical part heading of a pre-2019 narrative report, kept in `legacy.sections`.
public struct LegacySectionDescriptor: Hashable, Sendable {
    public let key: String
    public let label: String
    public let aliases: [String]

    public init(key: String, label: String, aliases: [String] = []) {
        self.key = key
        self.label = label
        self.aliases = aliases
    }
}
