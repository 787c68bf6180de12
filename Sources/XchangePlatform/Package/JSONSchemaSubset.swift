import Foundation
import XchangeCore
import XchangeJSON

/// Checks JSON against a JSON Schema (draft 2020-12) that uses only the keywords a manifest
/// needs: `type`, `const`, `enum`, `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`,
/// `required`, `properties`, `additionalProperties: false`, `items`, `minItems`, `maxItems`,
/// and the annotations `$schema`, `$id`, `title`, `description`.
///
/// A schema using any other keyword is refused when the checker is made, so the schema file
/// cannot gain a rule that this checker silently ignores.
struct JSONSchemaSubset {
    /// One place where the value breaks the schema.
    struct Violation: Hashable, Sendable {
        /// Where: `entries[1].sha256`, or `(root)`.
        var path: String
        var message: String
        var position: JSONPosition?
    }

    static let keywords: Set<String> = [
        "$schema", "$id", "title", "description", "type", "const", "enum", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
    ]

    private let schema: JSONValue
    private let patterns: [String: NSRegularExpression]

    /// Fails naming the first keyword this checker does not implement, or a bad pattern.
    init(_ schema: JSONValue) throws {
        var patterns: [String: NSRegularExpression] = [:]
        try Self.collect(schema, at: "(schema)", into: &patterns)
        self.schema = schema
        self.patterns = patterns
    }

    private static func collect(
        _ schema: JSONValue, at path: String, into patterns: inout [String: NSRegularExpression]
    ) throws {
        guard let members = schema.members else { throw SchemaProblem("\(path) is not an object") }
        for member in members {
            guard keywords.contains(member.key) else {
                throw SchemaProblem("\(path) uses \(member.key), which the manifest checker does not implement")
            }
            switch member.key {
            case "pattern":
                guard let text = member.value.stringValue else {
                    throw SchemaProblem("\(path).pattern is not a string")
                }
                patterns[text] = try NSRegularExpression(pattern: text)
            case "properties":
                for property in member.value.members ?? [] {
                    try collect(property.value, at: "\(path).\(property.key)", into: &patterns)
                }
            case "items":
                try collect(member.value, at: "\(path).items", into: &patterns)
            case "additionalProperties":
                guard member.value == .bool(false) else {
                    throw SchemaProblem("\(path).additionalProperties: only false is implemented")
                }
            default: break
            }
        }
    }

    /// Every violation, in document order.
    func check(_ value: JSONValue) -> [Violation] {
        var found: [Violation] = []
        check(value, against: schema, path: "", position: JSONPosition(line: 1, column: 1), into: &found)
        return found
    }

    private func check(
        _ value: JSONValue, against schema: JSONValue, path: String, position: JSONPosition?,
        into found: inout [Violation]
    ) {
        func fail(_ message: String) {
            found.append(Violation(path: path.isEmpty ? "(root)" : path, message: message, position: position))
        }
        if let type = schema["type"]?.stringValue, !Self.has(value, type: type) {
            fail("must be \(Self.article(type)), not \(value.kindDescription)")
            return
        }
        if let constant = schema["const"], value != constant {
            fail("must be \(String(decoding: JSONWriter.encode(constant, style: .compact), as: UTF8.self))")
        }
        if let choices = schema["enum"]?.elements, !choices.contains(value) {
            let list = choices.map { String(decoding: JSONWriter.encode($0, style: .compact), as: UTF8.self) }
            fail("must be one of \(list.joined(separator: ", "))")
        }
        if case .string(let text) = value {
            checkString(text, against: schema, fail: fail)
        }
        if case .number(let literal) = value, let number = Decimal(string: literal) {
            if let minimum = schema["minimum"]?.numberLiteral.flatMap({ Decimal(string: $0) }), number < minimum {
                fail("must be at least \(minimum)")
            }
            if let maximum = schema["maximum"]?.numberLiteral.flatMap({ Decimal(string: $0) }), number > maximum {
                fail("must be at most \(maximum)")
            }
        }
        if case .array(let items) = value {
            if let least = schema["minItems"]?.numberLiteral.flatMap({ Int($0) }), items.count < least {
                fail("must hold at least \(least) item\(least == 1 ? "" : "s")")
            }
            if let most = schema["maxItems"]?.numberLiteral.flatMap({ Int($0) }), items.count > most {
                fail("must hold at most \(most) items")
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(
                        item, against: itemSchema, path: "\(path)[\(index)]",
                        position: Self.start(of: item) ?? position, into: &found)
                }
            }
        }
        if case .object(let members) = value {
            checkObject(members, against: schema, path: path, position: position, into: &found)
        }
    }

    private func checkString(_ text: String, against schema: JSONValue, fail: (String) -> Void) {
        let length = text.unicodeScalars.count
        if let least = schema["minLength"]?.numberLiteral.flatMap({ Int($0) }), length < least {
            fail(least == 1 ? "must not be empty" : "must be at least \(least) characters long")
        }
        if let most = schema["maxLength"]?.numberLiteral.flatMap({ Int($0) }), length > most {
            fail("must be at most \(most) characters long")
        }
        if let pattern = schema["pattern"]?.stringValue, let regex = patterns[pattern] {
            let range = NSRange(text.startIndex..., in: text)
            if regex.firstMatch(in: text, range: range) == nil {
                fail("\"\(text)\" does not match \(pattern)")
            }
        }
    }

    private func checkObject(
        _ members: [JSONMember], against schema: JSONValue, path: String, position: JSONPosition?,
        into found: inout [Violation]
    ) {
        let properties = schema["properties"]?.members ?? []
        var seen: Set<String> = []
        for member in members {
            let memberPath = path.isEmpty ? member.key : "\(path).\(member.key)"
            guard seen.insert(member.key).inserted else {
                found.append(Violation(path: memberPath, message: "is given twice", position: member.position))
                continue
            }
            if let property = properties.first(where: { $0.key == member.key }) {
                check(
                    member.value, against: property.value, path: memberPath, position: member.valuePosition,
                    into: &found)
            } else if schema["additionalProperties"] == .bool(false) {
                let known = properties.map(\.key)
                let hint = NearestName.find(member.key, among: known).map { "; did you mean \($0)?" } ?? ""
                found.append(
                    Violation(
                        path: memberPath, message: "is not a member of the manifest\(hint)", position: member.position))
            }
        }
        for name in schema["required"]?.elements?.compactMap(\.stringValue) ?? [] where !seen.contains(name) {
            let memberPath = path.isEmpty ? name : "\(path).\(name)"
            found.append(Violation(path: memberPath, message: "is missing", position: position))
        }
    }

    private static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
            ("number", .number):
            true
        case ("integer", .number(let literal)):
            literal.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
        default: false
        }
    }

    private static func article(_ type: String) -> String {
        ["object", "array", "integer"].contains(type) ? "an \(type)" : "a \(type)"
    }

    /// Where an array element starts, when it is an object (its first member's key).
    private static func start(of value: JSONValue) -> JSONPosition? {
        value.members?.first.map { JSONPosition(line: $0.position.line, column: max($0.position.column - 1, 1)) }
    }
}

/// A schema that uses what the checker does not implement.
struct SchemaProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
