import XchangeCore
import XchangeYAML

/// Reads the schema source (`schemas/disclosure-report.v1.yaml`) into a ``CanonicalSchema``.
///
/// Every problem names its line and column; unknown keys are errors, so that a misspelt
/// `aliasses:` cannot silently drop data from the schema.
public enum SchemaSourceLoader {
    public static func load(_ bytes: [UInt8], file: String) throws(Diagnostic) -> CanonicalSchema {
        let documents: [YAMLNode]
        do {
            documents = try parseYAMLDocuments(bytes)
        } catch {
            throw Diagnostic.error(
                "schema.syntax", error.message,
                at: SourceReference(file: file, line: error.mark?.line, column: error.mark?.column))
        }
        guard documents.count == 1 else {
            throw Diagnostic.error(
                "schema.shape", "expected one YAML document, found \(documents.count)", at: SourceReference(file: file))
        }
        var reader = SchemaNodeReader(file: file)
        return try reader.schema(documents[0])
    }
}

/// Walks the schema document, turning nodes into descriptors.
struct SchemaNodeReader {
    let file: String

    func fail(_ message: String, _ node: YAMLNode) -> Diagnostic {
        Diagnostic.error(
            "schema.invalid", message, at: SourceReference(file: file, line: node.mark.line, column: node.mark.column))
    }

    /// The pairs of a mapping, checking that only `allowed` keys appear and `required` ones do.
    func mapping(
        _ node: YAMLNode, allowed: Set<String>, required: Set<String> = [], what: String
    ) throws(Diagnostic) -> [String: YAMLNode] {
        guard let pairs = node.mapping else { throw fail("expected a mapping for \(what)", node) }
        var result: [String: YAMLNode] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { throw fail("keys of \(what) must be plain text", pair.key) }
            guard allowed.contains(key) else {
                let hint = NearestName.find(key, among: allowed).map { "; did you mean \($0)?" } ?? ""
                throw fail(
                    "unknown key \"\(key)\" in \(what)\(hint); allowed: \(allowed.sorted().joined(separator: ", "))",
                    pair.key)
            }
            guard result[key] == nil else { throw fail("duplicate key \"\(key)\" in \(what)", pair.key) }
            result[key] = pair.value
        }
        for key in required.sorted() where result[key] == nil {
            throw fail("\(what) needs \"\(key)\"", node)
        }
        return result
    }

    func string(_ node: YAMLNode?, _ what: String) throws(Diagnostic) -> String {
        guard let node, let scalar = node.scalar else {
            throw fail(
                "expected text for \(what)", node ?? .scalar(YAMLScalar(value: "", mark: YAMLMark(line: 0, column: 0))))
        }
        return scalar.value
    }

    func optionalString(_ node: YAMLNode?, _ what: String) throws(Diagnostic) -> String? {
        guard let node else { return nil }
        return try string(node, what)
    }

    func strings(_ node: YAMLNode?, _ what: String) throws(Diagnostic) -> [String] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw fail("expected a list for \(what)", node) }
        var result: [String] = []
        for item in items { result.append(try string(item, what)) }
        return result
    }

    func formats(_ node: YAMLNode?) throws(Diagnostic) -> [FormatVersion] {
        guard let node else { return [] }
        var result: [FormatVersion] = []
        for name in try strings(node, "formats") {
            guard let format = FormatVersion(rawValue: name) else {
                throw fail(
                    "unknown format \"\(name)\"; known: \(FormatVersion.allCases.map(\.rawValue).joined(separator: ", "))",
                    node)
            }
            result.append(format)
        }
        return result
    }

    mutating func schema(_ root: YAMLNode) throws(Diagnostic) -> CanonicalSchema {
        let top = try mapping(
            root,
            allowed: [
                "schema", "version", "title", "format_versions", "types", "sections", "tables", "legacy_sections",
                "label_aliases", "fields", "rules",
            ],
            required: ["schema", "version", "fields", "rules"], what: "the schema")
        guard let version = Int(try string(top["version"], "version")) else {
            throw fail("version must be a whole number", top["version"]!)
        }
        var fields: [FieldDescriptor] = []
        var seen: Set<String> = []
        for node in top["fields"]?.sequence ?? [] {
            let field = try self.field(node)
            guard seen.insert(field.key).inserted else { throw fail("field \(field.key) is defined twice", node) }
            fields.append(field)
        }
        var sections: [SectionDescriptor] = []
        for node in top["sections"]?.sequence ?? [] { sections.append(try section(node)) }
        var tables: [TableDescriptor] = []
        for node in top["tables"]?.sequence ?? [] {
            let map = try mapping(
                node, allowed: ["key", "label", "aliases", "formats"], required: ["key", "label"], what: "a table")
            tables.append(
                TableDescriptor(
                    key: try string(map["key"], "key"), label: try string(map["label"], "label"),
                    aliases: try strings(map["aliases"], "aliases"), formats: try formats(map["formats"])))
        }
        var legacy: [LegacySectionDescriptor] = []
        for node in top["legacy_sections"]?.sequence ?? [] {
            let map = try mapping(
                node, allowed: ["key", "label", "aliases"], required: ["key", "label"], what: "a legacy section")
            legacy.append(
                LegacySectionDescriptor(
                    key: try string(map["key"], "key"), label: try string(map["label"], "label"),
                    aliases: try strings(map["aliases"], "aliases")))
        }
        var aliases: [String: [String]] = [:]
        for pair in top["label_aliases"]?.mapping ?? [] {
            aliases[try string(pair.key, "label")] = try strings(pair.value, "label aliases")
        }
        let known = Set(fields.map(\.key))
        var rules: [RuleDescriptor] = []
        for node in top["rules"]?.sequence ?? [] {
            var reader = RuleNodeReader(base: self, knownKeys: known)
            rules.append(try reader.rule(node))
        }
        return CanonicalSchema(
            id: try string(top["schema"], "schema"), version: version, fields: fields, sections: sections,
            tables: tables, legacySections: legacy, labelAliases: aliases, rules: rules)
    }

    func field(_ node: YAMLNode) throws(Diagnostic) -> FieldDescriptor {
        let map = try mapping(
            node, allowed: ["key", "type", "label", "unit", "formats", "values", "pattern", "aliases", "description"],
            required: ["key", "type", "label"], what: "a field")
        let key = try string(map["key"], "key")
        guard
            key.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ segment in
                !segment.isEmpty && segment.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }
            })
        else { throw fail("field key \"\(key)\" must be dotted snake_case", map["key"]!) }
        let typeName = try string(map["type"], "type")
        guard let kind = FieldKind(rawValue: typeName) else {
            throw fail(
                "unknown type \"\(typeName)\" of \(key); known: \(FieldKind.allCases.map(\.rawValue).joined(separator: ", "))",
                map["type"]!)
        }
        return FieldDescriptor(
            key: key, kind: kind, label: try strings(map["label"], "label"),
            unit: try optionalString(map["unit"], "unit"),
            formats: try formats(map["formats"]), values: try strings(map["values"], "values"),
            pattern: try optionalString(map["pattern"], "pattern"), aliases: try strings(map["aliases"], "aliases"),
            summary: try optionalString(map["description"], "description"))
    }

    func section(_ node: YAMLNode) throws(Diagnostic) -> SectionDescriptor {
        let map = try mapping(
            node, allowed: ["key", "label", "aliases", "subsections", "description"], required: ["key", "label"],
            what: "a section")
        var subsections: [SubsectionDescriptor] = []
        for item in map["subsections"]?.sequence ?? [] {
            let sub = try mapping(item, allowed: ["key", "label"], required: ["key", "label"], what: "a subsection")
            subsections.append(
                SubsectionDescriptor(key: try string(sub["key"], "key"), label: try string(sub["label"], "label")))
        }
        return SectionDescriptor(
            key: try string(map["key"], "key"), label: try string(map["label"], "label"),
            aliases: try strings(map["aliases"], "aliases"),
            subsections: subsections, summary: try optionalString(map["description"], "description"))
    }
}
