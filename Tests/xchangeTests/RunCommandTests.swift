import Foundation
import Testing

/// `xchange run` as users run it: real processes, real files.
struct RunCommandTests {
    let cli = CommandLineTests()

    /// A folder with three generated reports and the pipeline `p.yaml`.
    func folder(_ pipeline: String) throws -> URL {
        let directory = try cli.temporaryDirectory()
        #expect(
            try cli.run([
                "generate", "--count", "3", "--seed", "5", "--output", directory.appending(path: "in.jsonl").path,
            ]).status == 0)
        try pipeline.write(to: directory.appending(path: "p.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    func files(_ directory: URL) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
    }

    static let pipeline = """
        version: 1
        name: cli test
        sources:
          - path: in.jsonl
        steps:
          - validate: {findings: out/findings.json}
          - filter: {meta.report_year: {ge: ${from}}}
        sinks:
          - path: out/all.csv
            options: {header: zh}

        """

    @Test func runWritesTheSinksAndASummaryOnStandardError() throws {
        let directory = try folder(Self.pipeline)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(["run", "p.yaml", "--var", "from=2000"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("run of cli test") && result.stderr.contains("read 3 reports from 1 file: in.jsonl"))
        #expect(
            result.stderr.contains("step 1 validate: 3 in, 3 out")
                && result.stderr.contains("wrote out/all.csv (3 reports)"))
        // Standard error is a pipe here, not a terminal: no progress line.
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("reports/s"))
        #expect(result.stdout.isEmpty)
        #expect(files(directory).contains("out/all.csv") && files(directory).contains("out/findings.json"))
    }

    @Test func checkNamesTheLineAndTheNearestName() throws {
        let directory = try folder(Self.pipeline.replacingOccurrences(of: "sinks:", with: "sinkz:"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = try cli.run(["run", "--check", "p.yaml", "--var", "from=2000"], in: directory)
        #expect(broken.status == 1)
        #expect(
            broken.stderr.contains(
                "p.yaml:8:1: error: [pipeline.unknown-key] unknown key sinkz in the pipeline file; did you mean sinks?"),
            "\(broken.stderr)")
        let unset = try cli.run(["run", "--check", "p.yaml"], in: directory)
        #expect(
            unset.status == 1
                && unset.stderr.contains("p.yaml:7:37: error: [pipeline.variable-unset] ${from} is not set"),
            "\(unset.stderr)")
        try Self.pipeline.write(to: directory.appending(path: "p.yaml"), atomically: true, encoding: .utf8)
        let fine = try cli.run(["run", "--check", "p.yaml", "--var", "from=2000"], in: directory)
        #expect(fine.status == 0 && fine.stdout.contains("OK"))
        #expect(files(directory) == ["in.jsonl", "p.yaml"])
    }

    @Test func dryRunWritesNothing() throws {
        let directory = try folder(Self.pipeline)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(["run", "--dry-run", "p.yaml", "--var", "from=2000"], in: directory)
        #expect(result.status == 0 && result.stderr.contains("would write out/all.csv (3 reports)"))
        #expect(files(directory) == ["in.jsonl", "p.yaml"])
    }

    @Test func aFailingRunExitsWithOneAndWritesNothing() throws {
        let directory = try folder(Self.pipeline + "  - path: out/{meta.agency_org_code}.json\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(["run", "p.yaml", "--var", "from=2000"], in: directory)
        #expect(result.status == 1 && result.stderr.contains("meta.agency_org_code"))
        #expect(files(directory) == ["in.jsonl", "p.yaml"])
    }

    @Test func theJSONSchemaOptionPrintsTheCommittedSchema() throws {
        let printed = try cli.run(["run", "--json-schema"])
        let committed = try String(
            contentsOf: CommandLineTests.root.appending(path: "schemas/pipeline.v1.schema.json"), encoding: .utf8)
        #expect(printed.status == 0 && printed.stdout == committed)
    }
}
