import Testing
import XchangeCore
import XchangeModuleTesting
import XchangePlatform

/// The submission package runs the conformance suite like every built-in module: a package
/// holds one report and gives it back whole; damaged packages (cut short, bytes overwritten,
/// noise) are refused with an error naming the file, and the entry where there is one — a ZIP
/// has no lines to point at.
struct PlatformConformanceTests {
    @Test func platform() {
        let package = RoundTrip("submission package", reportsPerFile: .one)
        let contract = ConformanceContract(
            roundTrips: [package], emptyInput: .refused(code: "package.not-zip"), locatesByLine: false)
        let report = ConformanceSuite(PlatformFormat(), contract: contract).run()
        for finding in report.findings { Issue.record("platform \(finding)") }
        #expect(report.damagedInputsTried > 10, "\(report)")
    }
}
