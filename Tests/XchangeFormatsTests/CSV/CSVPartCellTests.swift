import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Sub-section and fact cells hold the canonical JSON of those parts, read and written by the
/// project's one JSON reader and writer.
struct CSVPartCellTests {
    /// A cell as a CSV field: quoted, with its quotes doubled.
    func quoted(_ json: String) -> String { "\"" + json.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test func handMadeCellsAreRead() throws {
        let folder = TemporaryFolder()
        let parts = #"[{"key": "active_disclosure", "text": "全年主动公开。\n第二段"}, {"heading": "（六）其他", "text": ""}]"#
        let facts = #"[{"label": "培训", "value": 12.50, "unit": "次", "source": {"file": "r.txt", "line": 3}}]"#
        let path = folder.write(
            "parts.csv", "meta.report_year,overview.subsections,facts\r\n2021,\(quoted(parts)),\(quoted(facts))\r\n")
        let report = try #require(try CSVTest.read(path).first)
        let subsections = try #require(report.overview?.subsections)
        #expect(subsections.map(\.heading) == ["（一）主动公开", "（六）其他"], "a known key restores its standard heading")
        #expect(subsections.first?.text == "全年主动公开。\n第二段")
        #expect(
            report.facts == [
                Fact(
                    label: "培训", value: Decimal(string: "12.5")!, unit: "次",
                    source: SourceReference(file: "r.txt", line: 3))
            ])
    }

    @Test func partsSurviveTheCellsExactly() throws {
        var report = Report()
        report[section: .overview, default: TextSection()].subsections = [
            Subsection(heading: "（一）主动公开", key: "active_disclosure", text: "引号\"、反斜杠\\、\t制表"),
            Subsection(heading: "自拟标题", key: "active_disclosure", text: "x"),
        ]
        report.facts = [
            Fact(
                label: "金额", value: Decimal(string: "0.0001")!, unit: "万元", key: nil,
                source: SourceReference(file: "a", line: 1, column: 2, snippet: "s"))
        ]
        let cell = ReportPartsCodec.encode(report.overview!.subsections, in: .overview)
        #expect(!cell.contains("（一）主动公开"), "the standard heading is left out")
        #expect(try ReportPartsCodec.subsections(cell, in: .overview) == report.overview!.subsections)
        #expect(try ReportPartsCodec.facts(ReportPartsCodec.encode(report.facts)) == report.facts)
    }

    @Test(arguments: [
        (#"[{"text": "x""#, "expected a JSON array of"),
        (#"{"text": "x"}"#, "expected a JSON array of"),
        (#"[{"titel": "x", "text": "y"}]"#, "each sub-section needs"),
    ])
    func badCellsAreRefusedSayingWhy(_ json: String, _ expected: String) throws {
        let folder = TemporaryFolder()
        let path = folder.write("bad.csv", "meta.report_year,overview.subsections\r\n2021,\(quoted(json))\r\n")
        let list = DiagnosticList()
        let error = try #require(CSVTest.readError(path, diagnostics: list))
        let messages = (list.diagnostics + [error]).map { "\($0.location?.line ?? 0): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("2: ") && $0.contains(expected) }, "\(messages)")
    }
}
