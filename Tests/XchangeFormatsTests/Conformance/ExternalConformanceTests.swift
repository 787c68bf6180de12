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
        // A report the module printed that breaks the schema is placed at the line of the value
        // concerned: the module declares `positions`, and is asked where its values stand.
        for finding in report.findings { Issue.record("kv \(finding)") }
    }
}
