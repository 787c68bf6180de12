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
        let unlocated = report.findings.filter { $0.check == .damagedInput && $0.message.contains("a diagnostic") }
        for finding in report.findings where !unlocated.contains(finding) { Issue.record("kv \(finding)") }
        // Found by the suite, left to the adapter's owner: the adapter's own errors
        // (plugin.failed, plugin.report and the canonical errors under it) name no input file,
        // and the sample's kv.encoding error names no line.
        withKnownIssue("damaged input to an external module gives diagnostics without file or line") {
            for finding in unlocated { Issue.record("kv \(finding)") }
        }
    }
}
