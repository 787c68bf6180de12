import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-schema-code`
///
/// Regenerates the two files derived from `schemas/disclosure-report.v1.yaml`:
/// the Swift schema catalog compiled into `XchangeCore` and the published JSON Schema.
/// Both are checked in; a test fails when either is out of date.
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
    }
}
