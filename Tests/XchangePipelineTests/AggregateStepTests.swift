import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeSynthetic

@testable import XchangePipeline

/// `aggregate`: exact sums per group, division levels, and group reports that validate.
struct AggregateStepTests {
    let folder = PipelineFolder()

    /// Department reports of one year, spread over divisions.
    func members(_ codes: [String], year: Int = 2023) throws -> [Report] {
        try codes.enumerated().map { index, code in
            try Generated.report(
                ["meta.admin_division_code": .text(code), "meta.report_year": .integer(year)], seed: UInt64(index + 11))
        }
    }

    func aggregate(_ reports: [Report], _ config: String, steps: String = "") throws -> [Report] {
        try folder.write("in.jsonl", reports: reports)
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n\(steps)  - aggregate: \(config)\n  - validate: {}\nsinks:\n  - path: out.jsonl\n"
        )
        try folder.run()
        return try folder.reports("out.jsonl")
    }

    @Test func sumsEveryCountAndMoneyFieldExactlyPerCity() throws {
        let reports = try members(["231081", "231002", "230102", "231081"])
        let out = try aggregate(
            reports, "{by: meta.admin_division_code, level: city, agency_name: \"{meta.admin_division_code}合计\"}")
        #expect(out.map { $0.text("meta.admin_division_code")! } == ["231000", "230100"])
        let city = reports.filter { $0.text("meta.admin_division_code")!.hasPrefix("2310") }
        for field in CanonicalSchema.v1.fields where [.count, .money].contains(field.kind) {
            let members = city.compactMap { $0[field.key]?.number }
            guard !members.isEmpty else {
                #expect(out[0][field.key] == nil)
                continue
            }
            #expect(out[0][field.key]?.number == members.reduce(0, +), "\(field.key)")
        }
        #expect(out[0].text("meta.agency_name") == "231081合计")
        #expect(out[0].reportYear == 2023 && out[0].formatVersion == .unified2021)
        #expect(out[0].overview == nil && out[0].facts.isEmpty && out[0]["meta.agency_uscc"] == nil)
    }

    @Test func moneyIsSummedAsExactDecimals() throws {
        let amounts = ["0.1", "0.2", "1234.0001"]
        let reports = try amounts.enumerated().map { index, amount in
            try Generated.report(
                [
                    "meta.admin_division_code": .text("231081"), "meta.report_year": .integer(2023),
                    "active_disclosure.administrative_fees.amount_wan_yuan": .decimal(Decimal(string: amount)!),
                ], seed: UInt64(index + 20))
        }
        let out = try aggregate(reports, "{by: meta.admin_division_code, level: province}")
        #expect(out[0].text("meta.admin_division_code") == "230000")
        #expect(out[0].text("active_disclosure.administrative_fees.amount_wan_yuan") == "1234.3001")
    }

    @Test func levelsCutTheCodeTo6Or4Or2Digits() throws {
        let reports = try members(["231081", "231002", "230102"])
        #expect(try aggregate(reports, "{by: meta.admin_division_code, level: county}").count == 3)
        #expect(try aggregate(reports, "{by: meta.admin_division_code, level: province}").count == 1)
        #expect(try aggregate(reports, "{by: meta.admin_division_code}").count == 3)
    }

    @Test func membersOfDifferentYearsAreAnError() throws {
        let reports = try members(["231081"], year: 2022) + members(["231002"], year: 2023)
        try folder.write("in.jsonl", reports: reports)
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n  - aggregate: {by: meta.admin_division_code, level: city}\nsinks:\n  - path: out.jsonl\n"
        )
        let found = try #require(folder.runError())
        #expect(
            found.code == "aggregate.mixed-group" && found.message.contains("2022") && found.message.contains("2023"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.jsonl")))
    }

    @Test func aFieldSomeMembersLackIsSummedOverTheOthersWithAWarningOrLeftAbsentWhenStrict() throws {
        var reports = try members(["231081", "231002"])
        reports[1].values[CanonicalSchema.v1.fieldID("active_disclosure.administrative_fees.amount_wan_yuan")!] = nil
        let amount = reports[0]["active_disclosure.administrative_fees.amount_wan_yuan"]!
        try folder.write("in.jsonl", reports: reports)
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n  - aggregate: {by: meta.admin_division_code, level: city}\nsinks:\n  - path: out.jsonl\n"
        )
        let diagnostics = DiagnosticList()
        try folder.run(diagnostics: diagnostics)
        #expect(try folder.reports("out.jsonl")[0]["active_disclosure.administrative_fees.amount_wan_yuan"] == amount)
        let warning = try #require(diagnostics.diagnostics.first { $0.code == "aggregate.partial-field" })
        #expect(warning.message.contains("active_disclosure.administrative_fees.amount_wan_yuan"))
        let strict = try aggregate(reports, "{by: meta.admin_division_code, level: city, strict: true}")
        #expect(strict[0]["active_disclosure.administrative_fees.amount_wan_yuan"] == nil)
    }

    @Test func groupReportsOf2019AndLegacyReportsValidateToo() throws {
        for era in [FormatVersion.trial2019, .legacyPre2019] {
            let reports = try Array(ReportGenerator(count: 6, seed: 5, format: era)).map { report in
                var report = report
                try report.set("meta.admin_division_code", to: .text("231081"))
                try report.set("meta.report_year", to: .integer(era == .trial2019 ? 2020 : 2017))
                return report
            }
            // The last step validates the group report: the run fails if it does not.
            let out = try aggregate(reports, "{by: meta.admin_division_code, level: city}")
            #expect(out.count == 1)
            // Signed counts (the 2019 format's changes) sum with their signs.
            for field in CanonicalSchema.v1.fields where field.kind == .signedCount {
                let members = reports.compactMap { $0[field.key]?.number }
                guard !members.isEmpty else { continue }
                #expect(out[0][field.key]?.number == members.reduce(0, +), "\(field.key)")
            }
        }
    }

    /// A total no whole number can hold is an error naming the field, not a wrong figure.
    @Test func aCountTotalPastTheLargestWholeNumberIsAnError() throws {
        var reports = try members(["231081", "231002"])
        let field = CanonicalSchema.v1.fieldID("applications.new_received.natural_person")!
        for index in reports.indices { reports[index].values[field] = .integer(5_000_000_000_000_000_000) }
        try folder.write("in.jsonl", reports: reports)
        folder.write(
            "p.yaml",
            "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n  - aggregate: {by: meta.admin_division_code, level: city}\nsinks:\n  - path: out.jsonl\n"
        )
        let found = try #require(folder.runError())
        #expect(found.code == "aggregate.overflow")
        #expect(found.field == field.key)
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.jsonl")))
    }
}
