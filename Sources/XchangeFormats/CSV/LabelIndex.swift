import XchangeCore

/// Finds canonical fields by their Chinese label path, tolerating the variants published
/// reports print: labels are compared in ``LabelText/normalized(_:)`` form, and every segment
/// may be replaced by one of the schema's `label_aliases` (the leaf also by the field's aliases).
///
/// An official path always wins over an alias spelling; an alias spelling that two fields
/// would share names neither.
struct LabelIndex: Sendable {
    private var byPath: [String: FieldID] = [:]
    private var byLeaf: [String: FieldID] = [:]

    static let shared = LabelIndex(schema: .v1)

    init(schema: CanonicalSchema) {
        var aliasPaths: [String: FieldID?] = [:]
        var normalizedAliases: [String: [String]] = [:]
        for (official, variants) in schema.labelAliases {
            normalizedAliases[LabelText.normalized(official)] = variants.map(LabelText.normalized)
        }
        var leaves: [String: FieldID?] = [:]
        for (index, field) in schema.fields.enumerated() {
            let id = FieldID(index: index)
            let segments = field.label.map(LabelText.normalized)
            byPath[segments.joined(separator: "/")] = id
            var choices = segments.map { [$0] + (normalizedAliases[$0] ?? []) }
            choices[choices.count - 1] += field.aliases.map(LabelText.normalized)
            for path in Self.combinations(choices) where byPath[path] == nil {
                if let existing = aliasPaths[path], existing != id {
                    aliasPaths[path] = .some(nil)
                } else {
                    aliasPaths[path] = id
                }
            }
            for leaf in choices[choices.count - 1] {
                if let existing = leaves[leaf], existing != id { leaves[leaf] = .some(nil) } else { leaves[leaf] = id }
            }
        }
        for (path, id) in aliasPaths where byPath[path] == nil {
            if let id { byPath[path] = id }
        }
        for (leaf, id) in leaves { if let id { byLeaf[leaf] = id } }
    }

    /// The field whose label path (segments joined with `/`) this is.
    func field(path: String) -> FieldID? {
        byPath[LabelText.normalized(path)]
    }

    /// The field for a label path given as segments.
    func field(segments: [String]) -> FieldID? {
        byPath[segments.map(LabelText.normalized).joined(separator: "/")]
    }

    /// The field whose leaf label (or leaf alias) this is, when only one field has it.
    func field(leaf: String) -> FieldID? {
        byLeaf[LabelText.normalized(leaf)]
    }

    private static func combinations(_ choices: [[String]]) -> [String] {
        var paths = [""]
        for (position, options) in choices.enumerated() {
            var next: [String] = []
            for path in paths {
                for option in options { next.append(position == 0 ? option : path + "/" + option) }
            }
            paths = next
        }
        return paths
    }
}
