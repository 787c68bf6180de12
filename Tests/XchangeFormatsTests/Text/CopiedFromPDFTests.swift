import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// What a text copied from a PDF keeps: page numbers on lines of their own, between a table's
/// rows as anywhere, and hard line breaks that cut a number or an address in two. Page numbers
/// are passed over; a cut number or address is not read, since a wrong figure is worse than a
/// missing one.
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

    @Test func anAddressCutByALineBreakIsNotRead() throws {
        for (text, expected) in [
            ("联系邮箱：sfhzwgk@163.com\n", "sfhzwgk@163.com"),
            ("联系邮箱：sfhzwgk@163.com\n2.联系电话：0453-3921234\n", "sfhzwgk@163.com"),
            ("联系邮箱：s\nfhzwgk@163.com\n", nil),
            ("联系邮箱：sfhzwgk@16\n3.com\n", nil),
        ] as [(String, String?)] {
            let page = "某某县人民政府2016年政府信息公开工作年度报告\n" + text + "一、概述\n全年主动公开政府信息312条。\n"
            let report = try SampleReports.read(bytes: Array(page.utf8), name: "mail.txt").report
            #expect(report["meta.contact.email"] == expected.map { .text($0) }, "\(text)")
        }
    }
}
