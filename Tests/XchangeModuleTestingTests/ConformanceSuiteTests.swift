import Testing
import XchangeCore
import XchangeModuleTesting

/// The suite passes a module that keeps its promises and finds each fault of one that does not.
struct ConformanceSuiteTests {
    /// The names format keeps only the agency name.
    static let namesOnly = RoundTrip("names", keeps: .fields("the agency name") { $0.key == "meta.agency_name" })

    func run(_ faults: NameListFormat.Faults, roundTrips: [RoundTrip] = [namesOnly]) -> ConformanceReport {
        ConformanceSuite(
            NameListFormat(faults: faults), contract: ConformanceContract(roundTrips: roundTrips, reportsPerEra: 3)
        ).run()
    }

    func checks(_ report: ConformanceReport) -> Set<ConformanceFinding.Check> { Set(report.findings.map(\.check)) }

    @Test func aModuleThatKeepsItsPromisesPasses() {
        let report = run([])
        #expect(report.passed, "\(report)")
        #expect(report.damagedInputsTried > 20)
    }

    @Test func aLossyModuleClaimingLosslessFailsTheRoundTrip() {
        let report = run([], roundTrips: [.lossless])
        #expect(checks(report) == [.roundTrip], "\(report)")
        #expect(report.findings.first?.message.contains("meta.report_year") == true, "\(report)")
    }

    @Test func aChangedValueIsNamed() {
        let report = run(.dropsACharacter)
        #expect(checks(report) == [.roundTrip], "\(report)")
        #expect(report.findings.allSatisfy { $0.message.contains("meta.agency_name") }, "\(report)")
    }

    @Test func errorsThatAreNotDiagnosticsAreFound() {
        let report = run(.untypedErrors)
        #expect(checks(report) == [.damagedInput], "\(report)")
        #expect(report.findings.contains { $0.message.contains("without a diagnostic") })
    }

    @Test func diagnosticsWithoutALineAreFound() {
        let report = run(.noLines)
        #expect(checks(report) == [.damagedInput], "\(report)")
        #expect(report.findings.contains { $0.message.contains("has no line") })
    }

    @Test func badOptionDeclarationsAreFound() {
        let report = run([.badOption, .writeOnly])
        let messages = report.findings.filter { $0.check == .declaration }.map(\.message)
        #expect(messages.contains { $0.contains("default \"c\" is not one of its values") }, "\(report)")
        #expect(messages.contains { $0.contains("declared for reading, which the module cannot do") }, "\(report)")
    }

    @Test func anEmptyInputHandledOtherwiseThanDocumentedIsFound() {
        let suite = ConformanceSuite(
            NameListFormat(),
            contract: ConformanceContract(roundTrips: [Self.namesOnly], emptyInput: .refused(code: "names.empty")))
        let report = suite.run()
        #expect(checks(report) == [.emptyInput], "\(report)")
    }
}
