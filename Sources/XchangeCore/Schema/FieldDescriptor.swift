/// One canonical field: a table cell, a metadata item or a pre-2019 figure.
public struct FieldDescriptor: Hashable, Sendable {
    /// The stable dotted key path, e.g. `applications.new_received.natural_person`.
    public let key: String
    /// The value type.
    public let kind: FieldKind
    /// The exact Chinese label path as printed in the national format, outermost first:
    /// section heading, block or row labels, column label.
    public let label: [String]
    /// The unit (`万元`, `元`, `件`, `条`) where the schema names one.
    public let unit: String?
    /// The formats whose reports carry this field; empty means every format.
    public let formats: [FormatVersion]
    /// Allowed values of a `code` field; empty means unconstrained.
    public let values: [String]
    /// A regular expression a `code` field must match, if any.
    public let pattern: String?
    /// Variants of the leaf label seen in published reports.
    public let aliases: [String]
    /// A note on meaning, where the label alone does not say it.
    public let summary: String?

    public init(
        key: String, kind: FieldKind, label: [String], unit: String? = nil,
        formats: [FormatVersion] = [], values: [String] = [], pattern: String? = nil,
        aliases: [String] = [], summary: String? = nil
    ) {
        self.key = key
        self.kind = kind
        self.label = label
        self.unit = unit
        self.formats = formats
        self.values = values
        self.pattern = pattern
        self.aliases = aliases
        self.summary = summary
    }

    /// The key's segments (`["applications", "new_received", "natural_person"]`).
    public var segments: [Substring] {
        // Split as bytes: keys are ASCII, and splitting by Character was most of the time the
        // canonical layout took to build when a command starts.
        key.utf8.split(separator: UInt8(ascii: ".")).map { Substring($0) }
    }

    /// The label path joined with `/`, as used for Chinese CSV headers.
    public var labelPath: String { label.joined(separator: "/") }

    /// Whether a report of the given format may carry this field.
    public func applies(to format: FormatVersion?) -> Bool {
        guard let format, !formats.isEmpty else { return true }
        return formats.contains(format)
    }
}
