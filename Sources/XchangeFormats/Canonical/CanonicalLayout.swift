import XchangeCore

/// The nesting of the canonical JSON/YAML form: the schema's dotted keys as a tree of objects,
/// in schema order, with the text sections, facts and provenance at their places.
///
/// Built once from the schema; encoder and decoder both walk it, so the two cannot disagree.
final class CanonicalLayout: Sendable {
    /// A node of the object tree.
    final class Node: Sendable {
        let path: String
        let children: [(name: String, entry: Entry)]
        let childIndex: [String: Int]
        /// The children's names and entries as separate arrays: walked for every report.
        let names: [String]
        /// The names as UTF-8, for decoders that compare keys as bytes.
        let encodedNames: [EncodedKey]
        let entries: [Entry]
        /// Every field under this node, to tell an empty object without walking it.
        let fieldIDs: [FieldID]
        let fieldSet: FieldSet

        init(path: String, children: [(name: String, entry: Entry)]) {
            self.path = path
            self.children = children
            var index: [String: Int] = [:]
            for (position, child) in children.enumerated() { index[child.name] = position }
            self.childIndex = index
            self.names = children.map(\.name)
            self.encodedNames = children.map { EncodedKey($0.name) }
            self.entries = children.map(\.entry)
            self.fieldIDs = children.flatMap { $0.entry.fieldIDs }
            self.fieldSet = FieldSet(fieldIDs)
        }

        func child(_ name: String) -> Entry? { childIndex[name].map { children[$0].entry } }
    }

    /// What sits under a key.
    enum Entry: Sendable {
        case field(FieldID)
        case object(Node)
        /// `text` + `subsections` of a text section, merged into the object at this path.
        case sectionText(SectionKey)
        case sectionSubsections(SectionKey)
        case legacySections
        case facts
        case provenance

        var fieldIDs: [FieldID] {
            switch self {
            case .field(let id): [id]
            case .object(let node): node.fieldIDs
            default: []
            }
        }
    }

    let root: Node

    static let shared = CanonicalLayout(schema: .v1)

    init(schema: CanonicalSchema) {
        // A mutable trie first; frozen into Nodes afterwards.
        final class Builder {
            var order: [String] = []
            var fields: [String: FieldID] = [:]
            var objects: [String: Builder] = [:]
            var specials: [String: Entry] = [:]

            func object(_ name: String) -> Builder {
                if let existing = objects[name] { return existing }
                let builder = Builder()
                objects[name] = builder
                order.append(name)
                return builder
            }

            func add(_ name: String, _ entry: Entry) {
                order.append(name)
                specials[name] = entry
            }

            func freeze(_ path: String) -> Node {
                Node(
                    path: path,
                    children: order.map { name in
                        let childPath = path.isEmpty ? name : path + "." + name
                        if let id = fields[name] { return (name, .field(id)) }
                        if let object = objects[name] { return (name, .object(object.freeze(childPath))) }
                        return (name, specials[name]!)
                    })
            }
        }
        let root = Builder()
        // Top-level order: meta, the sections and tables in report order, legacy, facts, provenance.
        _ = root.object("meta")
        for (name, section) in [("preamble", SectionKey.preamble), ("overview", .overview)] {
            let object = root.object(name)
            object.add("text", .sectionText(section))
            object.add("subsections", .sectionSubsections(section))
        }
        for table in ["active_disclosure", "active_disclosure_2019", "applications", "review_litigation"] {
            _ = root.object(table)
        }
        for (name, section) in [
            ("problems_and_improvements", SectionKey.problemsAndImprovements), ("other_matters", .otherMatters),
        ] {
            let object = root.object(name)
            object.add("text", .sectionText(section))
            object.add("subsections", .sectionSubsections(section))
        }
        _ = root.object("legacy")
        for (position, field) in schema.fields.enumerated() {
            // The key's segments cut at its dots, found as bytes (keys are ASCII): every command
            // that writes JSON or YAML builds this layout before its first report.
            let key = field.key
            var node = root
            var segmentStart = key.startIndex
            for index in key.utf8.indices where key.utf8[index] == UInt8(ascii: ".") {
                node = node.object(String(key[segmentStart..<index]))
                segmentStart = key.utf8.index(after: index)
            }
            let leaf = String(key[segmentStart...])
            node.fields[leaf] = FieldID(index: position)
            node.order.append(leaf)
        }
        root.object("legacy").add("sections", .legacySections)
        root.add("facts", .facts)
        root.add("provenance", .provenance)
        self.root = root.freeze("")
    }
}
