import Foundation
import Testing
import XchangeCore

@testable import XchangePipeline

/// `sort` past its run size keeps sorted runs in temporary files and merges them, and `dedupe`
/// with `keep: last` keeps the reports waiting there: the reports come out in the order, and
/// exactly as, keeping them in memory gives, with their origins. One test at a time: each looks
/// for temporary files left behind, which another's would be taken for.
@Suite(.serialized) struct SortRunsTests {
    /// 240 generated reports from two files, with few distinct values of the first key (many
    /// ties) and some reports without it (absent sorts last).
    func items() throws -> [PipelineItem] {
        try Generated.reports(240, seed: 21).enumerated().map { index, report in
            var report = report
            try report.set("applications.new_received.total", to: index % 11 == 0 ? nil : .integer(index % 5))
            try report.set("meta.statistics_period.from", to: nil)
            if index % 3 == 0 {
                // What a report text gives: where values were read, and figures no field holds.
                report.provenance["meta.report_year"] = SourceReference(
                    file: "r\(index).txt", line: 3, column: 7, snippet: "２０２１年度")
                report.facts.append(
                    Fact(
                        label: "政务微博发布", value: Decimal(string: "12.50")!, unit: "条",
                        source: SourceReference(line: 9, column: 2)))
            }
            return PipelineItem(
                report: report,
                origin: ReportOrigin(file: index % 2 == 0 ? "a.csv" : "inbox/b.jsonl", ordinal: index + 1))
        }
    }

    func sorted(_ items: [PipelineItem], descending: Bool, runSize: Int, fanIn: Int) throws -> [PipelineItem] {
        let keys = ["applications.new_received.total", "meta.report_year"].map { CanonicalSchema.v1.fieldID($0)! }
        let step = SortStep(keys: keys, descending: descending, runSize: runSize, fanIn: fanIn)
        for item in items { try step.process(item) { _ in Issue.record("sort gave a report before the end") } }
        var out: [PipelineItem] = []
        try step.finish { out.append($0) }
        return out
    }

    func spoolFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix("xchange-spool-")
        }
    }

    @Test(arguments: [false, true])
    func runsOnDiskSortAsMemoryDoes(descending: Bool) throws {
        let items = try items()
        let inMemory = try sorted(items, descending: descending, runSize: .max, fanIn: 64)
        #expect(inMemory.count == items.count)
        let totals = inMemory.map { $0.report.int("applications.new_received.total") }
        #expect(totals.last! == nil && totals.first! == (descending ? 4 : 0))
        let before = try spoolFiles()
        // One merge of 35 runs; passes of merges, three runs at a time; a run per report, in pairs.
        for (runSize, fanIn) in [(7, 64), (10, 3), (1, 2)] {
            let onDisk = try sorted(items, descending: descending, runSize: runSize, fanIn: fanIn)
            #expect(onDisk.map(\.report) == inMemory.map(\.report), "runs of \(runSize), \(fanIn) at a time")
            #expect(onDisk.map(\.origin) == inMemory.map(\.origin), "runs of \(runSize), \(fanIn) at a time")
        }
        #expect(try spoolFiles() == before)
    }

    func deduped(_ items: [PipelineItem], holdLimit: Int) throws -> (items: [PipelineItem], note: String?) {
        let keys = ["applications.new_received.total", "meta.agency_level"].map { CanonicalSchema.v1.fieldID($0)! }
        let step = DedupeStep(keys: keys, keepLast: true, holdLimit: holdLimit)
        for item in items { try step.process(item) { _ in Issue.record("dedupe gave a report before the end") } }
        var out: [PipelineItem] = []
        try step.finish { out.append($0) }
        return (out, step.note)
    }

    @Test func dedupeKeepingTheLastOnDiskKeepsWhatMemoryKeeps() throws {
        let items = try items()
        let inMemory = try deduped(items, holdLimit: .max)
        #expect(inMemory.items.count > 6 && inMemory.items.count < items.count / 4)
        // The last of each combination, in the order they arrived.
        #expect(inMemory.items.map(\.origin.ordinal) == inMemory.items.map(\.origin.ordinal).sorted())
        let before = try spoolFiles()
        for holdLimit in [1, 7, 100] {
            let onDisk = try deduped(items, holdLimit: holdLimit)
            #expect(onDisk.items.map(\.report) == inMemory.items.map(\.report), "holding \(holdLimit)")
            #expect(onDisk.items.map(\.origin) == inMemory.items.map(\.origin), "holding \(holdLimit)")
            #expect(onDisk.note == inMemory.note)
        }
        #expect(try spoolFiles() == before)
    }
}
