import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory new-format ID`
///
/// Scaffolds a built-in format module: `Sources/XchangeFormats/<Name>/` with the module, a
/// reader and a writer (which carry canonical JSON Lines, so that the module round-trips from
/// the start), its line in `BuiltinFormats.swift`, and a test running the conformance suite.
/// Refuses an id that is malformed or taken, before writing anything.
@main
struct NewFormat: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(ScaffoldRequest.usage)
            return
        }
        let request = try ScaffoldRequest(arguments: arguments)
        let root = context.package.directoryURL
        let plan = try ScaffoldPlan(request: request, packageRoot: root)
        for file in plan.files {
            try FileManager.default.createDirectory(
                at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: file.url, options: .atomic)
            print("wrote \(file.relativePath)")
        }
        print(
            """

            Next: describe the format in \(request.typeName)Format.swift, replace the reader and writer with
            the format's own, and keep the conformance test passing:
                swift test --filter \(request.typeName)ConformanceTests
            """)
    }
}
