import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// The patterns seen in real reports that are not in `samples/`, each with made-up texts in
/// several shapes: a wrong figure is worse than a missing one.
@Suite struct TextPatternTests {
    static func read(_ text: String) throws -> (Report, [Diagnostic]) {
        try SampleReports.read(bytes: Array(text.utf8), name: "pattern.txt")
    }

    static let title = "某某县人民政府2016年政府信息公开工作年度报告\n"

    // MARK: Numbers that are not figures

    @Test(arguments: [
        "本报告由概述、主动公开政府信息情况、因政府信息公开申请行政复议、提起行政诉讼的情况等共七个部分组成。",
        "本报告由概述、因政府信息公开申请行政复议、提起行政诉讼的情况……共7个部分组成。",
        "本报告共分五个部分：概述、主动公开情况、依申请公开情况、行政复议和行政诉讼情况、存在问题。",
    ])
    func partCountsAreNotFigures(_ preamble: String) throws {
        let (report, _) = try Self.read(Self.title + preamble + "\n一、概述\n全年工作稳步推进。\n二、主动公开政府信息情况\n全年主动公开政府信息312条。")
        #expect(report["legacy.review.litigation"] == nil)
        #expect(report["legacy.review.reconsideration"] == nil)
        #expect(report["legacy.active.total"] == .integer(312))
    }

    @Test(arguments: [
        "主动公开政府信息5大类共425条。",
        "全年主动公开政府信息5大类，共计425条。",
        "主动公开政府信息共五大类425条。",
    ])
    func categoryCountsAreNotTotals(_ sentence: String) throws {
        let (report, _) = try Self.read(Self.title + "一、主动公开政府信息情况\n" + sentence)
        #expect(report["legacy.active.total"] == .integer(425))
    }

    @Test func ordinalsDatesPhonesAndCodesAreNeverFigures() throws {
        let text =
            Self.title + """
                根据《条例》第三条和“十四五”规划要求，编制本报告。本报告数据统计期限为2016年1月1日至12月31日。联系电话：0571-8888888，邮编：310000。
                一、主动公开政府信息情况
                （五）主动公开政府信息1、政策文件。全年主动公开政府信息共计86条。
                二、依申请公开政府信息情况
                2016年，全县共收到政府信息公开申请3件，均已按时答复。
                """
        let (report, _) = try Self.read(text)
        let legacy = report.values.present.filter { $0.id.descriptor.key.hasPrefix("legacy.") }
        #expect(Set(legacy.map(\.id.descriptor.key)) == ["legacy.active.total", "legacy.applications.received"])
        #expect(report["legacy.active.total"] == .integer(86))
        #expect(report["legacy.applications.received"] == .integer(3))
    }

    @Test(arguments: [
        "全区未收到有关政府信息公开行政复议、提起行政诉讼的申请。",
        "本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
        "全年没有收到政府信息公开方面的行政复议、行政诉讼申请。",
    ])
    func oneStatementGivesBothReviewZeros(_ sentence: String) throws {
        let (report, _) = try Self.read(Self.title + "一、因政府信息公开申请行政复议、提起行政诉讼的情况\n" + sentence)
        #expect(report["legacy.review.reconsideration"] == .integer(0))
        #expect(report["legacy.review.litigation"] == .integer(0))
        // The applications were for review, not disclosure: nothing is said about those.
        #expect(report["legacy.applications.received"] == nil)
    }

    @Test(arguments: [
        "作为依申请公开信息数107条，不予公开信息数1658条。",
        "县直各单位主动公开政府信息1251条，占67.5%。",
    ])
    func figuresOfOtherQuantitiesAreNotTaken(_ sentence: String) throws {
        let (report, _) = try Self.read(Self.title + "一、主动公开政府信息情况\n" + sentence)
        #expect(report["legacy.applications.answered.refused"] == nil)
        #expect(report["legacy.active.total"] == nil)
    }

    // MARK: Titles

    /// The agency a title names, without the book-title marks, quotes and spaces around it.
    @Test(arguments: [
        "《某某县统计局2016年政府信息公开工作年度报告》",
        " “某某县统计局2016年度政府信息公开工作年度报告”",
        "\"某某县统计局\"2016年政府信息公开工作年度报告",
        "某某县统计局关于2016年度政府信息公开工作的年度报告",
    ])
    func titlesNameTheirAgency(_ title: String) throws {
        let (report, _) = try Self.read(title + "\n一、主动公开政府信息情况\n全年主动公开政府信息312条。")
        #expect(report["meta.agency_name"] == .text("某某县统计局"))
        #expect(report["meta.report_year"] == .integer(2016))
    }

    // MARK: Reports without a title

    @Test(arguments: [
        // Starts in the preamble, one numbered part.
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，编写某某县2017年度政府信息公开工作年度报告。全文由概述、主动公开政府信息情况等八部分组成。\n一、概述\n2017年，全县主动公开政府信息共计8123条，其中政府网站公开4012条。",
        // The preamble on one line with its first part.
        "根据《条例》规定，特公布某某县2017年度政府信息公开工作年度报告。一、概述 2017年，全县主动公开政府信息共计8123条，其中政府网站公开4012条。",
        // No numbered part at all.
        "现编制某某县2017年度政府信息公开工作年度报告。2017年，全县主动公开政府信息共计8123条，其中政府网站公开4012条。",
    ])
    func excerptsWithoutTitleAreRead(_ text: String) throws {
        let (report, _) = try Self.read(text)
        #expect(report.reportYear == 2017)
        #expect(report.agencyName == "某某县")
        #expect(report["legacy.active.total"] == .integer(8123))
        #expect(report["legacy.active.by_channel.gov_website"] == .integer(4012))
    }

    @Test func aPageFragmentWithOnlyFiguresIsStillAReport() throws {
        let (report, _) = try Self.read("（一）主动公开政府信息情况\n2015年，全局主动公开政府信息共计136条，其中政府网站公开120条。")
        #expect(report["legacy.active.total"] == .integer(136))
    }

    // MARK: Labels with template instructions

    @Test(arguments: [
        "规范性文件(指各行政机关印发的有正式文号的文件) | 3 | 0 | 61 |",
        "规范性文件（指各行政机关印发的有正式文号的文件）\n3\n0\n61",
        "规范性文件（指各行政机关印发的有正式文号的文件）  3  0  61",
    ])
    func bracketedInstructionsAfterALabelAreSkipped(_ row: String) throws {
        let text = """
            某县2019年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（一）项
            信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
            规章 | 0 | 0 | 2 |
            \(row)
            """
        let (report, _) = try Self.read(text)
        #expect(report["active_disclosure_2019.normative_documents.newly_made_this_year"] == .integer(3))
        #expect(report["active_disclosure_2019.normative_documents.newly_published_this_year"] == .integer(0))
        #expect(report["active_disclosure_2019.normative_documents.total_published"] == .integer(61))
    }

    // MARK: Run-together cells the narrative decides

    static func normativeDocuments(narrative: String, row: String) -> String {
        """
        某区2021年政府信息公开工作年度报告
        一、总体情况
        （一）主动公开。\(narrative)
        二、主动公开政府信息情况
        第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章000 \(row)
        """
    }

    @Test(arguments: ["行政规范性文件6423512", "行政规范性文件 6423512", "行政规范性文件64 23512"])
    func narrativeFiguresDecideARunTogetherRow(_ row: String) throws {
        let text = Self.normativeDocuments(narrative: "设立规范性文件库，集中公开现行有效行政规范性文件512件。本年度制发规范性文件64件。", row: row)
        let (report, diagnostics) = try Self.read(text)
        #expect(report["active_disclosure.normative_documents.issued_this_year"] == .integer(64))
        #expect(report["active_disclosure.normative_documents.repealed_this_year"] == .integer(23))
        #expect(report["active_disclosure.normative_documents.in_force"] == .integer(512))
        #expect(
            report.provenance["active_disclosure.normative_documents.in_force"]?.snippet?.contains("text states")
                == true)
        #expect(diagnostics.contains { $0.code == "text.table.split" && $0.message.contains("text states") })
    }

    @Test func aNarrativeThatDoesNotDecideLeavesTheRowEmpty() throws {
        // Only 制发 is stated: 64 | 23512, 64 | 2 | 3512, 64 | 23 | 512, … still fit.
        let text = Self.normativeDocuments(narrative: "本年度制发规范性文件64件。", row: "行政规范性文件6423512")
        let (report, diagnostics) = try Self.read(text)
        #expect(report["active_disclosure.normative_documents.in_force"] == nil)
        #expect(diagnostics.contains { $0.code == "text.table.run-together" && $0.location?.line == 5 })
        #expect(report.facts.contains { $0.value == 6_423_512 })
    }

    // MARK: The 2019 trial table's signed rows

    @Test(arguments: ["行政许可412-17305", "行政许可 412-17305", "行政许可3960181"])
    func signedOrUnboundTrialRowsStayEmptyWithAWarning(_ row: String) throws {
        let text = """
            某县2019年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 \(row)
            第二十条第（六）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政处罚 5 | 0 | 7
            """
        let (report, diagnostics) = try Self.read(text)
        for column in ["items_prior_year", "items_change_this_year", "decisions"] {
            #expect(report["active_disclosure_2019.administrative_licensing.\(column)"] == nil)
        }
        #expect(
            diagnostics.contains {
                $0.severity == .warning && $0.field == "active_disclosure_2019.administrative_licensing"
                    && $0.location?.line == 3
            })
        #expect(report["active_disclosure_2019.administrative_penalty.decisions"] == .integer(7))
    }

    @Test func aSignedCellAfterAFigureIsItsOwnCell() throws {
        let text = """
            某县2019年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（八）项 信息内容 上一年项目数量 本年增/减 行政事业性收费35-15
            """
        let (report, _) = try Self.read(text)
        #expect(report["active_disclosure_2019.administrative_fees.items_prior_year"] == .integer(35))
        #expect(report["active_disclosure_2019.administrative_fees.items_change_this_year"] == .integer(-15))
    }

    // MARK: Consistency warnings

    @Test func brokenLegacyRulesAreWarnedWithEveryPlace() throws {
        let text =
            Self.title + """
                一、主动公开政府信息情况
                全年主动公开政府信息1000条。
                其中政府网站公开900条，政务微博公开50条。
                """
        let (report, diagnostics) = try Self.read(text)
        #expect(report["legacy.active.total"] == .integer(1000))
        let warning = try #require(diagnostics.first { $0.code == "text.legacy.inconsistent" })
        #expect(warning.message.contains("L-1"))
        #expect(warning.message.contains("line 3") && warning.message.contains("line 4"))
    }

    @Test func aNarrativeThatContradictsItselfIsWarnedWithBothPlaces() throws {
        let text =
            Self.title + """
                一、依申请公开政府信息情况
                全年共收到政府信息公开申请12件。
                二、其他
                本年度共收到政府信息公开申请15件。
                """
        let (report, diagnostics) = try Self.read(text)
        #expect(report["legacy.applications.received"] == .integer(12))
        let warning = try #require(diagnostics.first { $0.code == "text.legacy.contradiction" })
        #expect(warning.location?.line == 5)
        #expect(warning.message.contains("line 3"))
    }
}
