import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeModuleTesting

/// Every built-in module runs the conformance suite under the contract its documentation states.
struct BuiltinConformanceTests {
    func expectConformance(_ module: any FormatModule, _ contract: ConformanceContract = ConformanceContract()) {
        let report = ConformanceSuite(module, contract: contract).run()
        for finding in report.findings { Issue.record("\(module.id) \(finding)") }
        #expect(report.damagedInputsTried > 10, "\(report)")
    }

    /// A file of the project's samples, as the suite takes it.
    static func sample(_ name: String) throws -> Sample {
        Sample(name: name, bytes: [UInt8](try Data(contentsOf: ProjectFiles.root.appending(path: "samples/\(name)"))))
    }

    /// An empty file is not JSON (JSON Lines included: a file of no line is refused too).
    static let emptyJSON = EmptyInput.refused(code: "json.syntax")

    @Test func json() { expectConformance(JSONFormat(), ConformanceContract(emptyInput: Self.emptyJSON)) }

    @Test func jsonLines() {
        let lines = RoundTrip("JSON Lines", writeOptions: ["layout": "lines"])
        expectConformance(JSONFormat(), ConformanceContract(roundTrips: [lines], emptyInput: Self.emptyJSON))
    }

    @Test func yaml() { expectConformance(YAMLFormat()) }

    /// CSV keeps every value, section and fact, but not the provenance map.
    @Test func csv() {
        let roundTrips = [
            RoundTrip("wide layout", keeps: .withoutProvenance, includesEveryFieldReport: true),
            RoundTrip(
                "long layout", writeOptions: ["layout": "long"], keeps: .withoutProvenance,
                includesEveryFieldReport: true),
            RoundTrip(
                "Chinese headers, GB18030", writeOptions: ["header": "zh", "encoding": "gb18030"],
                keeps: .withoutProvenance),
        ]
        expectConformance(
            CSVFormat(), ConformanceContract(roundTrips: roundTrips, emptyInput: .refused(code: "csv.empty")))
    }

    /// The printed form holds one report per file, and what the printed form shows.
    @Test func csvForm() {
        let form = RoundTrip("form layout", writeOptions: ["layout": "form"], reportsPerFile: .one)
        expectConformance(CSVFormat(), ConformanceContract(roundTrips: [form], emptyInput: .refused(code: "csv.empty")))
    }

    /// The report text keeps every table cell and the text of every section; the metadata it
    /// prints (agency, year, dates, contacts) is read back by the text reader's heuristics.
    @Test func text() throws {
        let text = RoundTrip(
            "report text", eras: [.unified2021, .trial2019], reportsPerFile: .one,
            keeps: .fieldsAndSectionTexts("table cells and section texts") { !$0.key.hasPrefix("meta.") })
        let legacy = RoundTrip(
            "pre-2019 report text", eras: [.legacyPre2019], reportsPerFile: .one,
            keeps: .fieldsAndSectionTexts("pre-2019 figures and section texts") { $0.key.hasPrefix("legacy.") })
        let samples = try ["suifenhe-2017-report.txt", "pingtan-2021-report.txt"].map(Self.sample)
        let contract = ConformanceContract(
            roundTrips: [text, legacy], emptyInput: .refused(code: "text.empty"), samples: samples)
        expectConformance(TextFormat(), contract)
    }

    @Test func html() throws {
        let contract = ConformanceContract(
            emptyInput: .refused(code: "text.empty"),
            samples: [try Self.sample("shanghai-general-office-2019-report.html")])
        expectConformance(HTMLFormat(), contract)
    }
}
