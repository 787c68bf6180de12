import XchangeCore
import XchangeJSON

/// The JSON Schema (draft 2020-12) of the canonical JSON form, derived from the same layout
/// the encoder and decoder walk, so the published schema and the code cannot disagree.
public enum CanonicalJSONSchema {
    /// The schema document as JSON bytes (pretty, with a final newline).
    public static func render(_ schema: CanonicalSchema = .v1) -> [UInt8] {
        JSONWriter.encode(document(schema)) + [0x0A]
    }

    static func document(_ schema: CanonicalSchema) -> JSONValue {
        object(
            [
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$id", .string("urn:xchange:schema:\(schema.id):v\(schema.version)")),
                ("title", .string("政府信息公开工作年度报告 — \(schema.id) v\(schema.version)")),
                (
                    "description",
                    .string(
                        "One government information-disclosure annual report in xchange's canonical form. Absent values are left out, never written as 0 or null. Generated from schemas/\(schema.id).v\(schema.version).yaml; do not edit."
                    )
                ),
            ] + objectBody(CanonicalLayout.shared.root, schema) + [("$defs", definitions(schema))])
    }

    private static func objectBody(_ node: CanonicalLayout.Node, _ schema: CanonicalSchema) -> [(String, JSONValue)] {
        var properties: [(String, JSONValue)] = []
        for (name, entry) in node.children {
            properties.append((name, property(entry, name: name, schema)))
        }
        return [
            ("type", .string("object")), ("additionalProperties", .bool(false)), ("properties", object(properties)),
        ]
    }

    private static func property(_ entry: CanonicalLayout.Entry, name: String, _ schema: CanonicalSchema) -> JSONValue {
        switch entry {
        case .field(let id):
            let field = schema.fields[id.index]
            var members: [(String, JSONValue)] = [
                ("$ref", .string("#/$defs/\(field.kind.rawValue)")),
                ("title", .string(field.label.last ?? field.key)),
                ("description", .string(describe(field))),
            ]
            if !field.values.isEmpty { members.append(("enum", .array(field.values.map(JSONValue.string)))) }
            if let pattern = field.pattern { members.append(("pattern", .string(pattern))) }
            return object(members)
        case .object(let node):
            var members = objectBody(node, schema)
            if let section = schema.sections.first(where: { $0.key == node.path }) {
                members.insert(("title", .string(section.label)), at: 0)
                // A section may also be given as its bare text.
                return object([("anyOf", .array([object(members), object([("type", .string("string"))])]))])
            }
            if let table = schema.tables.first(where: { $0.key == node.path }) {
                members.insert(("title", .string(table.label)), at: 0)
            }
            return object(members)
        case .sectionText:
            return object([
                ("type", .string("string")), ("description", .string("Body text before the first sub-heading.")),
            ])
        case .sectionSubsections, .legacySections:
            return object([("type", .string("array")), ("items", object([("$ref", .string("#/$defs/subsection"))]))])
        case .facts:
            return object([("type", .string("array")), ("items", object([("$ref", .string("#/$defs/fact"))]))])
        case .provenance:
            return object([
                ("type", .string("object")),
                ("description", .string("Where each value was read from, by key path.")),
                ("additionalProperties", object([("$ref", .string("#/$defs/source"))])),
            ])
        }
    }

    private static func describe(_ field: FieldDescriptor) -> String {
        var text = field.labelPath
        if let unit = field.unit { text += " (\(unit))" }
        if !field.formats.isEmpty { text += "; formats: " + field.formats.map(\.rawValue).joined(separator: ", ") }
        if !field.aliases.isEmpty { text += "; also printed as: " + field.aliases.joined(separator: ", ") }
        if let summary = field.summary { text += ". " + summary }
        return text
    }

    private static func definitions(_ schema: CanonicalSchema) -> JSONValue {
        let string = JSONValue.string("string")
        return object([
            ("count", object([("type", .string("integer")), ("minimum", .number("0"))])),
            ("signed_count", object([("type", .string("integer"))])),
            (
                "year",
                object([("type", .string("integer")), ("minimum", .number("1000")), ("maximum", .number("9999"))])
            ),
            (
                "money",
                object([
                    ("type", .string("number")), ("minimum", .number("0")),
                    ("description", .string("A decimal amount in the unit the key names; read and written exactly.")),
                ])
            ),
            (
                "percentage",
                object([("type", .string("number")), ("description", .string("As reported: 86.92 for 86.92%."))])
            ),
            ("text", object([("type", string)])),
            (
                "date",
                object([
                    ("type", string), ("format", .string("date")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")),
                ])
            ),
            ("code", object([("type", string)])),
            ("flag", object([("type", .string("boolean"))])),
            (
                "subsection",
                object([
                    ("type", .string("object")), ("additionalProperties", .bool(false)),
                    ("required", .array([.string("heading"), .string("text")])),
                    (
                        "properties",
                        object([
                            ("heading", object([("type", string)])), ("key", object([("type", string)])),
                            ("text", object([("type", string)])),
                        ])
                    ),
                ])
            ),
            (
                "fact",
                object([
                    ("type", .string("object")), ("additionalProperties", .bool(false)),
                    ("required", .array([.string("label"), .string("value")])),
                    (
                        "properties",
                        object([
                            ("label", object([("type", string)])), ("value", object([("type", .string("number"))])),
                            ("unit", object([("type", string)])),
                            (
                                "key",
                                object([
                                    ("type", string),
                                    ("description", .string("The field this figure restates, if any.")),
                                ])
                            ),
                            ("source", object([("$ref", .string("#/$defs/source"))])),
                        ])
                    ),
                ])
            ),
            (
                "source",
                object([
                    ("type", .string("object")), ("additionalProperties", .bool(false)),
                    (
                        "properties",
                        object([
                            ("file", object([("type", string)])),
                            ("line", object([("type", .string("integer")), ("minimum", .number("1"))])),
                            ("column", object([("type", .string("integer")), ("minimum", .number("1"))])),
                            ("snippet", object([("type", string)])),
                        ])
                    ),
                ])
            ),
        ])
    }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(key: $0.0, value: $0.1) })
    }
}
