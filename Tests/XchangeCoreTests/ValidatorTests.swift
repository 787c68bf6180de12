import Foundation
import Testing
import XchangeCore

/// The consistency rules, as a disclosure office meets them.
struct ValidatorTests {
    /// A small 2019-format table 三 with the Shanghai 2019 natural-person column (spec §4.1).
    func shanghaiLikeReport() throws -> Report {
        var report = Report()
        report.formatVersion = .trial2019
        let natural: [(ApplicationRow, Int)] = [
            (.newReceived, 821), (.carriedOver, 18), (.granted, 258), (.partiallyGranted, 3),
            (.withheldStateSecret, 14),
            (.withheldProhibitedByLaw, 5), (.withheldThirdPartyRights, 3), (.withheldProcessInformation, 10),
            (.unableNotHeld, 252), (.unableRequiresCreation, 44), (.unableUnclearAfterCorrection, 25),
            (.notProcessedRepeatedApplication, 148), (.otherHandling, 5), (.resultTotal, 767), (.carriedForward, 72),
        ]
        for (row, value) in natural {
            try report.set(row.key(.naturalPerson), to: .integer(value))
            try report.set(row.key(.total), to: .integer(value))
        }
        return report
    }

    @Test func consistentTablePasses() throws {
        let findings = Validator().validate(try shanghaiLikeReport())
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
    }

    @Test func changedCellIsFlaggedWithBothFigures() throws {
        var report = try shanghaiLikeReport()
        try report.set(ApplicationRow.resultTotal.key(.naturalPerson), to: .integer(768))
        let findings = Validator().validate(report, source: "report.json")
        let t31 = try #require(findings.first { $0.code == "T3-1" && $0.field == "applications.*.natural_person" })
        #expect(t31.severity == .error)
        #expect(t31.message == "new_received + carried_over = 839 but result.total + carried_forward = 840")
        #expect(t31.expected == "840" && t31.actual == "839")
        #expect(findings.contains { $0.code == "T3-2" && $0.field == "applications.result.*.natural_person" })
        #expect(findings.contains { $0.code == "T3-3" && $0.field == "applications.result.total.*" })
    }

    @Test func blankTotalIsAWarningNotAnError() throws {
        var report = try shanghaiLikeReport()
        try report.set(ApplicationRow.granted.key(.total), to: nil)
        try report.set(ApplicationRow.granted.key(.commercialEnterprise), to: .integer(12))
        let findings = Validator().validate(report).filter { $0.code == "T3-3" }
        #expect(findings.count == 1)
        #expect(findings[0].severity == .warning)
        #expect(findings[0].field == "applications.result.granted.*")
    }

    @Test func conflictingTotalIsAnError() throws {
        var report = try shanghaiLikeReport()
        try report.set(ApplicationRow.granted.key(.commercialEnterprise), to: .integer(12))
        let finding = try #require(Validator().validate(report).first { $0.code == "T3-3" })
        #expect(finding.severity == .error)
    }

    @Test func absentCellsAreNotZeros() throws {
        let report = Report()
        #expect(Validator().validate(report).isEmpty)
        #expect(report["applications.new_received.total"] == nil)
    }

    @Test func table4TotalsAreChecked() throws {
        var report = Report()
        report.formatVersion = .unified2021
        try report.set(ReviewOutcome.key(.reconsideration, .upheld), to: .integer(2))
        try report.set(ReviewOutcome.key(.reconsideration, .corrected), to: .integer(1))
        try report.set(ReviewOutcome.key(.reconsideration, .total), to: .integer(4))
        let finding = try #require(Validator().validate(report).first { $0.code == "T4-1" })
        #expect(finding.message == "total = 4 but upheld + corrected + other_result + pending = 3")
    }

    @Test func legacyChannelsThatDoNotAddUpWarn() throws {
        var report = Report()
        report.formatVersion = .legacyPre2019
        for (key, value) in [
            ("total", 11213), ("by_channel.gov_website", 8246), ("by_channel.gov_weibo", 490),
            ("by_channel.gov_wechat", 213), ("by_channel.other", 2262),
        ] {
            try report.set("legacy.active." + key, to: .integer(value))
        }
        let findings = Validator().validate(report)
        #expect(findings.count == 1)
        #expect(findings[0].code == "L-1" && findings[0].severity == .warning)
        #expect(findings[0].message.hasSuffix("= 11211"))
    }

    @Test func legacyRulesDoNotApplyToUnifiedReports() throws {
        var report = Report()
        report.formatVersion = .unified2021
        try report.set("legacy.active.total", to: .integer(5))
        try report.set("legacy.active.by_channel.other", to: .integer(3))
        #expect(Validator().validate(report).isEmpty)
    }

    func yearReport(_ year: Int, carriedOver: Int, carriedForward: Int) throws -> Report {
        var report = Report()
        report.formatVersion = .unified2021
        try report.set("meta.report_year", to: .integer(year))
        try report.set("meta.agency_name", to: .text("某某区人民政府办公室"))
        try report.set(ApplicationRow.carriedOver.key(.naturalPerson), to: .integer(carriedOver))
        try report.set(ApplicationRow.carriedForward.key(.naturalPerson), to: .integer(carriedForward))
        return report
    }

    /// Validators share their schema's compiled rules, never what they have seen: a year met by
    /// one validator is not compared with a year met by another.
    @Test func validatorsKeepTheirOwnCrossYearMemory() throws {
        let first = Validator()
        let second = Validator()
        _ = first.validate(try yearReport(2022, carriedOver: 5, carriedForward: 1))
        #expect(
            second.validate(try yearReport(2021, carriedOver: 0, carriedForward: 4)).allSatisfy { $0.code != "T3-6" })
        #expect(first.validate(try yearReport(2021, carriedOver: 0, carriedForward: 4)).contains { $0.code == "T3-6" })
    }

    @Test func crossYearCarryOverIsComparedInEitherOrder() throws {
        let validator = Validator()
        _ = validator.validate(try yearReport(2022, carriedOver: 5, carriedForward: 1))
        let findings = validator.validate(try yearReport(2021, carriedOver: 0, carriedForward: 4)).filter {
            $0.code == "T3-6"
        }
        #expect(findings.count == 1)
        #expect(findings.first?.field == "applications.carried_over.natural_person")
    }

    @Test func identifierCheckCharactersFollowTheStandard() {
        #expect(CheckCharacters.isValidUSCC("11371000004359010J"))
        #expect(CheckCharacters.isValidUSCC("91512081MA62K0260E"))
        #expect(CheckCharacters.isValidUSCC("113325000026455663"))
        #expect(!CheckCharacters.isValidUSCC("91350100M000100Y4Z"))
        #expect(CheckCharacters.isValidOrganisationCode(inUSCC: "11371000004359010J"))
        #expect(CheckCharacters.isValidOrganisationCode(inUSCC: "01424668-5"))
    }

    @Test func badUSCCIsAnError() throws {
        var report = Report()
        try report.set("meta.agency_uscc", to: .text("11371000004359010K"))
        #expect(Validator().validate(report).contains { $0.code == "M-1" && $0.severity == .error })
    }

    @Test func narrativeFiguresMustMatchTheTable() throws {
        var report = Report()
        report.formatVersion = .unified2021
        try report.set(ApplicationRow.newReceived.key(.total), to: .integer(8))
        report.facts.append(
            Fact(label: "共收到政府信息公开申请", value: 9, unit: "件", key: ApplicationRow.newReceived.key(.total)))
        let finding = try #require(Validator().validate(report).first { $0.code == "T3-7" })
        #expect(finding.severity == .warning)
    }
}
