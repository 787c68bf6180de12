import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Text copied from a PDF often spaces numbers off from the Chinese around them: `2021 年 1 月
/// 1 日`, `公开 24 件`, `（ 1 ）`, `70487 元`. The spaces change no value: a date, a document
/// number or a list number stays out of the figures, a unit stays with its figure, and a title
/// still names its year and organ.
@Suite struct SpacedNumbersTests {
    /// The text with a space wherever an ASCII digit or letter meets a Chinese character or
    /// bracket, either way round, as a PDF's text often has it.
    static func spacedNumbers(_ text: String) -> String {
        func isLatin(_ scalar: Unicode.Scalar) -> Bool {
            ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
                || scalar == "%"
        }
        func isChinese(_ scalar: Unicode.Scalar) -> Bool {
            (0x4E00...0x9FFF).contains(scalar.value) || scalar == "（" || scalar == "）"
        }
        var spaced = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let previous, isLatin(previous) && isChinese(scalar) || isChinese(previous) && isLatin(scalar) {
                spaced.append(" ")
            }
            spaced.append(scalar)
            previous = scalar
        }
        return String(spaced)
    }

    /// Every value but free text (an address keeps the spaces it was printed with).
    static func figures(_ report: Report) -> [String: FieldValue] {
        CopiedFromPDFTests.values(report).filter { key, value in
            if case .text = value { return key == "meta.agency_name" }
            return true
        }
    }

    @Test(arguments: SampleReports.names.filter { $0.hasSuffix(".txt") })
    func numbersSpacedOffGiveTheSameValues(_ name: String) throws {
        let text = String(decoding: try SampleReports.bytes(name), as: UTF8.self)
        let spaced = Self.spacedNumbers(text)
        #expect(spaced != text)
        let clean = try SampleReports.read(name).report
        let report = try SampleReports.read(bytes: Array(spaced.utf8), name: name).report
        #expect(Self.figures(report) == Self.figures(clean))
        // No date, document number or list number becomes a figure the clean text does not have.
        let cleanFacts = Set(clean.facts.map { "\($0.value) \($0.unit ?? "") \($0.key ?? "")" })
        for fact in report.facts {
            #expect(cleanFacts.contains("\(fact.value) \(fact.unit ?? "") \(fact.key ?? "")"), "\(fact.label)")
        }
    }

    @Test func aUnitSpacedOffItsFigureStaysWithIt() {
        let text = ReportText("| 政府集中采购 | 2 | 70487 元 | 5 万元 | 3\u{3000}% | 12 统计 |", file: nil)
        let tokens = TableCellStream(text, region: 0..<text.count).tokens(in: 0..<text.count)
        let values = tokens.compactMap { token -> String? in
            guard case .value(let value) = token.kind else { return nil }
            return "\(value.number)\(value.unit ?? "")"
        }
        #expect(values == ["2", "70487元", "5万元", "3%", "12"])
        // A unit in a cell of its own, after a tab, is not the figure's before it.
        let tabbed = ReportText("采购\t2\t70487\t元", file: nil)
        let cells = TableCellStream(tabbed, region: 0..<tabbed.count).tokens(in: 0..<tabbed.count)
        #expect(cells.map(\.isText) == [true, false, false, true])
    }

    /// 元 spaced off an amount in a column kept in 万元 still converts it: read without its
    /// unit, `5000 元` would be 5000 万元.
    @Test(arguments: [("5000 元", "0.5"), ("5000元", "0.5"), ("5000\u{3000}元", "0.5"), ("5000", "5000")])
    func aSpacedOffYuanInAWanYuanColumnConverts(_ printed: String, amount: String) throws {
        let text = String(
            decoding: try SampleReports.bytes("rendered/pingtan-2021-report.txt.plain.txt"), as: UTF8.self)
        let changed = text.replacingOccurrences(of: "24252.311082", with: printed)
        let report = try SampleReports.read(bytes: Array(changed.utf8), name: "fees.txt").report
        let expected = FieldValue.decimal(try #require(Decimal(string: amount)))
        #expect(report["active_disclosure.administrative_fees.amount_wan_yuan"] == expected)
    }

    @Test(arguments: [
        ("某某区人民政府 2021 年政府信息公开工作年度报告", 2021, "某某区人民政府"),
        ("某某区人民政府 ２０２１ 年度政府信息公开工作年度报告", 2021, "某某区人民政府"),
        ("“某某县统计局”2016年度政府信息公开工作年度报告", 2016, "某某县统计局"),
        ("《某某市生态环境局 2020 年政府信息公开工作年度报告》", 2020, "某某市生态环境局"),
        ("某 某 县 人 民 政 府 2021 年 政 府 信 息 公 开 工 作 年 度 报 告", 2021, "某某县人民政府"),
        ("桃 江 县 鲊 埠 回 族 乡2021年 政 府 信 息 公 开 工 作 年 度 报 告", 2021, "桃江县鲊埠回族乡"),
    ])
    func titlesWithSpacedOrQuotedParts(_ title: String, year: Int, agency: String) throws {
        let text = "\(title)\n一、总体情况\n本年度，我局主动公开政府信息 86 条。\n"
        let report = try SampleReports.read(bytes: Array(text.utf8), name: "title.txt").report
        #expect(report["meta.report_year"] == .integer(year))
        #expect(report["meta.agency_name"] == .text(agency))
    }

    /// An organ and the date it signs on one line stay apart, spaced or not; a date spaced
    /// inside is still a date.
    @Test(arguments: ["某某区人民政府办公室 2023年1月20日", "某某区人民政府办公室 2023 年 1 月 20 日"])
    func aSignatureLineKeepsItsOrganAndDate(_ signature: String) throws {
        let text = "某某区人民政府办公室2022年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开政府信息86条。\n\(signature)\n"
        let report = try SampleReports.read(bytes: Array(text.utf8), name: "signed.txt").report
        #expect(report["meta.published_on"] == .date(try #require(CalendarDate(year: 2023, month: 1, day: 20))))
        #expect(report["meta.agency_name"] == .text("某某区人民政府办公室"))
    }

    /// A title and headings spread across the page (`一、总 体 情 况`) read as printed together.
    @Test(arguments: SampleReports.names.filter { $0.hasSuffix(".txt") })
    func headingsSpreadAcrossThePageGiveTheSameValues(_ name: String) throws {
        let text = String(decoding: try SampleReports.bytes(name), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            let isHeading = line.count < 40 && (index == 0 || line.first.map { "一二三四五六七（".contains($0) } == true)
            return isHeading ? Self.letterSpaced(String(line)) : String(line)
        }
        let clean = try SampleReports.read(name).report
        let report = try SampleReports.read(bytes: Array(lines.joined(separator: "\n").utf8), name: name).report
        #expect(Self.figures(report) == Self.figures(clean))
    }

    /// A space between every two Chinese characters.
    static func letterSpaced(_ line: String) -> String {
        var spaced = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if let last = spaced.last, Scalars.isHan(last), Scalars.isHan(scalar) { spaced.append(" ") }
            spaced.append(scalar)
        }
        return String(spaced)
    }

    /// A text cut off mid-word after an organ's ending (`三、本 年 度 办`, or `办` on a line of
    /// its own) names no organ `办`.
    @Test(arguments: ["三、本 年 度 办", "三、本年度\n办"])
    func aLoneOrganEndingNamesNobody(_ end: String) throws {
        let text = "根据《条例》，现将我办2022年度政府信息公开工作年度报告公布如下：\n一、总体情况\n本年度主动公开政府信息86条。\n\(end)"
        let report = try SampleReports.read(bytes: Array(text.utf8), name: "cut.txt").report
        #expect(report["meta.agency_name"] == nil)
        #expect(report["meta.report_year"] == .integer(2022))
    }

    @Test func datesAndNumberingSpacedOffAreNotFigures() throws {
        let text = """
            某某县人民政府2021年政府信息公开工作年度报告
            一、总体情况
            根据《通知》（某政办发〔2021〕 39 号）要求，本报告统计期限自 2021 年 1 月 1 日至 2021 年 12 月 31 日。
            （ 1 ）主动公开。本年度主动公开政府信息 86 条，约 4900 人次访问。
            """
        let report = try SampleReports.read(bytes: Array(text.utf8), name: "spaced.txt").report
        let facts = report.facts.map { "\($0.value)\($0.unit ?? "")" }
        #expect(facts.contains("86条"))
        #expect(report.facts.first { $0.unit == "人次" }.map(\.value) == 4900)
        #expect(report.facts.allSatisfy { ![1, 12, 31, 39].contains($0.value) }, "\(facts)")
    }
}
