import Foundation
import Testing
import XchangeCore
import XchangeFormats

@testable import XchangePipeline

/// A source read in pieces on two threads gives what reading it in order on one gives: the
/// same sinks, findings, rejects and summary, byte for byte, and the same first error.
struct PiecedRunTests {
    let folder = PipelineFolder()

    /// 600 generated reports (several pieces as JSON Lines, many as CSV) with, spread over
    /// the pieces: reports breaking a sum rule, reports without a source URL, and earlier
    /// years of some agencies whose figures do not carry over (cross-year warnings).
    func writeInputs() throws {
        var reports = Generated.reports(600, seed: 31)
        for index in reports.indices {
            try reports[index].set("meta.source_url", to: .text("https://www.example.gov.cn/\(index).html"))
        }
        for index in stride(from: 237, to: 600, by: 97) {
            try reports[index].set("review_litigation.reconsideration.total", to: .integer(999))
        }
        for index in stride(from: 71, to: 600, by: 131) {
            reports[index].values[CanonicalSchema.v1.fieldID("meta.source_url")!] = nil
        }
        // Another year of an agency, later in the input: as generated, its figures do not carry
        // over from one year to the next (a cross-year warning), whichever year comes first.
        for (index, step) in [(5, -1), (20, 1), (46, -1), (61, 1), (87, -1), (102, 1)] {
            var other = reports[index]
            try other.set("meta.report_year", to: .integer(other.reportYear! + step))
            reports.insert(other, at: index + 350)
        }
        try folder.write("in.jsonl", reports: reports)
        let csv = FormatRegistry.builtin.module(id: "csv")!
        let output = try AtomicFileOutput(path: folder.file("in.csv"))
        let writer = try csv.makeWriter(
            output.sink, options: FormatOptions([:], for: csv, side: .write), diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        try output.commit()
    }

    /// Runs `p.yaml` writing under `out`, with `workers` threads; the summary without its time,
    /// or the error.
    func run(workers: Int, out: String) -> String {
        do {
            let pipeline = try folder.load(variables: ["out": out])
            var summary = try PipelineRunner(formats: .builtin, workers: workers).run(
                pipeline, diagnostics: DiagnosticList())
            summary.seconds = 0
            return summary.render().replacingOccurrences(of: "/\(out)/", with: "/OUT/")
        } catch let diagnostic as Diagnostic {
            return "\(diagnostic.code) at \(diagnostic.location?.position ?? "-"): \(diagnostic.message)"
        } catch {
            return "\(error)"
        }
    }

    /// The files under `out`, by name.
    func outputs(_ out: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in folder.files where name.hasPrefix(out + "/") {
            files[String(name.dropFirst(out.count + 1))] = try folder.text(name)
        }
        return files
    }

    /// Runs the pipeline both ways and expects the same outcome; returns the pieced outputs.
    @discardableResult
    func expectSameBothWays(_ pipeline: String) throws -> (summary: String, files: [String: String]) {
        folder.write("p.yaml", pipeline)
        let inOrder = run(workers: 1, out: "one")
        let pieced = run(workers: 2, out: "two")
        #expect(pieced == inOrder)
        let files = try outputs("two")
        #expect(files == (try outputs("one")))
        return (pieced, files)
    }

    @Test(arguments: ["in.jsonl", "in.csv"])
    func stepsAndSinksGiveTheSameOutputs(source: String) throws {
        try writeInputs()
        let (summary, files) = try expectSameBothWays(
            """
            version: 1
            sources:
              - path: \(source)
            steps:
              - validate: {findings: ${out}/findings.json, on_error: skip}
              - default: {meta.agency_level: department}
              - set: {meta.index_no: "{meta.source_url}"}
                on_error: skip
              - filter: {applications.new_received.total: {ge: 3}}
              - drop: [provenance]
            sinks:
              - path: ${out}/all.jsonl
              - path: ${out}/all.csv
                options: {header: zh}
            rejects: ${out}/rejects.jsonl
            """)
        #expect(files.keys.sorted() == ["all.csv", "all.jsonl", "findings.json", "rejects.jsonl"])
        // Every kind of finding was met: refusals by both steps, cross-year warnings.
        let findings = try #require(files["findings.json"])
        #expect(findings.contains("\"code\": \"T4-1\""))
        #expect(findings.contains("\"severity\": \"warning\""))
        #expect(summary.contains("skipped"))
        #expect((files["rejects.jsonl"] ?? "").split(separator: "\n").count > 5)
    }

    /// Where each finding of `findings.json` under `out` stands: report, code, line, column.
    func placesOfFindings(_ out: String) throws -> [String] {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(folder.text(out + "/findings.json").utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        return findings.map { finding in
            "\(finding["report"] ?? "-") \(finding["code"] ?? "-") \(finding["line"] ?? "-"):\(finding["column"] ?? "-")"
        }
    }

    /// A report read from JSON Lines has no positions; its findings are placed at their lines
    /// all the same, as `xchange validate` places them, in pieces and in order alike.
    @Test func findingsPointAtTheLinesValidatePointsAt() throws {
        try writeInputs()
        try expectSameBothWays(
            """
            version: 1
            sources:
              - path: in.jsonl
            steps:
              - validate: {fail_on: never, findings: ${out}/findings.json}
            sinks:
              - path: ${out}/all.csv
            """)
        var expected: [String] = []
        try Converter(registry: .builtin).validate(folder.file("in.jsonl"), with: Validator()) { finding in
            let location = finding.diagnostic.location
            expected.append(
                "\(finding.report ?? 0) \(finding.diagnostic.code) \(location?.line.map(String.init) ?? "-"):\(location?.column.map(String.init) ?? "-")"
            )
        }
        let placed = try placesOfFindings("two")
        #expect(placed == expected)
        // The broken totals are placed on their own report's line (report N is line N).
        for place in placed where place.contains(" T4-1 ") {
            let parts = place.split(separator: " ")
            #expect(parts[2].hasPrefix(parts[0] + ":"), "\(place)")
        }
        #expect(placed.contains { $0.contains("T4-1") })
    }

    /// After `sort`, a report reaches `validate` when its reader has gone on: its findings are
    /// named by the report's number alone, never placed at another report's line.
    @Test func findingsOfSortedReportsAreNamedByTheirNumber() throws {
        try writeInputs()
        folder.write(
            "p.yaml",
            """
            version: 1
            sources:
              - path: in.jsonl
            steps:
              - sort: {by: [meta.agency_name]}
              - validate: {fail_on: never, findings: ${out}/findings.json}
            sinks:
              - path: ${out}/all.jsonl
            """)
        _ = run(workers: 1, out: "sorted")
        let placed = try placesOfFindings("sorted")
        #expect(placed.contains { $0.contains("T4-1") })
        #expect(placed.allSatisfy { $0.hasSuffix(" -:-") }, "\(placed.prefix(3))")
    }

    @Test func aForeignSpreadsheetIsMappedInEveryPiece() throws {
        try writeInputs()
        // The province's own headers: each column renamed, one column the map leaves out.
        var lines = try folder.text("in.csv").components(separatedBy: "\r\n")
        let keys = lines[0].split(separator: ",").map(String.init)
        lines[0] = (keys.indices.map { "栏目\($0)" } + ["备注"]).joined(separator: ",")
        for index in 1..<lines.count where !lines[index].isEmpty { lines[index] += ",无" }
        folder.write("province.csv", lines.joined(separator: "\r\n"))
        folder.write("map.yaml", keys.enumerated().map { "栏目\($0.offset): \($0.element)" }.joined(separator: "\n"))
        let (summary, files) = try expectSameBothWays(
            """
            version: 1
            sources:
              - path: province.csv
                columns: map.yaml
                unmapped: ignore
            steps:
              - validate: {fail_on: never, findings: ${out}/findings.json}
            sinks:
              - path: ${out}/all.jsonl
            """)
        #expect(summary.contains("read 606 reports"))
        #expect(files["all.jsonl"]?.split(separator: "\n").count == 606)
    }

    @Test func aRefusalThatStopsTheRunIsTheFirstInInputOrder() throws {
        try writeInputs()
        let (summary, files) = try expectSameBothWays(
            """
            version: 1
            sources:
              - path: in.csv
            steps:
              - drop: [facts]
              - validate: {}
            sinks:
              - path: ${out}/all.jsonl
            """)
        #expect(summary.contains("in.csv (report 238)"))
        #expect(files.isEmpty)
    }

    @Test func aDamagedLineHalfwayIsReportedWhereItIs() throws {
        try writeInputs()
        var lines = try folder.text("in.jsonl").split(separator: "\n", omittingEmptySubsequences: false)
        lines[450] = Substring(lines[450].replacingOccurrences(of: "\":", with: "\""))
        folder.write("in.jsonl", lines.joined(separator: "\n"))
        let (summary, files) = try expectSameBothWays(
            """
            version: 1
            sources:
              - path: in.jsonl
            steps:
              - validate: {fail_on: never}
            sinks:
              - path: ${out}/all.jsonl
            """)
        #expect(summary.contains("in.jsonl:451:"))
        #expect(files.isEmpty)
    }
}
