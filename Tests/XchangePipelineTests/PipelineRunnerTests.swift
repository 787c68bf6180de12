import Foundation
import Testing
import XchangeCore
import XchangeFormats

@testable import XchangePipeline

/// Runs as a whole: sources, sinks, atomic outputs, rejects, dry runs.
struct PipelineRunnerTests {
    let folder = PipelineFolder()

    @Test func globsReadEveryMatchingFileAndTemplatedSinksWriteOneFilePerReport() throws {
        let reports = Generated.reports(4)
        try folder.write("inbox/2023/a.jsonl", reports: Array(reports[0..<2]))
        try folder.write("inbox/2023/b.jsonl", reports: Array(reports[2..<4]))
        folder.write(
            "p.yaml",
            """
            version: 1
            vars: {year: 2023}
            sources:
              - path: inbox/${year}/*.jsonl
            sinks:
              - path: out/{meta.agency_uscc}-{meta.report_year}-{meta.agency_name}.json
              - path: out/all.csv
                options: {header: zh}
            """)
        let summary = try folder.run()
        #expect(summary.sources[0].files == 2 && summary.sources[0].reports == 4)
        let written = folder.files.filter { $0.hasPrefix("out/") && $0.hasSuffix(".json") }
        #expect(written.count == Set(reports.map { "\($0.text("meta.agency_uscc")!)\($0.agencyName!)" }).count)
        #expect(try folder.reports("out/all.csv").count == 4)
        #expect(try folder.text("out/all.csv").contains("基本信息/机关名称"))
    }

    @Test func aGlobMatchingNothingIsAnError() throws {
        folder.write("p.yaml", "version: 1\nsources:\n  - path: inbox/*.txt\nsinks:\n  - path: out.json\n")
        let found = try #require(folder.runError())
        #expect(found.code == "pipeline.no-files" && found.location?.line == 3)
        #expect(folder.files == ["p.yaml"])
    }

    @Test func anUnwritableSinkWritesNothingElseEither() throws {
        try folder.write("in.jsonl", reports: Generated.reports(2))
        folder.write("blocker", "a file where a folder should be")
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out/a.json\n  - path: blocker/b.json\nrejects: out/rejects.jsonl\n"
        )
        #expect(folder.runError() != nil)
        #expect(folder.files == ["blocker", "in.jsonl", "p.yaml"])
    }

    @Test func aSourceThatFailsHalfwayLeavesExistingFilesUntouched() throws {
        try folder.write("a.jsonl", reports: Generated.reports(3))
        let good = try folder.text("a.jsonl").split(separator: "\n")
        folder.write("b.jsonl", good[0] + "\n{\"meta\": {\"report_year\": \"soon\"}}\n")
        folder.write("out/all.json", "existing")
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: a.jsonl\n  - path: b.jsonl\nsinks:\n  - path: out/all.json\n  - path: out/{meta.agency_uscc}.json\n"
        )
        let found = try #require(folder.runError())
        #expect(found.location?.file?.hasSuffix("b.jsonl") == true, "\(found)")
        #expect(try folder.text("out/all.json") == "existing")
        #expect(folder.files == ["a.jsonl", "b.jsonl", "out/all.json", "p.yaml"])
    }

    @Test func skippedReportsGoToRejectsWithTheReasonAndTheRunGoesOn() throws {
        var broken = Generated.reports(1, seed: 9)[0]
        try broken.set("review_litigation.reconsideration.total", to: .integer(999))
        try folder.write("in.jsonl", reports: Generated.reports(2) + [broken])
        folder.write(
            "p.yaml",
            """
            version: 1
            sources:
              - path: in.jsonl
            steps:
              - validate: {on_error: skip}
              - set: {meta.index_no: "{meta.source_url}"}
                on_error: skip
            sinks:
              - path: out/all.jsonl
            rejects: out/rejects.jsonl
            """)
        var reports = Generated.reports(2)
        reports[1].values[CanonicalSchema.v1.fieldID("meta.source_url")!] = nil
        try folder.write("in.jsonl", reports: reports + [broken])
        let summary = try folder.run()
        #expect(summary.steps[0].skipped == 1 && summary.steps[1].skipped == 1 && summary.rejected == 2)
        #expect(try folder.reports("out/all.jsonl").count == 1)
        let rejects = try folder.reports("out/rejects.jsonl")
        #expect(rejects.count == 2)
        // Reports stream: report 2 is refused by the second step before report 3 reaches the first.
        let reasons = rejects.compactMap { $0.provenance["rejected"]?.snippet }
        #expect(reasons[1].contains("report 3: validate: [pipeline.invalid-report]") && reasons[1].contains("T4-1"))
        #expect(reasons[0].contains("report 2: set:") && reasons[0].contains("meta.source_url"))
        #expect(rejects[1]["review_litigation.reconsideration.total"]?.plainText == "999")
    }

    @Test func aDryRunReadsAndRunsButWritesNothing() throws {
        try folder.write("in.jsonl", reports: Generated.reports(5))
        folder.write(
            "p.yaml",
            """
            version: 1
            sources:
              - path: in.jsonl
            steps:
              - validate: {findings: out/findings.json}
              - filter: {meta.report_year: {ge: 2023}}
            sinks:
              - path: out/{meta.agency_uscc}.yaml
            """)
        let summary = try folder.run(dryRun: true)
        #expect(folder.files == ["in.jsonl", "p.yaml"])
        #expect(summary.steps[0].received == 5 && summary.steps[1].emitted == summary.files.count - 1)
        #expect(summary.render().contains("would write"))
    }

    @Test func writingOntoAnInputIsRefused() throws {
        try folder.write("in.jsonl", reports: Generated.reports(1))
        folder.write("p.yaml", "version: 1\nsources:\n  - path: in.jsonl\nsinks:\n  - path: in.jsonl\n")
        #expect(folder.runError()?.code == "output.is-input")
        #expect(try folder.reports("in.jsonl").count == 1)
    }

    @Test func manyTemplatedFilesStayWithinTheOpenFileLimit() throws {
        let reports = Generated.reports(SinkWriters.openLimit + 6, seed: 2).enumerated().map { index, report in
            var report = report
            try! report.set("meta.index_no", to: .text("N\(index)"))
            return report
        }
        try folder.write("in.jsonl", reports: reports)
        folder.write("p.yaml", "version: 1\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out/{meta.index_no}.json\n")
        try folder.run()
        #expect(folder.files.filter { $0.hasPrefix("out/N") }.count == reports.count)
        #expect(try folder.reports("out/N3.json").first?.text("meta.index_no") == "N3")
    }

    @Test func inlineColumnMapsReadAProvinceSpreadsheet() throws {
        folder.write("province.csv", "单位,年度,新收申请合计,备注\n某县政府办公室,2023,12,无\n")
        folder.write(
            "p.yaml",
            """
            version: 1
            sources:
              - path: province.csv
                columns: {单位: meta.agency_name, 年度: meta.report_year, 新收申请合计: applications.new_received.total}
                unmapped: ignore
            sinks:
              - path: out.jsonl
            """)
        try folder.run()
        let report = try #require(try folder.reports("out.jsonl").first)
        #expect(report.agencyName == "某县政府办公室" && report.int("applications.new_received.total") == 12)
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: province.csv\n    columns: {单位: meta.agency_name}\nsinks:\n  - path: out2.jsonl\n"
        )
        let found = try #require(folder.runError())
        #expect(found.code == "csv.unmapped-column" && found.message.contains("\"新收申请合计\""))
        #expect(found.message.contains("nearest canonical label is 三、收到和处理政府信息公开申请情况/一、本年新收政府信息公开申请数量/总计"))
        let unknown = try #require(
            { () -> Diagnostic? in
                folder.write(
                    "p.yaml",
                    "version: 1\nsources:\n  - path: province.csv\n    columns:\n      单位: meta.agency_nam\nsinks:\n  - path: out2.jsonl\n"
                )
                return folder.loadError()
            }())
        #expect(
            unknown.code == "csv.map-unknown-key" && unknown.location?.line == 5
                && unknown.message.contains("meta.agency_name"))
    }
}
