import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Exact figures of the real samples, as a reader of each report would state them.
@Suite struct SampleReportTests {
    @Test func suifenhe2017LegacyFigures() throws {
        let (report, _) = try SampleReports.read("suifenhe-2017-report.txt")
        #expect(report.formatVersion == .legacyPre2019)
        #expect(report["meta.report_year"] == .integer(2017))
        #expect(report["meta.published_on"] == .date(CalendarDate(year: 2018, month: 2, day: 23)!))
        #expect(report["meta.statistics_period.from"] == .date(CalendarDate(year: 2017, month: 1, day: 1)!))
        #expect(report["meta.statistics_period.to"] == .date(CalendarDate(year: 2017, month: 12, day: 31)!))
        #expect(report["meta.contact.postcode"] == .text("157399"))
        #expect(report["meta.contact.email"] == .text("sfhzwgk@163.com"))
        let expected: [String: FieldValue] = [
            "legacy.active.total": .integer(11213),
            "legacy.active.by_channel.gov_website": .integer(8246),
            "legacy.active.by_channel.gov_weibo": .integer(490),
            "legacy.active.by_channel.gov_wechat": .integer(213),
            "legacy.active.by_channel.other": .integer(2262),
            "legacy.applications.received": .integer(1),
            "legacy.applications.by_channel.letter": .integer(1),
            "legacy.review.reconsideration": .integer(1),
            "legacy.review.litigation": .integer(0),
            "legacy.proposals.npc.total": .integer(38),
            "legacy.proposals.npc.resolved": .integer(12),
            "legacy.proposals.npc.in_progress": .integer(10),
            "legacy.proposals.npc.planned": .integer(10),
            "legacy.proposals.npc.explained": .integer(6),
            "legacy.proposals.cppcc.total": .integer(50),
            "legacy.proposals.cppcc.resolved": .integer(13),
            "legacy.proposals.cppcc.in_progress": .integer(25),
            "legacy.proposals.cppcc.planned": .integer(8),
            "legacy.proposals.cppcc.explained": .integer(4),
            "legacy.costs.disclosure_work_yuan": .decimal(233400),
            "legacy.fees.charged_yuan": .decimal(0),
        ]
        for (key, value) in expected { #expect(report[key] == value, "\(key)") }
        let facts = Dictionary(report.facts.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(facts[183]?.unit == "项")
        #expect(facts[183]?.label.contains("公共服务事项") == true)
        #expect(facts[6918]?.label.contains("政府网站") == true)
        #expect(facts[183]?.source?.line == 7)
    }

    @Test func suifenheChannelsDoNotAddUpWarning() throws {
        let (report, _) = try SampleReports.read("suifenhe-2017-report.txt")
        let findings = Validator().validate(report)
        let channels = findings.first { $0.code == "L-1" }
        #expect(channels?.severity == .warning)
        #expect(channels?.message.contains("11211") == true)
        #expect(!findings.contains { $0.code == "L-4" || $0.code == "L-5" })
    }

    @Test func suifenhePartsKeepTheirOrderAndKeys() throws {
        let (report, _) = try SampleReports.read("suifenhe-2017-report.txt")
        let headings = report.legacySections.map(\.heading)
        #expect(headings.first == "一、概述")
        #expect(headings.last == "四、2018年工作思路")
        #expect(report.legacySections.first { $0.heading == "(四)人大代表建议和政协委员提案办理结果情况" }?.key == "npc_cppcc_proposals")
        #expect(report.legacySections.first { $0.heading == "(五)政府信息公开相关费用情况" }?.key == "fees")
        #expect(report.legacySections.last?.key == "next_year_plan")
        // The signature is metadata, not part of the last part's text.
        #expect(report.legacySections.last?.text.contains("2018年2月23日") == false)
    }

    @Test func pingtan2021RunTogetherTablesSplitBySums() throws {
        let (report, diagnostics) = try SampleReports.read("pingtan-2021-report.txt")
        #expect(report.formatVersion == .unified2021)
        #expect(report[.newReceived, .naturalPerson] == 64)
        #expect(report[.newReceived, .publicInterestOrganization] == 2)
        #expect(report[.newReceived, .otherOrganization] == 4)
        #expect(report[.newReceived, .total] == 70)
        #expect(report[.unableNotHeld, .naturalPerson] == 22)
        #expect(report[.unableNotHeld, .otherOrganization] == 3)
        #expect(report[.resultTotal, .total] == 69)
        #expect(report[.carriedForward, .total] == 1)
        #expect(report[.reconsideration, .otherResult] == 2)
        #expect(report[.litigationDirect, .upheld] == 12)
        #expect(
            report["active_disclosure.administrative_fees.amount_wan_yuan"]
                == .decimal(Decimal(string: "24252.311082")!))
        // "693665" fits 69|3|665 as well as 69|36|65: no sum decides it, so it stays empty, with a warning.
        #expect(report["active_disclosure.normative_documents.issued_this_year"] == nil)
        #expect(
            diagnostics.contains {
                $0.code == "text.table.run-together" && $0.field == "active_disclosure.normative_documents"
            })
        #expect(report.facts.contains { $0.value == 693665 && $0.label.contains("无法唯一拆分") })
        #expect(report.provenance["applications.new_received.total"]?.snippet?.contains("640020470") == true)
        #expect(report["other_matters.information_processing_fee.charged"] == .flag(false))
        #expect(Validator().validate(report).filter { $0.severity == .error }.isEmpty)
    }

    @Test func shanghai2019HTMLKeepsBlankCellsAbsent() throws {
        let (report, _) = try SampleReports.read("shanghai-general-office-2019-report.html")
        #expect(report.formatVersion == .trial2019)
        #expect(report["active_disclosure_2019.centralized_procurement.total_amount"] == .decimal(251000))
        #expect(report["active_disclosure_2019.centralized_procurement.total_amount_unit"] == .text("元"))
        #expect(report[.newReceived, .naturalPerson] == 821)
        #expect(report[.newReceived, .researchInstitution] == nil)
        #expect(report[.granted, .total] == nil)
        #expect(report[.otherHandling, .naturalPerson] == nil)
        #expect(report[.withheldProhibitedByLaw, .naturalPerson] == nil)
        #expect(report[.resultTotal, .total] == 805)
        #expect(report[.reconsideration, .corrected] == nil)
        #expect(report[.litigationDirect, .pending] == 1)
        #expect(ReviewOutcome.allCases.allSatisfy { report[.litigationAfterReconsideration, $0] == nil })
        #expect(report.otherMatters?.text == "无。")
        #expect(
            report.overview?.subsections.map(\.key) == [
                "active_disclosure", "applications", "information_management", "platform_building", "supervision",
            ])
        #expect(
            report.provenance["applications.result.total.total"]?.file == "shanghai-general-office-2019-report.html")
    }

    @Test func hanyangBlankInForceCellStaysAbsent() throws {
        let (report, _) = try SampleReports.read("hanyang-district-office-2022-report.txt")
        #expect(report["active_disclosure.regulations.in_force"] == nil)
        #expect(report["active_disclosure.regulations.issued_this_year"] == .integer(0))
        #expect(report["active_disclosure.normative_documents.in_force"] == .integer(8))
        #expect(report[.newReceived, .total] == 8)
        // The narrative before table 三 ("予以公开2件") is not read as the table.
        #expect(report[.granted, .naturalPerson] == nil)
        #expect(report.facts.contains { $0.value == 2 && $0.label == "予以公开2件" })
        #expect(report.agencyName == nil)
    }

    @Test func daluTrialTableWithSplitHeadings() throws {
        let (report, diagnostics) = try SampleReports.read("dalu-town-2019-report.txt")
        #expect(report.formatVersion == .trial2019)
        #expect(report["active_disclosure_2019.normative_documents.newly_made_this_year"] == .integer(64))
        #expect(report["active_disclosure_2019.centralized_procurement.total_amount"] == .decimal(70487))
        #expect(report["meta.published_on"] == .date(CalendarDate(year: 2020, month: 1, day: 20)!))
        #expect(!diagnostics.contains { $0.severity == .warning })
    }

    @Test func zhabuMarkdownRows() throws {
        let (report, _) = try SampleReports.read("zhabu-township-2021-report.txt")
        #expect(report["active_disclosure.normative_documents.issued_this_year"] == .integer(1))
        #expect(report["active_disclosure.normative_documents.in_force"] == .integer(1))
        #expect(report.agencyName == "桃江县鲊埠回族乡")
        #expect(report["meta.contact.phone"] == .text("0737-8360001"))
        #expect(report.overview?.subsections.count == 3)
    }

    @Test func pingtanLocalTax2013OneLineNarrative() throws {
        let (report, _) = try SampleReports.read("pingtan-local-tax-2013-report.txt")
        #expect(report.formatVersion == .legacyPre2019)
        #expect(report["legacy.applications.received"] == .integer(0))
        #expect(report["legacy.review.reconsideration"] == .integer(0))
        // Tax relief in 元 is not a disclosure fee.
        #expect(report["legacy.fees.waived_yuan"] == nil)
        #expect(report.facts.contains { $0.value == Decimal(string: "219062.78")! && $0.unit == "元" })
        #expect(report.facts.contains { $0.value == 0 && $0.label.contains("全职人员") })
        #expect(report.legacySections.last?.text.contains("附件下载") == false)
    }

    @Test func provenanceCanBeLeftOut() throws {
        let (report, _) = try SampleReports.read("pingtan-2021-report.txt", options: ["provenance": "false"])
        #expect(report.provenance.isEmpty)
        #expect(report.facts.allSatisfy { $0.source == nil })
        #expect(report[.newReceived, .total] == 70)
    }

    @Test func eraCanBeForced() throws {
        let (report, _) = try SampleReports.read("zhabu-township-2021-report.txt", options: ["era": "legacy_pre2019"])
        #expect(report.formatVersion == .legacyPre2019)
        #expect(report["active_disclosure.regulations.issued_this_year"] == nil)
    }
}
