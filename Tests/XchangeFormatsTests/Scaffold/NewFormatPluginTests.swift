import Foundation
import Testing

/// `swift package new-format` on a copy of the package: the scaffold is written, refuses bad
/// and taken ids, and the new module and its conformance test build.
struct NewFormatPluginTests {
    static let skipsSlowTests = ProcessInfo.processInfo.environment["XCHANGE_SKIP_SLOW_TESTS"] == "1"

    /// Runs `swift ARGUMENTS` in `folder`; returns the exit status and everything printed.
    func swift(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let result = try #require(try ExternalTool.run(["swift"] + arguments, in: folder), "swift is not installed")
        return (result.status, result.output)
    }

    @Test(
        .disabled(if: skipsSlowTests, "XCHANGE_SKIP_SLOW_TESTS=1: the scaffold was not generated and built"),
        .timeLimit(.minutes(20)))
    func scaffoldsAModuleThatBuilds() throws {
        let copy = try TemporaryDirectory()
        for item in ["Package.swift", "Sources", "Plugins", "Tests"] {
            try FileManager.default.copyItem(
                at: ProjectFiles.root.appending(path: item), to: copy.url.appending(path: item))
        }
        let command = ["package", "--allow-writing-to-package-directory", "new-format"]

        let made = try swift(command + ["gansu-platform"], in: copy.url)
        #expect(made.status == 0, "\(made.output)")
        for file in [
            "Sources/XchangeFormats/GansuPlatform/GansuPlatformFormat.swift",
            "Sources/XchangeFormats/GansuPlatform/GansuPlatformReader.swift",
            "Sources/XchangeFormats/GansuPlatform/GansuPlatformWriter.swift",
            "Tests/XchangeFormatsTests/GansuPlatform/GansuPlatformConformanceTests.swift",
        ] {
            #expect(copy.exists(file), "\(file) was not written")
        }
        let module = try copy.read("Sources/XchangeFormats/GansuPlatform/GansuPlatformFormat.swift")
        #expect(module.contains("public let id = \"gansu-platform\""))
        let registry = try copy.read("Sources/XchangeFormats/BuiltinFormats.swift")
        #expect(registry.contains("    HTMLFormat(),\n    GansuPlatformFormat(),\n    // new-format:"), "\(registry)")

        let taken = try swift(command + ["gansu-platform"], in: copy.url)
        #expect(
            taken.status != 0 && taken.output.contains("the format id \"gansu-platform\" is taken"), "\(taken.output)")
        let builtin = try swift(command + ["csv"], in: copy.url)
        #expect(builtin.status != 0 && builtin.output.contains("CSV/CSVFormat.swift"), "\(builtin.output)")
        let invalid = try swift(command + ["Gansu_Platform"], in: copy.url)
        #expect(invalid.status != 0 && invalid.output.contains("is not a valid format id"), "\(invalid.output)")
        #expect(
            try copy.read("Sources/XchangeFormats/BuiltinFormats.swift") == registry,
            "a refused scaffold changed the registry")

        // Build the module and its conformance test; the other tests of the copy are left out
        // so that the build is only what the scaffold added.
        let tests = copy.url.appending(path: "Tests/XchangeFormatsTests")
        for entry in try FileManager.default.contentsOfDirectory(atPath: tests.path) where entry != "GansuPlatform" {
            try FileManager.default.removeItem(at: tests.appending(path: entry))
        }
        let build = try swift(["build", "--target", "XchangeFormatsTests"], in: copy.url)
        #expect(build.status == 0, "\(build.output.suffix(4000))")
    }
}
