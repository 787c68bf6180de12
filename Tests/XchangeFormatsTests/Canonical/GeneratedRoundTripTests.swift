import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeSynthetic

/// Property test over generated reports of every era: writing them in a format and reading
/// them back gives the same reports.
struct GeneratedRoundTripTests {
    func roundTrip(_ reports: [Report], format: String, options: [String: String] = [:]) throws -> [Report] {
        let directory = try TemporaryDirectory()
        let module = try #require(FormatRegistry.builtin.module(id: format))
        let path = directory.path("reports.\(module.fileExtensions[0])")
        let file = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(
            file.sink, options: try FormatOptions(options, for: module), diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        try file.commit()
        let reader = try module.makeReader(
            try InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList())
        var back: [Report] = []
        while var report = try reader.next() {
            report.provenance = [:]
            report.facts = report.facts.map {
                var fact = $0
                fact.source = nil
                return fact
            }
            back.append(report)
        }
        return back
    }

    static let eras: [FormatVersion] = [.unified2021, .trial2019, .legacyPre2019]

    @Test(arguments: eras)
    func dataFormatsGiveBackEveryReport(_ era: FormatVersion) throws {
        let reports = Array(ReportGenerator(count: 40, seed: 11, format: era))
        for format in ["json", "yaml", "csv"] {
            #expect(try roundTrip(reports, format: format) == reports, "\(format) changed \(era.rawValue) reports")
        }
        #expect(try roundTrip(reports, format: "json", options: ["layout": "lines"]) == reports)
        #expect(try roundTrip(reports, format: "csv", options: ["layout": "long"]) == reports)
    }

    @Test(arguments: [FormatVersion.unified2021, .trial2019])
    func reportTextGivesBackEveryCellAndSection(_ era: FormatVersion) throws {
        for report in ReportGenerator(count: 8, seed: 5, format: era) {
            let back = try #require(try roundTrip([report], format: "text").first)
            for field in CanonicalSchema.v1.fields where !field.key.hasPrefix("meta.") {
                #expect(back[field.key] == report[field.key], "\(era.rawValue) \(field.key)")
            }
            for section in SectionKey.allCases {
                #expect(back[section: section]?.text == report[section: section]?.text, "\(section) text")
                #expect(
                    back[section: section]?.subsections.map(\.text)
                        == report[section: section]?.subsections.map(\.text), "\(section) parts")
            }
        }
    }
}
