import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// What a text copied from a PDF keeps: page numbers on lines of their own, between a table's
/// rows as anywhere, and hard line breaks at a fixed width, which cut labels, numbers and
/// addresses in two. Page numbers are passed over; a cut label is still found; a cut number or
/// address is not read, since a wrong figure is worse than a missing one.
@Suite struct CopiedFromPDFTests {
    @Test(arguments: ["— 3 —", "- 12 -", "－３－", " —— 7 —— ", "第 2 页 共 9 页", "第2页", "共9页 第2页", "第 2 页，共 9 页"])
    func pageNumberLines(_ line: String) {
        #expect(PageNumberLines.isPageNumber(ArraySlice(line.unicodeScalars)))
    }

    @Test(arguments: ["3", "12 3", "- 3", "3 -", "2-3", "第二页", "—— 合计 ——", "第2页共", "- 12345 -", "第 2 页 说明"])
    func linesThatAreNotPageNumbers(_ line: String) {
        #expect(!PageNumberLines.isPageNumber(ArraySlice(line.unicodeScalars)))
    }

    /// The values of a report, without where they were read.
    static func values(_ report: Report) -> [String: FieldValue] {
        Dictionary(uniqueKeysWithValues: report.values.present.map { ($0.id.descriptor.key, $0.value) })
    }

    @Test(arguments: SampleReports.names.filter { $0.hasSuffix(".txt") })
    func pageNumbersBetweenLinesChangeNoValue(_ name: String) throws {
        let text = String(decoding: try SampleReports.bytes(name), as: UTF8.self)
        var paged: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            paged.append(String(line))
            guard index % 5 == 4 else { continue }
            let page = index / 5 + 1
            paged.append(["— \(page) —", "第 \(page) 页 共 40 页", "- \(page) -"][page % 3])
        }
        let clean = try SampleReports.read(name).report
        let report = try SampleReports.read(bytes: Array(paged.joined(separator: "\n").utf8), name: name).report
        #expect(Self.values(report) == Self.values(clean))
    }

    static let legacy = "某某县人民政府2016年政府信息公开工作年度报告\n一、概述\n全年工作稳步推进。\n二、主动公开政府信息情况\n"

    @Test func aNumberCutByALineBreakIsNotRead() throws {
        let whole = try SampleReports.read(
            bytes: Array((Self.legacy + "全年主动公开政府信息312条，其中政府网站公开213条。\n").utf8), name: "whole.txt"
        ).report
        #expect(whole["legacy.active.by_channel.gov_website"] == .integer(213))
        let cut = try SampleReports.read(
            bytes: Array((Self.legacy + "全年主动公开政府信息312条，其中政府网站公开21\n3条。\n").utf8), name: "cut.txt"
        ).report
        #expect(cut["legacy.active.total"] == .integer(312))
        #expect(cut["legacy.active.by_channel.gov_website"] == nil)
    }

    @Test func anAddressOrLinkCutByALineBreakIsNotRead() throws {
        let mail = "meta.contact.email"
        let link = "meta.contact.website"
        for (text, key, expected) in [
            ("联系邮箱：sfhzwgk@163.com\n", mail, "sfhzwgk@163.com"),
            ("联系邮箱：sfhzwgk@163.com\n2.联系电话：0453-3921234\n", mail, "sfhzwgk@163.com"),
            ("联系邮箱：s\nfhzwgk@163.com\n", mail, nil),
            ("联系邮箱：sfhzwgk@16\n3.com\n", mail, nil),
            ("网址：http://www.example.gov.cn\n", link, "http://www.example.gov.cn"),
            ("网址：http://www.example.gov.cn\n2.联系电话：0453-3921234\n", link, "http://www.example.gov.cn"),
            ("网址：http://\nwww.example.gov.cn\n", link, nil),
            ("网址：http://www.example.gov.cn/zw\ngk/index.html\n", link, nil),
        ] as [(String, String, String?)] {
            let page = "某某县人民政府2016年政府信息公开工作年度报告\n" + text + "一、概述\n全年主动公开政府信息312条。\n"
            let report = try SampleReports.read(bytes: Array(page.utf8), name: "contact.txt").report
            #expect(report[key] == expected.map { .text($0) }, "\(text)")
        }
    }

    /// `text` wrapped at `columns` display columns as a PDF wraps it: anywhere between
    /// characters, but never inside a run of ASCII letters and digits.
    static func hardWrapped(_ text: String, at columns: Int) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var width = 0
            var rest = Substring(line)
            while let first = rest.first {
                let word =
                    first.isASCII && (first.isLetter || first.isNumber)
                    ? rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "@") }
                    : rest.prefix(1)
                let wordWidth = DisplayWidth.of(String(word))
                if width + wordWidth > columns, !current.isEmpty {
                    lines.append(current)
                    current = ""
                    width = 0
                }
                current += word
                width += wordWidth
                rest = rest.dropFirst(word.count)
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: SampleReports.names.filter { $0.hasSuffix(".txt") }, [56, 64, 72])
    func aHardWrappedSampleGivesNoOtherValue(_ name: String, columns: Int) throws {
        let text = String(decoding: try SampleReports.bytes(name), as: UTF8.self)
        let clean = Self.values(try SampleReports.read(name).report)
        let wrapped = try SampleReports.read(bytes: Array(Self.hardWrapped(text, at: columns).utf8), name: name).report
        for (key, value) in Self.values(wrapped) {
            #expect(clean[key] == value, "\(key)")
        }
    }

    @Test func labelsCutByAHardWrapAreFound() throws {
        let filler = "各单位认真落实政府信息公开工作要求，不断完善工作机制，持续提升公开质量和水平。"
        let text =
            "某某市人民政府2017年政府信息公开工作年度报告\n" + filler
            + "如对本报告有任何疑问，请与某某市人民政府办公室联系（地址：某某市长江路1号，邮编：157399，电话：0453-3921234）。\n"
            + "一、概述\n" + String(repeating: filler, count: 4) + "\n二、主动公开政府信息情况\n"
            + String(repeating: filler, count: 2)
            + "全市主动公开政府信息11213条，其中政府网站公开8246条，政务微博公开490条，政务微信公开213条，其他方式公开2262条。\n"
        let clean = try SampleReports.read(bytes: Array(text.utf8), name: "clean.txt").report
        #expect(clean["legacy.active.by_channel.gov_website"] == .integer(8246))
        #expect(clean["meta.contact.postcode"] == .text("157399"))
        var found = 0
        for columns in stride(from: 40, through: 80, by: 2) {
            // Paragraphs start indented, as a PDF prints them.
            let indented = text.split(separator: "\n").map { "　　" + $0 }.joined(separator: "\n")
            let wrapped = Self.hardWrapped(columns % 4 == 0 ? text : indented, at: columns)
            let report = try SampleReports.read(bytes: Array(wrapped.utf8), name: "wrapped.txt").report
            #expect(Self.values(report).allSatisfy { Self.values(clean)[$0] == $1 }, "\(columns)")
            if Self.values(report) == Self.values(clean) { found += 1 }
        }
        // Wherever the wraps fall, nothing is read wrong; mostly, everything is read.
        #expect(found >= 15)
    }

    @Test func aTextThatIsNotWrappedKeepsItsBreaks() {
        // Paragraphs of every length, and a table drawn with bars whose rows are one width.
        let widths: [Int?] = [64, 12, 88, 130, 40, 24, 70, 33, 102, 58, nil, nil, nil, 44, 96]
        #expect(HardWrapping.wrappingWidth(widths) == nil)
        #expect(HardWrapping.wrappingWidth([60, 60, 59, 60, 58, 60, 31, 60, 12, 60]) == 60)
        // A few lines wider than the rest: not a wrap.
        #expect(HardWrapping.wrappingWidth([60, 60, 59, 60, 58, 60, 31, 90, 92, 60, 99]) == nil)
        var bars = Array("| 规章 | 0 | 0 | 0 |".unicodeScalars)
        #expect(HardWrapping.proseWidth(of: bars, 0..<bars.count) == nil)
        bars = Array("全年主动公开政府信息312条。".unicodeScalars)
        #expect(HardWrapping.proseWidth(of: bars, 0..<bars.count) == 27)
        // A paragraph's indent is width; a run of spaces inside a line is a gap between cells.
        bars = Array("　　全年主动公开政府信息312条。".unicodeScalars)
        #expect(HardWrapping.proseWidth(of: bars, 0..<bars.count) == 31)
        bars = Array("主动公开  312  条".unicodeScalars)
        #expect(HardWrapping.proseWidth(of: bars, 0..<bars.count) == nil)
    }
}
