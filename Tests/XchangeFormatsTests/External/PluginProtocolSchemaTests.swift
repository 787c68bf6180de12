import Foundation
import Testing
import XchangeCore
import XchangeJSON

@testable import XchangeFormats

/// The sample programs answer `describe` as the protocol's JSON Schemas require.
struct PluginProtocolSchemaTests {
    static let schemas = ExternalFixtures.root.appending(path: "schemas")

    /// The `required` keys of a schema and the JSON types its properties allow.
    static func contract(_ name: String) throws -> (required: [String], types: [String: [String]]) {
        let schema = try parseJSON(Array(try Data(contentsOf: schemas.appending(path: name))))
        let required = (schema["required"]?.elements ?? []).compactMap(\.stringValue)
        var types: [String: [String]] = [:]
        for member in schema["properties"]?.members ?? [] {
            switch member.value["type"] {
            case .string(let type)?: types[member.key] = [type]
            case .array(let list)?: types[member.key] = list.compactMap(\.stringValue)
            default: break
            }
        }
        return (required, types)
    }

    static func jsonType(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let literal): Int(literal) != nil ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Problems of `value` against the contract: missing required keys, mistyped properties.
    static func problems(
        _ value: JSONValue, against contract: (required: [String], types: [String: [String]])
    ) -> [String] {
        var found = contract.required.filter { value[$0] == nil }.map { "missing \($0)" }
        for member in value.members ?? [] {
            guard let allowed = contract.types[member.key] else { continue }
            let type = jsonType(member.value)
            if !allowed.contains(type), !(type == "integer" && allowed.contains("number")) {
                found.append("\(member.key) is \(type), not \(allowed.joined(separator: "/"))")
            }
        }
        return found
    }

    @Test(.enabled(if: ExternalFixtures.hasPython, "python3 is missing: the sample describe check is skipped"))
    func sampleDescriptionsMeetTheDescribeSchema() throws {
        let contract = try Self.contract("plugin-describe.v1.schema.json")
        #expect(contract.required == ["protocol_version", "id", "name", "summary", "version"])
        for (kind, name) in [(ExternalProgram.Kind.format, "kv"), (.step, "stamp")] {
            let program = ExternalProgram(
                kind: kind, name: name, path: ExternalFixtures.samplePlugins + "/" + kind.prefix + name)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program.path)
            process.arguments = ["describe"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let bytes = Array(out.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            let value = try parseJSON(bytes)
            #expect(
                Self.problems(value, against: contract).isEmpty, "\(name): \(Self.problems(value, against: contract))")
            if kind == .format {
                #expect(["extensions", "read", "write"].allSatisfy { value[$0] != nil })
            }
            _ = try ProgramDescription(parsing: bytes, of: program)
        }
    }

    @Test func diagnosticsOfTheSamplesMeetTheDiagnosticSchema() throws {
        let contract = try Self.contract("plugin-diagnostic.v1.schema.json")
        #expect(contract.required == ["severity", "code", "message"])
        let line = try parseJSON(#"{"severity": "error", "code": "kv.syntax", "message": "m", "line": 3, "column": 1}"#)
        #expect(Self.problems(line, against: contract).isEmpty)
        #expect(Self.problems(try parseJSON(#"{"severity": "error", "line": "3"}"#), against: contract).count == 3)
    }

    @Test func descriptionsThatBreakTheProtocolAreRefused() {
        let program = ExternalProgram(kind: .format, name: "kv", path: "/p/xchange-format-kv")
        func refusal(_ text: String) -> Diagnostic? {
            do {
                _ = try ProgramDescription(parsing: Array(text.utf8), of: program)
                return nil
            } catch { return error }
        }
        let good =
            #"{"protocol_version": 1, "id": "kv", "name": "K", "summary": "s", "version": "1", "extensions": ["kv"], "read": true, "write": false}"#
        #expect(refusal(good) == nil)
        #expect(
            refusal(good.replacingOccurrences(of: "\"protocol_version\": 1", with: "\"protocol_version\": 2"))?.code
                == "plugin.protocol")
        #expect(
            refusal(good.replacingOccurrences(of: "\"id\": \"kv\"", with: "\"id\": \"other\""))?.message.contains(
                "file name says \"kv\"") == true)
        #expect(refusal(good.replacingOccurrences(of: "[\"kv\"]", with: "[\".kv\"]"))?.code == "plugin.describe")
        #expect(
            refusal(good.replacingOccurrences(of: "\"read\": true", with: "\"read\": false"))?.message.contains(
                "both false") == true)
        #expect(refusal("not json")?.message.contains("printed a malformed description") == true)
        #expect(refusal("[]")?.message.contains("expected one JSON object") == true)
        #expect(
            refusal(good.replacingOccurrences(of: "}", with: #", "options": [{"name": "x"}]}"#))?.message.contains(
                "options[0].summary") == true)
    }
}
