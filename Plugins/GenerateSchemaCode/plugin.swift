import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-schema-code`
///
/// Regenerates the two files derived from `schemas/disclosure-report.v1.yaml`:
/// the Swift schema catalog compiled into `XchangeCore` and the published JSON Schema; and the
/// README's table of diagnostic codes, derived from `DiagnosticCode.all`.
/// All are checked in; a test fails when any is out of date.
@main
struct GenerateSchemaCode: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "xchange")
        let root = context.package.directoryURL
        let source = root.appending(path: "schemas/disclosure-report.v1.yaml")
        let outputs: [(flag: String, path: String)] = [
            ("--swift", "Sources/XchangeCore/Schema/CanonicalSchema+Generated.swift"),
            ("--json-schema", "schemas/disclosure-report.v1.schema.json"),
        ]
        for output in outputs {
            let process = Process()
            process.executableURL = tool.url
            process.arguments = [
                "schema", "--source", source.path, output.flag,
                "--output", root.appending(path: output.path).path,
            ]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                Diagnostics.error("xchange schema \(output.flag) failed with status \(process.terminationStatus)")
                return
            }
            print("wrote \(output.path)")
        }
        try updateDiagnosticCodeTable(tool: tool.url, readme: root.appending(path: "README.md"))
    }

    /// Replaces the README's table between its markers with `xchange schema --diagnostics
    /// --format markdown`.
    private func updateDiagnosticCodeTable(tool: URL, readme: URL) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = ["schema", "--diagnostics", "--format", "markdown"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let table = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Diagnostics.error("xchange schema --diagnostics failed with status \(process.terminationStatus)")
            return
        }
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- diagnostic-codes:begin -->\n"
        let end = "<!-- diagnostic-codes:end -->"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex)
        else {
            Diagnostics.error("README.md has no \(begin.dropLast()) … \(end) markers")
            return
        }
        let updated = text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: table)
        if updated != text { try updated.write(to: readme, atomically: true, encoding: .utf8) }
        print("updated the diagnostic codes in README.md")
    }
}
