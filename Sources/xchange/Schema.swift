import ArgumentParser
import Foundation
import XchangeCore
import XchangeFormats
import XchangeSchemaTools

/// `xchange schema`
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the canonical schema: its fields, its rules, its JSON Schema, or the diagnostic codes.",
        discussion: """
            Without a flag, lists every field: key, type and the Chinese label path. The schema's \
            source is schemas/disclosure-report.v1.yaml; the built-in copy is compiled from it.

            Examples:
              xchange schema                      # every field key, type and label
              xchange schema --rules              # the consistency rules
              xchange schema --diagnostics        # every diagnostic code and what it means
              xchange schema --diagnostics --format json
              xchange schema --json-schema --output schemas/disclosure-report.v1.schema.json
              xchange schema --source schemas/disclosure-report.v1.yaml --swift
            """
    )

    @Flag(help: "Print the consistency rules.")
    var rules = false

    @Flag(name: .customLong("json-schema"), help: "Print the JSON Schema (draft 2020-12) of the canonical JSON form.")
    var jsonSchema = false

    @Flag(help: "Print the Swift schema catalog compiled into xchange (for regenerating it).")
    var swift = false

    @Flag(help: "Print every diagnostic code (besides the rule ids of --rules), its severity and meaning.")
    var diagnostics = false

    @Option(help: "How --diagnostics prints: text, json or markdown (the README's table).")
    var format: ListingFormat = .text

    enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Option(help: "Read the schema from this YAML source instead of the built-in copy.")
    var source: String?

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if [rules, jsonSchema, swift, diagnostics].filter({ $0 }).count > 1 {
            throw ValidationError("give at most one of --rules, --json-schema, --swift, --diagnostics")
        }
        if format != .text && !diagnostics {
            throw ValidationError("--format applies to --diagnostics")
        }
    }

    func run() throws {
        try CommandFailure.run {
            let schema = try loadSchema()
            let text: [UInt8]
            if diagnostics {
                text = DiagnosticCodeListing.render(DiagnosticCode.all, as: format)
            } else if jsonSchema {
                text = CanonicalJSONSchema.render(schema)
            } else if swift {
                text = Array(SwiftCatalogRenderer.render(schema).utf8)
            } else if rules {
                text = Array(SchemaListing.rules(schema).utf8)
            } else {
                text = Array(SchemaListing.fields(schema).utf8)
            }
            if let output {
                let file = try AtomicFileOutput(path: output)
                try file.sink.write(text)
                try file.commit()
            } else {
                try OutputSink.standardOutput().write(text)
            }
        }
    }

    private func loadSchema() throws -> CanonicalSchema {
        guard let source else { return .v1 }
        let input = try InputSource(path: source)
        return try SchemaSourceLoader.load(try input.readAll(), file: source)
    }
}

/// Plain-text listings of the schema.
enum SchemaListing {
    static func fields(_ schema: CanonicalSchema) -> String {
        let width = schema.fields.map(\.key.count).max() ?? 0
        return schema.fields.map { field in
            let padding = String(repeating: " ", count: width - field.key.count)
            var line =
                "\(field.key)\(padding)  \(field.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))  \(field.labelPath)"
            if let unit = field.unit { line += " (\(unit))" }
            return line
        }.joined(separator: "\n") + "\n"
    }

    static func rules(_ schema: CanonicalSchema) -> String {
        schema.rules.map { rule in
            let formats = rule.formats.isEmpty ? "all formats" : rule.formats.map(\.rawValue).joined(separator: ", ")
            return "\(rule.id)  \(rule.severity.rawValue)  \(rule.title) [\(formats)]\n    \(rule.message)"
        }.joined(separator: "\n") + "\n"
    }
}
