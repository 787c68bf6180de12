import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// The tables reach the reader flattened in every way published pages flatten them. These
/// tests lay out one known report in each way and read it back.
@Suite struct FlatteningTests {
    enum Layout: String, CaseIterable {
        /// `a | b | c`
        case bars
        /// `| a | b | c |`
        case markdown
        /// one cell per line ending in ` |`, each row opened by a lone `|` line
        case barPerLine
        /// `a<TAB>b<TAB>c`
        case tabs
        /// one cell per line with blank lines between (no blank cells possible)
        case cellPerLine
        /// cells separated by runs of spaces (no blank cells possible)
        case spaces
        /// labels and figures with no separator at all
        case runTogether

        var showsBlankCells: Bool { [.bars, .markdown, .barPerLine, .tabs].contains(self) }
    }

    /// A 2021-format report whose table 三 and 四 sums hold, every cell filled.
    static func consistentReport(blanks: Bool) throws -> Report {
        var report = Report()
        report.formatVersion = .unified2021
        try report.set("meta.report_year", to: .integer(2022))
        let t2: [(String, Int)] = [
            ("regulations.issued_this_year", 0), ("regulations.repealed_this_year", 0), ("regulations.in_force", 2),
            ("normative_documents.issued_this_year", 12), ("normative_documents.repealed_this_year", 3),
            ("normative_documents.in_force", 58), ("administrative_licensing.decisions_this_year", 1520),
            ("administrative_penalty.decisions_this_year", 311), ("administrative_coercion.decisions_this_year", 9),
        ]
        for (key, value) in t2 { try report.set("active_disclosure." + key, to: .integer(value)) }
        try report.set("active_disclosure.administrative_fees.amount_wan_yuan", to: .decimal(Decimal(string: "86.35")!))
        // Rows of table 三 by applicant column (the last entry is the total).
        let rows: [(ApplicationRow, [Int])] = [
            (.newReceived, [41, 6, 0, 1, 2, 3]), (.carriedOver, [4, 1, 0, 0, 0, 0]),
            (.granted, [18, 3, 0, 1, 0, 1]), (.partiallyGranted, [5, 0, 0, 0, 1, 0]),
            (.withheldStateSecret, [1, 0, 0, 0, 0, 0]), (.withheldProcessInformation, [2, 1, 0, 0, 0, 0]),
            (.unableNotHeld, [9, 2, 0, 0, 1, 1]), (.notProcessedRepeatedApplication, [3, 0, 0, 0, 0, 0]),
            (.otherHandlingOther, [2, 0, 0, 0, 0, 1]), (.resultTotal, [40, 6, 0, 1, 2, 3]),
            (.carriedForward, [5, 1, 0, 0, 0, 0]),
        ]
        for (row, parties) in rows {
            for (column, value) in zip(ApplicantColumn.parties, parties) {
                try report.set(row.key(column), to: .integer(value))
            }
            try report.set(row.key(.total), to: .integer(parties.reduce(0, +)))
        }
        if !blanks {
            for row in ApplicationRow.rows(for: .unified2021) where !rows.contains(where: { $0.0 == row }) {
                for column in ApplicantColumn.allCases { try report.set(row.key(column), to: .integer(0)) }
            }
        }
        for (group, figures) in [
            (ReviewGroup.reconsideration, [2, 1, 0, 1]), (.litigationDirect, [1, 0, 0, 2]),
            (.litigationAfterReconsideration, [0, 0, 0, 1]),
        ] {
            for (outcome, value) in zip(ReviewOutcome.allCases.dropLast(), figures) {
                try report.set(ReviewOutcome.key(group, outcome), to: .integer(value))
            }
            try report.set(ReviewOutcome.key(group, .total), to: .integer(figures.reduce(0, +)))
        }
        return report
    }

    /// Labels as reports mistype them: half-width brackets and colons, spaces inside.
    static func looselyTyped(_ label: String) -> String {
        var text = label.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
            .replacingOccurrences(of: "：", with: ":").replacingOccurrences(of: "，", with: ",")
        for (official, spaced) in [("规章", "规 章"), ("商业企业", "商业 企业"), ("只计这一情形", "只计这一情况"), ("三类内部事务信息", "三类内容事务信息")] {
            text = text.replacingOccurrences(of: official, with: spaced)
        }
        return text
    }

    static func flatten(_ rows: [[TextTableRenderer.Cell]], _ layout: Layout) -> String {
        let cells = rows.map { row in row.map { $0.isFigure ? $0.text : looselyTyped($0.text.trimmingWhitespace()) } }
        switch layout {
        case .bars: return cells.map { $0.joined(separator: " | ") }.joined(separator: "\n")
        case .markdown: return cells.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
        case .barPerLine:
            return cells.map { "|\n" + $0.map { $0 + " |" }.joined(separator: "\n") }.joined(separator: "\n")
        case .tabs: return cells.map { $0.joined(separator: "\t") }.joined(separator: "\n")
        case .cellPerLine:
            return cells.map { $0.filter { !$0.isEmpty }.joined(separator: "\n\n") }.joined(separator: "\n\n")
        case .spaces: return cells.map { $0.filter { !$0.isEmpty }.joined(separator: "    ") }.joined(separator: "\n")
        case .runTogether: return cells.map { $0.joined() }.joined()
        }
    }

    static func document(_ report: Report, _ layout: Layout) -> String {
        let t2 = OfficialTableLayout.activeDisclosure(report, spec: .activeDisclosure, format: .unified2021)
        let t3 = OfficialTableLayout.applications(report, spec: .applications, format: .unified2021)
        let t4 = OfficialTableLayout.reviewLitigation(report, spec: .reviewLitigation)
        let separator = layout == .runTogether ? "" : "\n"
        return [
            "示例县政务服务数据管理局2022年政府信息公开工作年度报告", "一、总体情况", "本年度依法做好政府信息公开工作。",
            "二、主动公开政府信息情况", flatten(t2.rows, layout),
            "三、收到和处理政府信息公开申请情况", flatten(t3.rows, layout),
            "四、政府信息公开行政复议、行政诉讼情况", flatten(t4.rows, layout),
            "五、存在的主要问题及改进情况", "一是解读形式单一。", "六、其他需要报告的事项", "无。",
        ].joined(separator: separator)
    }

    static let tablePrefixes = ["active_disclosure.", "applications.", "review_litigation."]

    static func compare(_ original: Report, _ read: Report) -> (right: Int, wrong: [String], missing: [String]) {
        var right = 0
        var wrong: [String] = []
        var missing: [String] = []
        for field in CanonicalSchema.v1.fields where tablePrefixes.contains(where: { field.key.hasPrefix($0) }) {
            switch (original[field.key], read[field.key]) {
            case (let expected?, let actual?) where expected == actual: right += 1
            case (let expected?, nil): missing.append("\(field.key)=\(expected.plainText)")
            case (nil, nil): break
            case (let expected, let actual):
                wrong.append(
                    "\(field.key): \(expected?.plainText ?? "absent") read as \(actual?.plainText ?? "absent")")
            }
        }
        return (right, wrong, missing)
    }

    @Test(arguments: Layout.allCases)
    func everyLayoutReadsEveryCell(_ layout: Layout) throws {
        let original = try Self.consistentReport(blanks: false)
        let text = Self.document(original, layout)
        let (read, diagnostics) = try SampleReports.read(bytes: Array(text.utf8), name: "\(layout).txt")
        let (right, wrong, missing) = Self.compare(original, read)
        #expect(wrong == [], "\(layout)")
        if layout == .runTogether {
            // Only the table's sums separate the figures: what they cannot decide stays empty,
            // and each such row is reported.
            let warnedRows = Set(diagnostics.filter { $0.code == "text.table.run-together" }.compactMap(\.field))
            for key in missing {
                let row = String(key.prefix { $0 != "=" }.split(separator: ".").dropLast().joined(separator: "."))
                #expect(warnedRows.contains(row), "\(key) is missing without a warning")
            }
            #expect(right >= 180, "run-together: \(right) cells read, missing \(missing)")
        } else {
            #expect(missing == [], "\(layout):\n\(text)")
        }
    }

    @Test(arguments: Layout.allCases.filter(\.showsBlankCells))
    func blankCellsStayAbsent(_ layout: Layout) throws {
        let original = try Self.consistentReport(blanks: true)
        let text = Self.document(original, layout)
        let (read, _) = try SampleReports.read(bytes: Array(text.utf8), name: "\(layout).txt")
        let (_, wrong, missing) = Self.compare(original, read)
        #expect(wrong == [] && missing == [], "\(layout):\n\(text)")
    }

    @Test func blankMarkersAreAbsentAndUnitsFullWidthAndChineseNumeralsAreRead() throws {
        let text = """
            某局2021年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（一）项
            信息内容　本年制发件数　本年废止件数　现行有效件数
            规章　/　—　无
            行政规范性文件　１２件　三　４５
            第二十条第（八）项
            信息内容　本年收费金额（单位：万元）
            行政事业性收费　251000元
            """
        let (report, _) = try SampleReports.read(bytes: Array(text.utf8), name: "markers.txt")
        #expect(report["active_disclosure.regulations.issued_this_year"] == nil)
        #expect(report["active_disclosure.regulations.repealed_this_year"] == nil)
        #expect(report["active_disclosure.regulations.in_force"] == nil)
        #expect(report["active_disclosure.normative_documents.issued_this_year"] == .integer(12))
        #expect(report["active_disclosure.normative_documents.repealed_this_year"] == .integer(3))
        #expect(report["active_disclosure.normative_documents.in_force"] == .integer(45))
        // 元 in a 万元 cell is converted exactly.
        #expect(report["active_disclosure.administrative_fees.amount_wan_yuan"] == .decimal(Decimal(string: "25.1")!))
    }

    @Test func headingsSplitOverLinesAndTypos() throws {
        let text = """
            某镇2019年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第(一)项
            信息内容
            本年新
            制作数量
            本年新
            公开数量
            对外公开
            总数量
            规 章
            1
            2
            3
            规范性文件
            4
            5
            6
            三、收到和处理政府信息公开申请情况
            一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2
            三、本年度办理结果
            (一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1
            (三)不予公开
            6.属于四类过程性性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1
            """
        let (report, diagnostics) = try SampleReports.read(bytes: Array(text.utf8), name: "split.txt")
        #expect(report.formatVersion == .trial2019)
        #expect(report["active_disclosure_2019.regulations.newly_made_this_year"] == .integer(1))
        #expect(report["active_disclosure_2019.normative_documents.total_published"] == .integer(6))
        #expect(report[.granted, .total] == 1)
        // A typo no alias lists, close to one row only: read, with a note.
        #expect(report[.withheldProcessInformation, .naturalPerson] == 1)
        #expect(diagnostics.contains { $0.code == "text.table.fuzzy-label" && $0.severity == .note })
    }
}

/// Part headings in one-line pages: listed in the preamble, or worded as the schema does not.
@Suite struct OneLineHeadingTests {
    @Test func listedHeadingsAndRunInVariantHeading() throws {
        let text =
            "某县2021年政府信息公开工作年度报告 本报告包括以下内容：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。"
            + "一、总体情况本年度依法公开。二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 0 0 1 "
            + "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
            + "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3 四、结转下年度继续办理 1 0 0 0 0 0 1 "
            + "四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况统计 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
            + "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计 1 0 0 0 1 0 0 0 2 2 0 0 0 0 0 五、存在的主要问题及改进情况 无。"
        let (report, _) = try SampleReports.read(bytes: Array(text.utf8), name: "oneline.txt")
        #expect(report.preamble?.text?.contains("三、收到和处理政府信息公开申请情况") == true)
        #expect(report.overview?.text == "本年度依法公开。")
        #expect(report["active_disclosure.regulations.in_force"] == .integer(1))
        #expect(report[.carriedForward, .total] == 1)
        #expect(report[.reconsideration, .total] == 1)
        #expect(report[.litigationDirect, .pending] == 2)
        #expect(report.problemsAndImprovements?.text == "无。")
    }
}
