import Testing
import XchangeCore
import XchangeModuleTesting

@testable import XchangeFormats

/// The conformance suite on an external module, through the adapter that makes a program a
/// `FormatModule`: the Python `.kv` module of `samples/plugins`.
struct ExternalConformanceTests {
    @Test(.enabled(if: ExternalFixtures.hasPython, "python3 is not on PATH"))
    func pythonKVModuleConforms() throws {
        let (registry, warnings) = FormatRegistry.assembled(
            builtins: builtinFormatModules, settings: ExternalFixtures.settings([ExternalFixtures.samplePlugins]))
        #expect(warnings.isEmpty)
        let module = try #require(registry.module(id: "kv"))
        // Canonical data, key by key: lossless; an empty file holds no report.
        let contract = ConformanceContract(roundTrips: [.lossless], emptyInput: .noReports, reportsPerEra: 3)
        let report = ConformanceSuite(module, contract: contract).run()
        #expect(report.damagedInputsTried > 10)
        // A report the module printed that breaks the schema is placed in the input file by its
        // number; the line is the module's to know, and the protocol has no way to say it yet.
        let unlocated = report.findings.filter {
            $0.check == .damagedInput && $0.message.contains("a diagnostic has no line")
                && ($0.message.contains("which does not fit the canonical schema")
                    || $0.message.contains("as xchange-format-kv read it"))
        }
        for finding in report.findings where !unlocated.contains(finding) { Issue.record("kv \(finding)") }
        withKnownIssue("a report an external module printed is located by its number, not a line") {
            for finding in unlocated { Issue.record("kv \(finding)") }
        }
    }
}
