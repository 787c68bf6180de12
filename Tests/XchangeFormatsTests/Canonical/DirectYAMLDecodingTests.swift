import Foundation
import Testing
import XchangeCore
import XchangeSynthetic
import XchangeYAML

@testable import XchangeFormats

/// YAML reports are decoded straight from libyaml's recorded events when they are well formed,
/// and through their tree by ``CanonicalDecoder`` otherwise: the two must agree on every
/// report, and errors must still name the line and column, with hints, wherever they are.
struct DirectYAMLDecodingTests {
    /// Reads every report of `yaml` through the YAML module (the fast path where it applies).
    func readFast(
        _ yaml: String, name: String = "r.yaml", diagnostics: DiagnosticList = DiagnosticList()
    ) throws
        -> [Report]
    {
        let reader = try YAMLFormat().makeReader(
            InputSource(bytes: Array(yaml.utf8), name: name), options: .defaults(for: YAMLFormat(), side: .read),
            diagnostics: diagnostics)
        var reports: [Report] = []
        while let report = try reader.next() { reports.append(report) }
        return reports
    }

    /// Reads `yaml` (one report) through the parser's tree and ``CanonicalDecoder``.
    func readFull(_ yaml: String) throws -> Report {
        let documents = try parseYAMLDocuments(Array(yaml.utf8))
        return try CanonicalDecoder(file: nil, diagnostics: DiagnosticList()).decode(
            YAMLDocumentNode(node: try #require(documents.first)))
    }

    /// The reports as the YAML module writes them, one document each.
    func written(_ reports: some Sequence<Report>, provenance: Bool = true) throws -> String {
        let directory = try TemporaryDirectory()
        let path = directory.path("reports.yaml")
        let file = try AtomicFileOutput(path: path)
        let writer = try YAMLFormat().makeWriter(
            file.sink, options: try FormatOptions(["provenance": "\(provenance)"], for: YAMLFormat()),
            diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        try file.commit()
        return try directory.read("reports.yaml")
    }

    /// Valid inputs away from the writer's own shape: the fast path must read them as the full
    /// decoder does (or decline them, which gives the same result).
    static let unusualButValid: [String] = [
        "meta: {report_year: 2021, \"agency_name\": 'A''B', agency_level: ~, index_no: null}\n",
        "applications:\n  new_received: {total: 3, natural_person: +3}\nmeta:\n  report_year: 2021\n",
        "meta:\n  agency_name: |\n    第一行\n    第二行\n  contact:\n    postcode: 379637\n    phone:\n",
        "overview: 只有正文。\nother_matters:\n  text: >\n    正文\n    续行\n  subsections: ~\n",
        "active_disclosure:\n  administrative_fees:\n    amount_wan_yuan: 1.5e2\n",
        "active_disclosure:\n  administrative_fees:\n    amount_wan_yuan: 0.0001\n",
        "active_disclosure:\n  administrative_fees:\n    amount_wan_yuan: 12.50\n",
        "applications:\n  new_received:\n    total: 1e1\n    natural_person: 3.0\n",
        "facts:\n- value: 12.50\n  label: 培训\n  unit: 次\n  source: {file: a.txt, line: 3, column: 1, snippet: 培训12.50次}\n",
        "meta:\n  report_year: 2021\nprovenance:\n  meta.report_year: {file: r.txt, line: +2}\n",
        "overview:\n  subsections:\n  - text: 正文\n    heading: （一）主动公开\n    key: ~\n  - {heading: a, heading: b, text: \"\"}\n",
        "legacy:\n  sections:\n  - heading: 一、概述\n    text: 旧\n",
        "meta:\n  report_year: 2021\n  agency_name: \"\\u5317\\t京\"\n  published_on: 2022-01-20\n",
        "meta:\n  report_year: 2021\n  agency_name: &name 某市\n  contact:\n    office: *name\n",
        "meta: &meta\n  report_year: 2021\n",
    ]

    @Test(arguments: unusualButValid)
    func fastAndFullDecodingAgree(_ yaml: String) throws {
        let fast = try readFast(yaml)
        #expect(fast == [try readFull(yaml)])
    }

    @Test func writtenReportsAreDecodedWithoutDeclining() throws {
        for era in [FormatVersion.unified2021, .trial2019, .legacyPre2019] {
            let caches = DirectJSONCaches()
            let reports = Array(ReportGenerator(count: 20, seed: 3, format: era))
            let reader = YAMLDocumentReader(bytes: Array(try written(reports).utf8))
            var tape = YAMLEventTape()
            for report in reports {
                guard case .recorded = try reader.nextDocument(into: &tape) else {
                    Issue.record("a written \(era.rawValue) report was not recorded on a tape")
                    continue
                }
                let full = try CanonicalDecoder(file: nil, diagnostics: DiagnosticList()).decode(
                    YAMLDocumentNode(node: try reader.tree(from: tape)))
                do {
                    let decoded = try DirectYAMLDecoder.report(from: tape, caches: caches)
                    #expect(decoded == full)
                    #expect(decoded == report)
                } catch {
                    Issue.record("the fast path declined a written \(era.rawValue) report")
                }
            }
            if try reader.nextDocument(into: &tape) != nil { Issue.record("more documents than reports") }
        }
    }

    /// Inputs the fast path declines: the full decoder words each problem with its place.
    @Test(arguments: [
        ("meta:\n  report_year: 2021\n  report_year: 2022\n", "key.duplicate", 3, 3),
        ("meta:\n  report_yaer: 2021\n", "key.unknown", 2, 3),
        ("meta:\n  report_year: \"2021\"\n", "value.type", 2, 3),
        ("meta:\n  report_year: !!str 2021\n", "value.type", 2, 3),
        ("meta:\n  agency_name: true\n", "value.type", 2, 3),
        ("meta:\n  agency_level: village\n", "value.type", 2, 3),
        ("applications:\n  new_received:\n    total: -1\n", "value.type", 3, 5),
        ("facts:\n- label: x\n  value: \"3\"\n", "value.type", 3, 3),
        ("overview:\n  subsections:\n  - text: 正文\n", "value.missing", 3, 5),
        ("{}\n", "report.empty", 1, 1),
        ("- 1\n- 2\n", "report.shape", 1, 1),
        ("meta:\n  report_year: 2021\n agency_name: x\n", "yaml.syntax", 3, 2),
    ])
    func declinedInputsAreWordedByTheFullDecoder(_ yaml: String, _ code: String, _ line: Int, _ column: Int) throws {
        let list = DiagnosticList()
        var thrown: Diagnostic?
        do { _ = try readFast(yaml, diagnostics: list) } catch let diagnostic as Diagnostic { thrown = diagnostic }
        let first = try #require((list.diagnostics + [thrown].compactMap { $0 }).first)
        #expect(first.code == code, "\(first)")
        #expect(first.location?.file == "r.yaml", "\(first)")
        #expect(first.location?.line == line && first.location?.column == column, "\(first)")
    }

    @Test func anUnknownKeyKeepsItsHint() throws {
        let list = DiagnosticList()
        #expect(throws: Diagnostic.self) { try readFast("meta:\n  report_yaer: 2021\n", diagnostics: list) }
        let problem = try #require(list.diagnostics.first)
        #expect(problem.message.contains("did you mean meta.report_year?"), "\(problem)")
        #expect(problem.field == "meta.report_yaer")
    }

    @Test func aWrongValueDeepInALargeStreamIsNamedByLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        let documents = try written(ReportGenerator(count: 300, seed: 9)).components(separatedBy: "---\n")
        // documents[0] is what precedes the first `---`.
        var broken = documents
        broken[250] = broken[250].replacingOccurrences(of: "meta:\n", with: "meta:\n  report_yaer: 1\n")
        let text = broken.joined(separator: "---\n")
        let line = text.components(separatedBy: "\n").firstIndex(of: "  report_yaer: 1")! + 1
        let path = try directory.write("big.yaml", text)
        let list = DiagnosticList()
        let reader = try YAMLFormat().makeReader(
            InputSource(path: path), options: .defaults(for: YAMLFormat(), side: .read), diagnostics: list)
        var read = 0
        do {
            while try reader.next() != nil { read += 1 }
            Issue.record("the wrong key was not reported")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.contains("report 250"), "\(diagnostic)")
        }
        #expect(read == 249)
        let problem = try #require(list.diagnostics.first)
        #expect(problem.code == "key.unknown")
        #expect(problem.location?.line == line && problem.location?.column == 3, "\(problem)")
    }

    @Test func aReportWithFindingsIsReadAgainWithPositions() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("faulty.yaml", try written(ReportGenerator(count: 30, seed: 4, faults: 3)))
        let lines = try directory.read("faulty.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        let reader = try YAMLFormat().makeReader(
            InputSource(path: path), options: .defaults(for: YAMLFormat(), side: .read), diagnostics: DiagnosticList())
        let rereading = try #require(reader as? any PositionedRereading)
        var located = 0
        while let report = try reader.next() {
            #expect(report.provenance.isEmpty, "positions are not recorded on the first read")
            guard !Validator().validate(report).isEmpty else { continue }
            let again = try #require(try rereading.rereadWithPositions())
            #expect(again.values == report.values)
            for finding in Validator().validate(again, source: path) {
                let line = try #require(finding.location?.line, "\(finding)")
                #expect(lines[line - 1].contains(": "), "line \(line): \(lines[line - 1])")
                located += 1
            }
        }
        #expect(located >= 3)
    }

    @Test func positionsAreRecordedWhenAsked() throws {
        let yaml = "meta:\n  report_year: 2021\n  agency_name: 某市\n"
        let reader = try YAMLFormat().makeReader(
            InputSource(bytes: Array(yaml.utf8), name: "p.yaml"),
            options: try FormatOptions(["positions": "true"], for: YAMLFormat()), diagnostics: DiagnosticList())
        let report = try #require(try reader.next())
        #expect(report.provenance["meta.agency_name"]?.line == 3)
        #expect(report.provenance["meta.agency_name"]?.column == 3)
    }
}
