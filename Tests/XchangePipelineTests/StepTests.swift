import Foundation
import Testing
import XchangeCore
import XchangeFormats

@testable import XchangePipeline

/// Each built-in step, run through real pipeline files on real files.
struct StepTests {
    let folder = PipelineFolder()

    /// Runs `steps` over the reports and returns what reached the sink.
    func run(_ reports: [Report], steps: String, extra: String = "") throws -> [Report] {
        try folder.write("in.jsonl", reports: reports)
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n\(steps)\nsinks:\n  - path: out/all.jsonl\n\(extra)")
        try folder.run()
        return try folder.reports("out/all.jsonl")
    }

    @Test func setReplacesAndDefaultOnlyFillsAbsentKeys() throws {
        let base = try Generated.report(["meta.agency_level": nil, "meta.admin_division_name": .text("甲市")])
        let out = try run(
            [base],
            steps: """
                  - default: {meta.agency_level: department, meta.admin_division_name: 乙市}
                  - set: {meta.index_no: "{meta.admin_division_code}-{meta.report_year}", meta.contact.email: null}
                """)
        #expect(out[0].text("meta.agency_level") == "department")
        #expect(out[0].text("meta.admin_division_name") == "甲市")
        #expect(out[0].text("meta.index_no") == "\(base.text("meta.admin_division_code")!)-\(base.reportYear!)")
        #expect(out[0]["meta.contact.email"] == nil)
    }

    @Test func aTemplateNamingAnAbsentFieldIsAnErrorForThatReport() throws {
        let report = try Generated.report(["meta.source_url": nil])
        try folder.write("in.jsonl", reports: [report])
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n  - set: {meta.index_no: \"{meta.source_url}\"}\nsinks:\n  - path: out.jsonl\n"
        )
        let found = try #require(folder.runError())
        #expect(found.message.contains("meta.source_url") && found.location?.line == 5)
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.jsonl")))
    }

    @Test func filterKeepsReportsMatchingEveryCondition() throws {
        let reports = try [2021, 2022, 2023, 2023].enumerated().map { index, year in
            try Generated.report(
                ["meta.report_year": .integer(year), "applications.new_received.total": .integer(index * 10)],
                seed: UInt64(index + 1))
        }
        // Only the totals are changed: the filter does not care whether reports are consistent.
        #expect(try run(reports, steps: "  - filter: {meta.report_year: 2023}").count == 2)
        #expect(try run(reports, steps: "  - filter: {applications.new_received.total: {ge: 10, lt: 30}}").count == 2)
        #expect(try run(reports, steps: "  - filter: {meta.report_year: {in: [2021, 2022]}}").count == 2)
        #expect(try run(reports, steps: "  - filter: {meta.report_year: {not_in: [2021]}}").count == 3)
        #expect(try run(reports, steps: "  - filter: {applications.new_received.total: {gt: 10}}").count == 2)
        #expect(try run(reports, steps: "  - filter: {applications.new_received.total: {le: 0}}").count == 1)
        #expect(
            try run(reports, steps: "  - filter: {meta.contact.email: {exists: false}}").count
                == reports.filter { $0["meta.contact.email"] == nil }.count)
    }

    @Test func dropRemovesFieldsGroupsSectionsAndParts() throws {
        let out = try run(
            Generated.reports(2),
            steps: "  - drop: [provenance, facts, overview, meta.contact, review_litigation, meta.index_no]")
        for report in out {
            #expect(report.overview == nil && report.facts.isEmpty && report.provenance.isEmpty)
            #expect(report["meta.contact.phone"] == nil && report["meta.index_no"] == nil)
            #expect(report["review_litigation.reconsideration.total"] == nil)
            #expect(report["applications.new_received.total"] != nil)
        }
    }

    @Test func dedupeKeepsFirstOrLastAndCountsTheDropped() throws {
        let a = try Generated.report(["meta.agency_name": .text("A1")], seed: 1)
        var b = a
        try b.set("meta.agency_name", to: .text("A2"))
        let c = try Generated.report(["meta.agency_name": .text("C")], seed: 2)
        let first = try run([a, c, b], steps: "  - dedupe: {by: [meta.agency_uscc, meta.report_year]}")
        #expect(first.map { $0.text("meta.agency_name") } == ["A1", "C"])
        let last = try run([a, c, b], steps: "  - dedupe: {by: [meta.agency_uscc, meta.report_year], keep: last}")
        #expect(last.map { $0.text("meta.agency_name") } == ["C", "A2"])
        let summary = try folder.run()
        #expect(summary.steps[0].note == "1 duplicate dropped")
    }

    @Test func sortIsStableAndComparesNumbersAsNumbers() throws {
        let totals = [100, 9, 25, 9]
        let reports = try totals.enumerated().map { index, total in
            try Generated.report(
                ["applications.new_received.total": .integer(total), "meta.agency_name": .text("R\(index)")],
                seed: UInt64(index + 1))
        }
        let out = try run(reports, steps: "  - sort: {by: applications.new_received.total}")
        #expect(out.map { $0.text("meta.agency_name")! } == ["R1", "R3", "R2", "R0"])
        let down = try run(reports, steps: "  - sort: {by: [applications.new_received.total], order: descending}")
        #expect(down.map { $0.text("meta.agency_name")! } == ["R0", "R2", "R1", "R3"])
    }

    @Test func validateRefusesInvalidReportsAndWritesFindingsInTheValidateShape() throws {
        var broken = Generated.reports(1, seed: 3)[0]
        try broken.set(
            "applications.new_received.natural_person",
            to: .integer((broken.int("applications.new_received.natural_person") ?? 0) + 1))
        let good = Generated.reports(2, seed: 4)
        try folder.write("in.jsonl", reports: good + [broken])
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n  - validate: {findings: out/findings.json}\nsinks:\n  - path: out/all.jsonl\n"
        )
        let found = try #require(folder.runError())
        #expect(found.code == "pipeline.invalid-report" && found.message.contains("report 3"))
        #expect(folder.files == ["in.jsonl", "p.yaml"])

        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n  - validate: {fail_on: never, findings: out/findings.json}\nsinks:\n  - path: out/all.jsonl\n"
        )
        let summary = try folder.run()
        #expect(summary.findings[.error] == 2)
        let document =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder.file("out/findings.json")))) as! [String: Any]
        #expect(
            document["valid"] as? Bool == true && document["reports"] as? Int == 3 && document["errors"] as? Int == 2)
        let findings = document["findings"] as! [[String: Any]]
        #expect(Set(findings.compactMap { $0["code"] as? String }) == ["T3-1", "T3-3"])
        #expect(
            findings.allSatisfy { $0["report"] as? Int == 3 && ($0["file"] as? String)?.hasSuffix("in.jsonl") == true })
    }

    @Test func failOnWarningRefusesWarnings() throws {
        let legacy = try FormatRegistry.builtin.module(id: "yaml")!
        _ = legacy
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sample = try String(contentsOf: root.appending(path: "samples/suifenhe-2017-legacy.yaml"), encoding: .utf8)
        folder.write("in.yaml", sample)
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.yaml\nsteps:\n  - validate: {fail_on: warning}\nsinks:\n  - path: out.json\n"
        )
        #expect(folder.runError()?.message.contains("L-1") == true)
        folder.write(
            "p.yaml", "version: 1\nsources:\n  - path: in.yaml\nsteps:\n  - validate: {}\nsinks:\n  - path: out.json\n")
        #expect(try folder.run().findings[.warning] == 1)
    }
}

extension StepTests {
    @Test func validationKeepsOrderAndCountsOverManyReports() throws {
        // Many reports, with two refused on the way: the others go on in their order.
        var reports = Generated.reports(1061, seed: 12)
        for index in [5, reports.count - 2] {
            try reports[index].set("review_litigation.litigation_direct.total", to: .integer(9999))
        }
        reports = try reports.enumerated().map { index, report in
            var report = report
            try report.set("meta.index_no", to: .text("N\(index)"))
            return report
        }
        let out = try run(reports, steps: "  - validate: {on_error: skip}", extra: "rejects: out/rejects.jsonl\n")
        #expect(out.count == reports.count - 2)
        let expected = reports.indices.filter { ![5, reports.count - 2].contains($0) }.map { "N\($0)" }
        #expect(out.map { $0.text("meta.index_no")! } == expected)
        #expect(
            try folder.reports("out/rejects.jsonl").map { $0.text("meta.index_no")! } == [
                "N5", "N\(reports.count - 2)",
            ])
    }
}
