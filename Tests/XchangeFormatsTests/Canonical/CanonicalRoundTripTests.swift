import Foundation
import Testing
import XchangeCore
import XchangeModuleTesting

@testable import XchangeFormats

/// JSON ⇄ YAML ⇄ model is lossless for every key of the schema, and the output diffs well.
struct CanonicalRoundTripTests {
    let converter = Converter()

    func convert(_ input: String, _ output: String, options: [String: String] = [:]) throws {
        try converter.convert(
            ConversionRequest(input: input, output: output, options: options), diagnostics: DiagnosticList())
    }

    func readAll(_ path: String) throws -> [Report] {
        let module = try FormatRegistry.builtin.resolve(id: nil, path: path, for: .read)
        let reader = try module.makeReader(
            try InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList())
        var reports: [Report] = []
        while let report = try reader.next() { reports.append(report) }
        return reports
    }

    func writeReports(_ reports: [Report], to path: String) throws {
        let module = try FormatRegistry.builtin.resolve(id: nil, path: path, for: .write)
        let file = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(
            file.sink, options: .defaults(for: module, side: .write), diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        try file.commit()
    }

    @Test func everyFieldSurvivesJSONAndYAML() throws {
        let directory = try TemporaryDirectory()
        let report = try ReportFixtures.everyField()
        for name in ["every.json", "every.yaml", "every.jsonl"] {
            try writeReports([report], to: directory.path(name))
            let back = try readAll(directory.path(name))
            #expect(back == [report], "\(name) lost data")
        }
    }

    /// The encoder reads values field by field in schema order only when the layout lists them
    /// that way; the schema's layout does, so every report is written on that path.
    @Test func theLayoutListsFieldsInSchemaOrder() {
        #expect(EncodingProgram.shared.fieldsAscending)
    }

    @Test func sampleJSONToYAMLToJSONIsByteIdentical() throws {
        let directory = try TemporaryDirectory()
        let sample = ProjectFiles.path("samples/report-2021.json")
        try convert(sample, directory.path("r.yaml"))
        try convert(directory.path("r.yaml"), directory.path("r.json"))
        #expect(
            try directory.read("r.json")
                == String(decoding: try Data(contentsOf: URL(fileURLWithPath: sample)), as: UTF8.self))
        // And YAML → JSON → YAML gives the YAML back.
        try convert(directory.path("r.json"), directory.path("again.yaml"))
        #expect(try directory.read("again.yaml") == directory.read("r.yaml"))
    }

    @Test func outputIsReadableUTF8InSchemaOrder() throws {
        let directory = try TemporaryDirectory()
        try convert(ProjectFiles.path("samples/report-2021.yaml"), directory.path("r.json"))
        let text = try directory.read("r.json")
        #expect(text.contains("\"agency_name\": \"义乌市示范区人民政府办公室\""))
        #expect(!text.contains("\\u"))
        let order = [
            "\"meta\"", "\"preamble\"", "\"overview\"", "\"active_disclosure\"", "\"applications\"",
            "\"review_litigation\"", "\"other_matters\"",
        ]
        let positions = order.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        let rows = [
            "\"new_received\"", "\"carried_over\"", "\"result\"", "\"granted\"", "\"withheld\"", "\"carried_forward\"",
        ]
        let rowPositions = rows.map { text.range(of: $0)!.lowerBound }
        #expect(rowPositions == rowPositions.sorted())
    }

    @Test func moneyIsWrittenExactly() throws {
        let directory = try TemporaryDirectory()
        var report = Report()
        try report.set(
            "active_disclosure.administrative_fees.amount_wan_yuan", to: .decimal(Decimal(string: "0.0001")!))
        try writeReports([report], to: directory.path("m.json"))
        #expect(try directory.read("m.json").contains("\"amount_wan_yuan\": 0.0001"))
        try convert(directory.path("m.json"), directory.path("m.yaml"))
        #expect(try directory.read("m.yaml").contains("amount_wan_yuan: 0.0001"))
        #expect(try readAll(directory.path("m.yaml")) == [report])
    }

    @Test func oneObjectArrayAndLinesAreAllRecognised() throws {
        let directory = try TemporaryDirectory()
        let single = #"{"meta": {"report_year": 2021}}"#
        try directory.write("one.json", single)
        try directory.write("many.json", "[\(single), {\"meta\": {\"report_year\": 2022}}]")
        try directory.write("lines.jsonl", "\(single)\n\n{\"meta\": {\"report_year\": 2023}}\n")
        #expect(try readAll(directory.path("one.json")).map(\.reportYear) == [2021])
        #expect(try readAll(directory.path("many.json")).map(\.reportYear) == [2021, 2022])
        #expect(try readAll(directory.path("lines.jsonl")).map(\.reportYear) == [2021, 2023])
    }

    @Test func severalReportsBecomeAnArrayLinesOrDocuments() throws {
        let directory = try TemporaryDirectory()
        try directory.write("lines.jsonl", "{\"meta\": {\"report_year\": 2021}}\n{\"meta\": {\"report_year\": 2022}}\n")
        try convert(directory.path("lines.jsonl"), directory.path("all.json"))
        #expect(try directory.read("all.json").hasPrefix("["))
        try convert(directory.path("all.json"), directory.path("all.yaml"))
        #expect(try directory.read("all.yaml").components(separatedBy: "---").count == 3)
        try convert(directory.path("all.yaml"), directory.path("back.jsonl"))
        #expect(
            try directory.read("back.jsonl") == "{\"meta\":{\"report_year\":2021}}\n{\"meta\":{\"report_year\":2022}}\n"
        )
    }

    @Test func provenanceCanBeLeftOut() throws {
        let directory = try TemporaryDirectory()
        try writeReports([try ReportFixtures.everyField()], to: directory.path("p.json"))
        try convert(directory.path("p.json"), directory.path("np.yaml"), options: ["provenance": "false"])
        let text = try directory.read("np.yaml")
        #expect(!text.contains("provenance:"))
        #expect(!text.contains("snippet"))
    }

    @Test func sectionMayBeGivenAsBareText() throws {
        let directory = try TemporaryDirectory()
        try directory.write("s.yaml", "meta:\n  report_year: 2019\nother_matters: 无。\n")
        let report = try #require(try readAll(directory.path("s.yaml")).first)
        #expect(report.otherMatters?.text == "无。")
    }

    @Test func absentValuesStayAbsent() throws {
        let directory = try TemporaryDirectory()
        try directory.write("n.json", #"{"applications": {"new_received": {"total": null, "natural_person": 0}}}"#)
        let report = try #require(try readAll(directory.path("n.json")).first)
        #expect(report["applications.new_received.total"] == nil)
        #expect(report["applications.new_received.natural_person"] == .integer(0))
    }
}
