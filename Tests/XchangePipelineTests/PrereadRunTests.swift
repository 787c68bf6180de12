import Foundation
import Testing
import XchangeCore
import XchangeFormats

@testable import XchangePipeline

/// Many small source files, read a few files ahead on worker threads, give what reading them
/// one after another gives: the same sinks, summary and diagnostics, in the same order, and
/// the same first error.
struct PrereadRunTests {
    let folder = PipelineFolder()
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "samples")

    /// One-report JSON and YAML files (some breaking a sum rule, some another year of an
    /// agency), and report texts whose reader warns, in one inbox.
    func writeInbox() throws {
        var reports = Generated.reports(24, seed: 41)
        for index in stride(from: 4, to: 24, by: 7) {
            try reports[index].set("review_litigation.reconsideration.total", to: .integer(999))
        }
        var other = reports[2]
        try other.set("meta.report_year", to: .integer(other.reportYear! - 1))
        reports.append(other)
        for (index, report) in reports.enumerated() {
            try folder.write(String(format: "inbox/r%02d.json", index), reports: [report])
        }
        for name in ["suifenhe-2017-report.txt", "pingtan-2021-report.txt", "zhabu-township-2021-report.txt"] {
            folder.write("inbox/" + name, try String(contentsOf: Self.samples.appending(path: name), encoding: .utf8))
        }
        folder.write(
            "p.yaml",
            """
            version: 1
            sources:
              - path: inbox/*.json
              - path: inbox/*.txt
            steps:
              - validate: {fail_on: never, findings: ${out}/findings.json}
            sinks:
              - path: ${out}/all.jsonl
              - path: ${out}/all.csv

            """)
    }

    /// Runs `p.yaml` writing under `out` with `workers` threads: the summary without its time
    /// (or the error), and every diagnostic said, in order.
    func run(workers: Int, out: String) -> (outcome: String, said: [String]) {
        let diagnostics = DiagnosticList()
        do {
            var summary = try PipelineRunner(formats: .builtin, workers: workers).run(
                try folder.load(variables: ["out": out]), diagnostics: diagnostics)
            summary.seconds = 0
            return (
                summary.render().replacingOccurrences(of: "/\(out)/", with: "/OUT/"),
                diagnostics.diagnostics.map(\.description)
            )
        } catch {
            return ("\(error)", diagnostics.diagnostics.map(\.description))
        }
    }

    @Test func smallSourcesReadAheadGiveWhatReadingInOrderGives() throws {
        try writeInbox()
        let inOrder = run(workers: 1, out: "one")
        let ahead = run(workers: 2, out: "two")
        #expect(ahead.outcome == inOrder.outcome)
        #expect(ahead.said == inOrder.said)
        #expect(try folder.text("two/all.jsonl") == (try folder.text("one/all.jsonl")))
        #expect(try folder.text("two/all.csv") == (try folder.text("one/all.csv")))
        let findings = try folder.text("two/findings.json")
        #expect(findings == (try folder.text("one/findings.json")))
        // Warnings from the texts' reader, and findings of the validate step, cross-year too.
        #expect(ahead.said.contains { $0.contains("[text.") })
        #expect(findings.contains("T4-1") && findings.contains("T3-6"))
        #expect(ahead.outcome.contains("step 1 validate: 28 in, 28 out"), "\(ahead.outcome)")
    }

    @Test func aBrokenFileAmongThemStopsTheRunAlike() throws {
        try writeInbox()
        let text = try folder.text("inbox/r03.json")
        folder.write("inbox/r11.json", String(text.dropLast(40)))
        let inOrder = run(workers: 1, out: "one")
        let ahead = run(workers: 3, out: "two")
        #expect(ahead.outcome == inOrder.outcome)
        #expect(ahead.said == inOrder.said)
        #expect(ahead.outcome.contains("r11.json"), "\(ahead.outcome)")
        #expect(!folder.files.contains { $0.hasPrefix("two/") })
    }
}
