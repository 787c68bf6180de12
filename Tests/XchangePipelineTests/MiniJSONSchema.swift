import Foundation
import XchangeYAML

/// Just enough of JSON Schema (draft 2020-12) to check documents against the schemas this
/// project writes: type, enum, properties, required, additionalProperties, items, minItems,
/// anyOf, pattern and local `$ref`s.
struct MiniJSONSchema {
    let root: [String: Any]

    /// Problems of `value` against `schema`, each naming the path.
    func problems(_ value: Any, _ schema: [String: Any]? = nil, path: String = "$") -> [String] {
        let schema = schema ?? root
        if let reference = schema["$ref"] as? String {
            var target: Any = root
            for part in reference.dropFirst(2).split(separator: "/") {
                target = (target as! [String: Any])[String(part)]!
            }
            return problems(value, target as? [String: Any], path: path)
        }
        var found: [String] = []
        if let types = schema["type"] {
            let names = (types as? [String]) ?? [types as! String]
            if !names.contains(where: { Self.isType(value, $0) }) {
                return ["\(path): not \(names.joined(separator: "|"))"]
            }
        }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { "\($0)" == "\(value)" }) {
            found.append("\(path): \(value) not in enum")
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            found.append("\(path): \(text) does not match \(pattern)")
        }
        if let alternatives = schema["anyOf"] as? [[String: Any]],
            !alternatives.contains(where: { problems(value, $0, path: path).isEmpty })
        {
            found.append("\(path): matches none of anyOf")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): missing \(name)")
            }
            for (key, member) in object {
                if let property = properties[key] as? [String: Any] {
                    found += problems(member, property, path: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(member, additional, path: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): unexpected \(key)")
                }
            }
        }
        if let array = value as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum {
                found.append("\(path): fewer than \(minimum) items")
            }
            if let items = schema["items"] as? [String: Any] {
                for (index, element) in array.enumerated() {
                    found += problems(element, items, path: "\(path)[\(index)]")
                }
            }
        }
        return found
    }

    static func isType(_ value: Any, _ name: String) -> Bool {
        switch name {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "integer": value is Int
        case "number": value is Int || value is Double
        case "boolean": value is Bool
        case "null": value is NSNull
        default: false
        }
    }

    /// A YAML node as the JSON value a YAML 1.2 core-schema reader makes of it.
    static func value(_ node: YAMLNode) -> Any {
        switch node {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return NSNull()
            case .bool: return scalar.value.lowercased() == "true"
            case .int: return Int(scalar.value) ?? scalar.value
            case .float: return Double(scalar.value) ?? scalar.value
            case .string: return scalar.value
            }
        case .sequence(let items, _): return items.map(value)
        case .mapping(let pairs, _):
            var object: [String: Any] = [:]
            for pair in pairs { object[pair.key.scalar?.value ?? ""] = value(pair.value) }
            return object
        }
    }
}
