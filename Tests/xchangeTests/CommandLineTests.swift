import Foundation
import Testing

/// The `xchange` executable as users run it: real processes, real files.
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `xchange` binary built beside this test bundle: the tests run from
    /// `<build>/<config>/xchangePackageTests.xctest` (a file on Linux, a bundle on macOS), and
    /// SwiftPM builds the executable the tests depend on into the same `<build>/<config>/` folder.
    static let binary: URL? = {
        let starts = [Bundle(for: BundleMarker.self).bundleURL, Bundle.main.bundleURL]
        for start in starts {
            var folder = start.resolvingSymlinksInPath()
            while folder.path != "/" {
                let candidate = folder.appending(path: "xchange")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                    !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }()

    struct MissingExecutable: Error, CustomStringConvertible {
        var description: String { "the xchange executable was not found beside the test bundle" }
    }

    /// A class of this module, whose bundle is the test bundle.
    private final class BundleMarker {}

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs xchange in `directory` with the arguments, optional standard input and extra
    /// environment variables.
    @discardableResult
    func run(
        _ arguments: [String], in directory: URL? = nil, input: Data? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        guard let binary = Self.binary else { throw MissingExecutable() }
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = directory ?? Self.root
        let out = Pipe()
        let err = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "xchange-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func readmeQuickStartConvertsTheBundledSample() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = directory.appending(path: "r.yaml").path
        let json = directory.appending(path: "r.json").path
        #expect(try run(["convert", "samples/report-2021.json", yaml]).status == 0)
        #expect(try run(["convert", yaml, json]).status == 0)
        let original = try Data(contentsOf: Self.root.appending(path: "samples/report-2021.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: json)) == original)
    }

    @Test func validatePassesTheSampleAndFlagsAChangedCell() throws {
        let passed = try run(["validate", "samples/report-2021.json"])
        #expect(passed.status == 0)
        #expect(passed.stdout.contains("0 errors"))

        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = try String(contentsOf: Self.root.appending(path: "samples/report-2021.yaml"), encoding: .utf8)
        // Change one table 三 cell: the natural-person column of 一、本年新收.
        let marker = "  new_received:\n    natural_person: "
        let range = try #require(yaml.range(of: marker))
        let digits = yaml[range.upperBound...].prefix { $0.isNumber }
        let changed = yaml.replacingCharacters(
            in: range.upperBound..<yaml.index(range.upperBound, offsetBy: digits.count), with: String(Int(digits)! + 1))
        let path = directory.appending(path: "changed.yaml")
        try changed.write(to: path, atomically: true, encoding: .utf8)
        let failed = try run(["validate", path.path])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("T3-1 applications.*.natural_person: new_received + carried_over ="))
        // The finding points at the line and column of the changed figure.
        let line = yaml[..<range.upperBound].filter { $0 == "\n" }.count + 1
        let column = "    natural_person: ".count + 1 - "natural_person: ".count
        #expect(failed.stdout.contains("changed.yaml:\(line):\(column): error T3-1"), "\(failed.stdout)")

        let json = try run(["validate", path.path, "--format", "json"])
        #expect(json.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(document["valid"] as? Bool == false)
        let findings = document["findings"] as! [[String: Any]]
        #expect(findings.contains { $0["code"] as? String == "T3-1" && $0["severity"] as? String == "error" })
    }

    @Test func strictFailsOnWarnings() throws {
        let lenient = try run(["validate", "samples/suifenhe-2017-legacy.yaml"])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("warning L-1"))
        #expect(try run(["validate", "--strict", "samples/suifenhe-2017-legacy.yaml"]).status == 1)
    }

    @Test func formatsListsJSONAndYAML() throws {
        let text = try run(["formats"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("json") && text.stdout.contains("yaml"))
        let json = try run(["formats", "--json"])
        let modules = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        let ids = modules.compactMap { $0["id"] as? String }
        #expect(ids.contains("json") && ids.contains("yaml"))
        #expect(modules.allSatisfy { $0["read"] is Bool && $0["write"] is Bool && $0["extensions"] is [String] })
    }

    @Test func standardInputAndOutputWork() throws {
        let yaml = try Data(contentsOf: Self.root.appending(path: "samples/report-2021.yaml"))
        let result = try run(["convert", "-", "-", "--from", "yaml", "--to", "json"], input: yaml)
        #expect(result.status == 0)
        let original = try String(contentsOf: Self.root.appending(path: "samples/report-2021.json"), encoding: .utf8)
        #expect(result.stdout == original)
    }

    @Test func badInputFailsWithWhereAndWritesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\"meta\": {\"report_yaer\": 2021}}".utf8).write(to: directory.appending(path: "k.json"))
        let result = try run(["convert", "k.json", "out.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "k.json:1:11: error: [key.unknown] meta.report_yaer: unknown key; did you mean meta.report_year?"))
        #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "out.yaml").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["k.json"])
    }

    @Test func optionsGoToTheSideThatTakesThem() throws {
        // json's `layout` is for writing and csv's for both: reading JSON must not receive it.
        let result = try run(["convert", "samples/report-2021.json", "-", "--to", "csv", "--option", "layout=form"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("三、收到和处理政府信息公开申请情况"))
        let misplaced = try run([
            "convert", "samples/report-2021.json", "-", "--to", "yaml", "--read-option", "layout=array",
        ])
        #expect(misplaced.status == 1)
        #expect(misplaced.stderr.contains("positions"))
    }

    @Test func unknownOptionIsRefused() throws {
        let result = try run([
            "convert", "samples/report-2021.json", "-", "--to", "yaml", "--option", "provenence=false",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("did you mean provenance?"))
    }

    @Test func badFaultsAreRefusedWithGenerateUsage() throws {
        for (faults, says) in [
            ("abc", "faults takes a whole number ≥ 0, not abc"), ("50", "at most 8 faults fit in 1"),
        ] {
            let result = try run(["generate", "--count", "1", "--option", "faults=\(faults)"])
            #expect(result.status != 0)
            #expect(result.stderr.contains(says), "\(result.stderr)")
            #expect(result.stderr.contains("Usage: xchange generate"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func helpTeachesAndVersionAnswers() throws {
        for command in [
            ["--help"], ["convert", "--help"], ["validate", "--help"], ["formats", "--help"], ["schema", "--help"],
        ] {
            let result = try run(command)
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("Example"), "\(command) shows no example")
        }
        #expect(
            try run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count
                == 3)
    }

    @Test func schemaCommandPrintsTheJSONSchemaThatIsCheckedIn() throws {
        let result = try run(["schema", "--json-schema"])
        #expect(result.status == 0)
        let checkedIn = try String(
            contentsOf: Self.root.appending(path: "schemas/disclosure-report.v1.schema.json"), encoding: .utf8)
        #expect(result.stdout == checkedIn)
    }
}
