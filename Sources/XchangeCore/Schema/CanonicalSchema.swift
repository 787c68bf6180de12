/// The canonical schema of a disclosure report: every field, text section, table heading and
/// consistency rule. Generated from `schemas/disclosure-report.v1.yaml` (see ``v1``).
public struct CanonicalSchema: Hashable, Sendable {
    /// `disclosure-report`.
    public let id: String
    public let version: Int
    /// The fields in schema order, which is also the order every writer uses.
    public let fields: [FieldDescriptor]
    public let sections: [SectionDescriptor]
    public let tables: [TableDescriptor]
    public let legacySections: [LegacySectionDescriptor]
    /// Variants of label segments seen in published reports, by the official segment.
    public let labelAliases: [String: [String]]
    public let rules: [RuleDescriptor]

    private let indexByKey: [String: Int]
    private let prefixes: Set<String>

    public init(
        id: String, version: Int, fields: [FieldDescriptor], sections: [SectionDescriptor],
        tables: [TableDescriptor], legacySections: [LegacySectionDescriptor],
        labelAliases: [String: [String]], rules: [RuleDescriptor]
    ) {
        self.id = id
        self.version = version
        self.fields = fields
        self.sections = sections
        self.tables = tables
        self.legacySections = legacySections
        self.labelAliases = labelAliases
        self.rules = rules
        var index: [String: Int] = [:]
        var prefixes: Set<String> = []
        for (position, field) in fields.enumerated() {
            index[field.key] = position
            // Searched as bytes (keys are ASCII): by Character, this loop was a tenth of a
            // command's start.
            var prefix = Substring(field.key).utf8
            while let dot = prefix.lastIndex(of: UInt8(ascii: ".")) {
                prefix = prefix[..<dot]
                prefixes.insert(String(Substring(prefix)))
            }
        }
        self.indexByKey = index
        self.prefixes = prefixes
    }

    /// The field with this key, if the schema has one.
    public func field(_ key: String) -> FieldDescriptor? {
        indexByKey[key].map { fields[$0] }
    }

    /// The position of a field in schema order.
    public func fieldID(_ key: String) -> FieldID? {
        indexByKey[key].map(FieldID.init(index:))
    }

    /// Whether `path` is a proper prefix of some field key (an object in nested JSON/YAML).
    public func isGroup(_ path: String) -> Bool { prefixes.contains(path) }

    /// The rule with this id.
    public func rule(_ id: String) -> RuleDescriptor? { rules.first { $0.id == id } }

    /// The known key closest to a misspelt one, for "did you mean" messages.
    public func nearestKey(to key: String) -> String? {
        NearestName.find(key, among: fields.map(\.key) + Array(prefixes))
    }
}
