import Foundation
import Testing
import XchangeCore
import XchangeFormats

/// The public JSON and YAML test suites, read as reports: nothing crashes or hangs, invalid
/// input is refused with its position, and valid data that is not a report is refused too.
struct ConformanceSuiteTests {
    /// Reads a file as reports; returns the error that stopped it, if any.
    func readReports(_ path: String, format: String) -> (reports: Int, error: Diagnostic?) {
        var count = 0
        do {
            let module = FormatRegistry.builtin.module(id: format)!
            let reader = try module.makeReader(
                try InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList()
            )
            while try reader.next() != nil { count += 1 }
            return (count, nil)
        } catch let diagnostic as Diagnostic {
            return (count, diagnostic)
        } catch {
            return (count, Diagnostic.error("unexpected", "\(error)"))
        }
    }

    func files(in folder: URL) throws -> [URL] {
        try #require(FileManager.default.fileExists(atPath: folder.path), "test fixture folder missing: \(folder.path)")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).sorted {
            $0.path < $1.path
        }
    }

    @Test func jsonTestSuiteIsRefusedAsReports() throws {
        let cases = try files(in: ProjectFiles.fixtures.appending(path: "json-test-suite/test_parsing"))
        #expect(cases.count > 300)
        for file in cases where file.pathExtension == "json" {
            let (reports, error) = readReports(file.path, format: "json")
            let name = file.lastPathComponent
            // Invalid JSON and valid JSON that is not a report are both refused, never crash
            // (an empty array holds no report, which `convert` refuses).
            #expect(error != nil || reports == 0, "\(name) was accepted (\(reports) reports)")
            #expect(error?.code != "unexpected", "\(name): \(String(describing: error))")
        }
    }

    @Test func yamlTestSuiteNeverCrashesAndRefusesErrors() throws {
        let root = ProjectFiles.fixtures.appending(path: "yaml-test-suite")
        let accepted = Set(
            try String(contentsOf: root.appending(path: "libyaml-accepts.txt"), encoding: .utf8)
                .split(whereSeparator: \.isNewline).map(String.init))
        let cases = try files(in: root.appending(path: "cases"))
        #expect(cases.count > 300)
        for folder in cases {
            let input = folder.appending(path: "in.yaml")
            guard FileManager.default.fileExists(atPath: input.path) else { continue }
            let (_, error) = readReports(input.path, format: "yaml")
            let name = folder.lastPathComponent
            #expect(error?.code != "unexpected", "\(name): \(String(describing: error))")
            let mustFail =
                FileManager.default.fileExists(atPath: folder.appending(path: "error").path) && !accepted.contains(name)
            if mustFail {
                // Refused: as YAML (with a position) or, when an earlier document of the stream
                // is valid YAML but no report, as a report.
                #expect(error?.code == "yaml.syntax" || error?.code == "input.invalid", "\(name) was not refused")
                if error?.code == "yaml.syntax" { #expect(error?.location?.line != nil, "\(name): no line") }
            }
        }
    }
}
