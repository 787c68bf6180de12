import XchangeJSON

extension ConfigShape {
    /// Writes the shape as JSON Schema (draft 2020-12). Numbers and booleans may also be given
    /// as a `${NAME}` variable, which the file holds as text until it is run.
    /// `header` writes members that come first (`$schema`, `title`).
    func writeJSONSchema(to writer: JSONWriter, summary: String? = nil, header: (JSONWriter) -> Void = { _ in }) {
        writer.beginObject()
        header(writer)
        if let summary {
            writer.key("description")
            writer.string(summary)
        }
        switch self {
        case .string:
            writer.key("type")
            writer.string("string")
        case .integer, .boolean:
            writer.key("anyOf")
            writer.beginArray()
            writer.beginObject()
            writer.key("type")
            writer.string(self.isInteger ? "integer" : "boolean")
            writer.endObject()
            Self.writeVariableReference(to: writer)
            writer.endArray()
        case .choice(let words):
            writer.key("enum")
            writer.beginArray()
            for word in words { writer.string(word) }
            writer.endArray()
        case .scalar:
            writer.key("type")
            writer.beginArray()
            for type in ["string", "number", "boolean", "null"] { writer.string(type) }
            writer.endArray()
        case .list(let item, let minItems):
            writer.key("type")
            writer.string("array")
            if minItems > 0 {
                writer.key("minItems")
                writer.int(minItems)
            }
            writer.key("items")
            item.writeJSONSchema(to: writer)
        case .object(let properties, let required, let additional):
            writer.key("type")
            writer.string("object")
            writer.key("properties")
            writer.beginObject()
            for property in properties {
                writer.key(property.name)
                property.shape.writeJSONSchema(to: writer, summary: property.summary)
            }
            writer.endObject()
            if !required.isEmpty {
                writer.key("required")
                writer.beginArray()
                for name in required { writer.string(name) }
                writer.endArray()
            }
            writer.key("additionalProperties")
            if let additional { additional.writeJSONSchema(to: writer) } else { writer.bool(false) }
        case .oneOf(let shapes):
            writer.key("anyOf")
            writer.beginArray()
            for shape in shapes { shape.writeJSONSchema(to: writer) }
            writer.endArray()
        case .null:
            writer.key("type")
            writer.string("null")
        case .reference(let target):
            writer.key("$ref")
            writer.string(target)
        case .any:
            break
        }
        writer.endObject()
    }

    private var isInteger: Bool {
        if case .integer = self { return true }
        return false
    }

    private static func writeVariableReference(to writer: JSONWriter) {
        writer.beginObject()
        writer.key("type")
        writer.string("string")
        writer.key("pattern")
        writer.string("^\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}$")
        writer.endObject()
    }
}
