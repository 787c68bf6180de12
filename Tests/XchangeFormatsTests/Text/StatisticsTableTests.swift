import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// The statistics table (政府信息公开情况统计表) pre-2019 reports append, in each way pages
/// flatten it. The narrative and figures are made up; the shapes are those seen in real reports.
@Suite struct StatisticsTableTests {
    static let narrative = """
        某某县人民政府2012年政府信息公开工作年度报告
        一、概述
        2012年，全县政府信息公开工作稳步推进。
        二、主动公开政府信息情况
        全年主动公开政府信息2210条。
        三、依申请公开政府信息情况
        全年共收到政府信息公开申请9件。
        附件：某某县2012年政府信息公开情况统计表

        """

    /// (numbering, label, unit, 本年, 累计), in table order.
    static let rows: [(String, String, String, Int, Int)] = [
        ("（一）", "主动公开政府信息数", "条", 2210, 9475),
        ("其中：1.", "政府网站公开数", "条", 2108, 9012),
        ("2.", "政府公报公开数", "条", 0, 0),
        ("（二）", "受理依申请公开信息总数", "件", 9, 36),
        ("其中：1.", "当面申请数", "件", 2, 17),
        ("2.", "网上申请数", "件", 7, 19),
        ("（三）", "行政复议数", "件", 0, 1),
    ]

    enum Flattening: String, CaseIterable {
        case bars, cellPerLine, spaces, runTogether
    }

    static func table(_ flattening: Flattening) -> String {
        let heading = ["指标名称", "单位", "本年", "累计"]
        switch flattening {
        case .bars:
            return
                ([heading.joined(separator: " | "), "一、主动公开情况 | | |"]
                + rows.map { "\($0.0)\($0.1) | \($0.2) | \($0.3) | \($0.4)" })
                .joined(separator: "\n")
        case .cellPerLine:
            return (heading + rows.flatMap { [$0.0 + $0.1, $0.2, String($0.3), String($0.4)] }).joined(separator: "\n")
        case .spaces:
            return (["指标名称  单位  本年  累计"] + rows.map { "\($0.0)\($0.1)  \($0.2)  \($0.3)  \($0.4)" }).joined(
                separator: "\n")
        case .runTogether:
            return heading.joined() + rows.map { "\($0.0)\($0.1)\($0.2)\($0.3)\($0.4)" }.joined()
        }
    }

    static func read(_ text: String) throws -> (Report, [Diagnostic]) {
        try SampleReports.read(bytes: Array(text.utf8), name: "statistics.txt")
    }

    static func fact(_ report: Report, _ label: String, _ column: String) -> Fact? {
        report.facts.first { $0.label == "统计表：\(label)（\(column)）" }
    }

    @Test(arguments: Flattening.allCases)
    func everyRowIsReadInEveryFlattening(_ flattening: Flattening) throws {
        let (report, diagnostics) = try Self.read(Self.narrative + Self.table(flattening))
        #expect(report["legacy.active.total"] == .integer(2210))
        #expect(report["legacy.active.by_channel.gov_website"] == .integer(2108))
        #expect(report["legacy.active.by_channel.gov_gazette"] == .integer(0))
        #expect(report["legacy.applications.received"] == .integer(9))
        #expect(report["legacy.applications.by_channel.in_person"] == .integer(2))
        #expect(report["legacy.applications.by_channel.online"] == .integer(7))
        #expect(report["legacy.review.reconsideration"] == .integer(0))
        for (_, label, unit, year, cumulative) in Self.rows {
            let yearFact = Self.fact(report, label, "本年")
            let cumulativeFact = Self.fact(report, label, "累计")
            #expect(yearFact?.value == Decimal(year), "\(flattening): \(label) 本年")
            #expect(cumulativeFact?.value == Decimal(cumulative), "\(flattening): \(label) 累计")
            #expect(yearFact?.unit == unit)
        }
        // The cumulative column never reaches a legacy field, and the table is not read as sentences.
        #expect(!report.values.present.contains { $0.value == .integer(9475) || $0.value == .integer(9012) })
        #expect(!diagnostics.contains { $0.code == "text.statistics.unread" })
    }

    @Test func runTogetherRowsAreSplitByTheNextNumeralAndTheConstraints() throws {
        // 21089012 + "2." = 2108 | 9012 then item 2 (the parent allows only that split); "00" = 0 | 0;
        // "936" = 9 | 36 (累计 ≥ 本年); "22109475" is decided by the narrative's 2210.
        let table =
            "指标名称单位本年累计（一）主动公开政府信息数条22109475其中：1.政府网站公开数条210890122.政府公报公开数条00"
            + "二、依申请公开情况（一）受理依申请公开信息总数件936"
        let (report, diagnostics) = try Self.read(Self.narrative + table)
        #expect(report["legacy.active.total"] == .integer(2210))
        #expect(report["legacy.active.by_channel.gov_website"] == .integer(2108))
        #expect(report["legacy.active.by_channel.gov_gazette"] == .integer(0))
        #expect(report["legacy.applications.received"] == .integer(9))
        #expect(Self.fact(report, "受理依申请公开信息总数", "累计")?.value == 36)
        #expect(Self.fact(report, "政府网站公开数", "累计")?.value == 9012)
        let notes = diagnostics.filter { $0.code == "text.statistics.split" }.map(\.message)
        #expect(notes.contains { $0.contains("主动公开政府信息数") && $0.contains("narrative") })
    }

    @Test func anUndecidedRunIsLeftEmptyWithAWarningAndKeptAsAFact() throws {
        // "1236" reads as 1|236 or 12|36 (123|6 breaks 累计 ≥ 本年; both fit under 60|990) and no narrative
        // figure for 当面申请数: the cell stays empty, the digits stay findable.
        let text = """
            某某县人民政府2012年政府信息公开工作年度报告
            一、概述
            2012年，全县政府信息公开工作稳步推进。
            附件：政府信息公开情况统计表
            指标名称单位本年累计受理依申请公开信息总数件60990其中：1.当面申请数件12362.网上申请数件00
            """
        let (report, diagnostics) = try Self.read(text)
        #expect(report["legacy.applications.by_channel.in_person"] == nil)
        let warning = try #require(
            diagnostics.first { $0.code == "text.statistics.unread" && $0.message.contains("当面申请数") })
        #expect(warning.location?.line == 5)
        #expect(warning.message.contains("1236"))
        #expect(report.facts.contains { $0.value == 1236 && $0.label.contains("当面申请数") })
    }

    @Test func theNationalTableWithOneValueColumn() throws {
        // 国办发〔2014〕32号: one 统计数 column, template instructions in brackets after labels.
        let text = """
            某某市人民政府办公室2016年政府信息公开工作年度报告
            一、概述
            2016年，全市政府信息公开工作稳步推进。
            附件：2016年政府信息公开情况统计表
            统计指标 | 单位 | 统计数
            一、主动公开情况 | |
            （一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） | 条 | 4312
            其中：主动公开规范性文件数 | 条 | 25
            二、回应解读情况 | |
            （一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次） | 次 | 16
            三、依申请公开情况 | |
            （一）收到申请数 | 件 | 31
            1.当面申请数 | 件 | 4
            2.传真申请数 | 件 | 0
            3.网络申请数 | 件 | 25
            4.信函申请数 | 件 | 2
            四、行政复议数量 | 件 | 1
            五、行政诉讼数量 | 件 | 0
            """
        let (report, _) = try Self.read(text)
        #expect(report["legacy.active.total"] == .integer(4312))
        #expect(report["legacy.active.normative_documents"] == .integer(25))
        #expect(report["legacy.applications.received"] == .integer(31))
        #expect(report["legacy.applications.by_channel.online"] == .integer(25))
        #expect(report["legacy.review.reconsideration"] == .integer(1))
        #expect(report["legacy.review.litigation"] == .integer(0))
        #expect(Self.fact(report, "回应公众关注热点或重大舆情数", "统计数")?.value == 16)
        // The "1条" of the instruction is not a figure.
        #expect(!report.facts.contains { $0.value == 1 && $0.label.contains("主动公开政府信息数") })
    }

    @Test func aTableThatContradictsTheNarrativeIsReportedWithBothPlaces() throws {
        let text = """
            某某县人民政府2012年政府信息公开工作年度报告
            一、依申请公开政府信息情况
            全年共收到政府信息公开申请9件，其中网上申请数3件。
            附件：政府信息公开情况统计表
            指标名称 | 单位 | 本年 | 累计
            受理依申请公开信息总数 | 件 | 9 | 36
            其中：1.网上申请数 | 件 | 4 | 19
            """
        let (report, diagnostics) = try Self.read(text)
        #expect(report["legacy.applications.by_channel.online"] == .integer(3))
        let warning = try #require(diagnostics.first { $0.code == "text.legacy.contradiction" })
        #expect(warning.location?.line == 7)
        #expect(warning.message.contains("line 3"))
    }
}
