import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Input that is not a report: a clear error, or a report with warnings for what could be
/// read; never a crash and never a figure the text does not hold.
@Suite struct TextBadInputTests {
    static func code(of bytes: [UInt8]) -> String? {
        do {
            _ = try SampleReports.read(bytes: bytes, name: "input.txt")
            return nil
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.location?.file == "input.txt")
            return diagnostic.code
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func emptyFile() {
        #expect(Self.code(of: []) == "text.empty")
    }

    @Test func binaryBytes() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(Self.code(of: bytes) == "text.binary")
        #expect(Self.code(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) == "text.binary")
    }

    /// Control bytes are counted only in a text that holds some: a text mostly of them is
    /// refused wherever they stand, a report with a few page feeds (PDF copies) is read.
    @Test func controlBytesWithoutNUL() throws {
        for offset in 0..<9 {
            let bytes =
                Array("一、".utf8) + Array(repeating: UInt8(offset % 8 + 1), count: 100 + offset) + Array("报告".utf8)
            #expect(Self.code(of: bytes) == "text.binary", "\(offset)")
        }
        var sample = try SampleReports.bytes("suifenhe-2017-report.txt")
        for (step, place) in [101, 2_003, 5_000].enumerated() {
            let lineEnd = sample[place...].firstIndex(of: 0x0A)!
            sample.insert(step == 0 ? 0x0C : 0x0B, at: lineEnd)
        }
        #expect(Self.code(of: sample) == nil)
    }

    @Test func chineseProseIsNotAReport() {
        let prose = "春天来了，公园里的花都开了。一、桃花最早开放，二、杏花随后。孩子们在草地上奔跑，老人们在树下下棋，一共有12个人。"
        #expect(Self.code(of: Array(prose.utf8)) == "text.not-a-report")
    }

    @Test func aPageThatOnlyNamesAReportIsNotOne() {
        // What is left of a saved page cut after its breadcrumb: it names the 年报, and holds none of it.
        for text in ["当前位置： 首页政务公开政府信息公开政府信息公开年报 \n", "政府信息公开年报\n\n政府信息公开年报\n"] {
            #expect(Self.code(of: Array(text.utf8)) == "text.not-a-report", "\(text)")
        }
    }

    @Test func truncatedTableGivesAReportWithWarnings() throws {
        let text = """
            某县统计局2021年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（一）项
            信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
            规章 | 0 | 0 | 0
            行政规范性文件 | 3 | 1
            """
        let (report, diagnostics) = try SampleReports.read(bytes: Array(text.utf8), name: "cut.txt")
        #expect(report["active_disclosure.regulations.in_force"] == .integer(0))
        #expect(report["active_disclosure.normative_documents.issued_this_year"] == nil)
        #expect(diagnostics.contains { $0.severity == .warning && $0.location?.line == 6 })
    }

    @Test func invalidUTF8IsReadAsGB18030() throws {
        let text = "某县人民政府2017年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息120条。\n二、依申请公开情况\n全年未收到政府信息公开申请。"
        let gb18030 = try #require(Self.encodeGB18030(text))
        #expect(String(validating: gb18030, as: UTF8.self) == nil)
        let (report, _) = try SampleReports.read(bytes: gb18030, name: "gbk.txt")
        #expect(report["legacy.active.total"] == .integer(120))
        #expect(report["legacy.applications.received"] == .integer(0))
        #expect(report.agencyName == "某县人民政府")
    }

    @Test func byteOrderMarksDecideTheEncoding() throws {
        let text = "某县人民政府2017年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息120条。"
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let gb18030 = try #require(Self.encodeGB18030("\u{FEFF}" + text))
        #expect(gb18030.starts(with: [0x84, 0x31, 0x95, 0x33]))
        let utf8: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let files: [(String, [UInt8])] = [("utf16.txt", utf16), ("gb-bom.txt", gb18030), ("utf8-bom.txt", utf8)]
        for (name, bytes) in files {
            let (report, _) = try SampleReports.read(bytes: bytes, name: name)
            #expect(report["legacy.active.total"] == .integer(120), "\(name)")
            #expect(report.agencyName == "某县人民政府", "\(name)")
        }
        // A UTF-8 file cut inside its last character is not UTF-8; nor is it GB18030 here.
        #expect(Self.code(of: Array(text.utf8) + [0xE6, 0x94]) != "unexpected")
    }

    @Test func unplaceableRowsAreWarnedWithTheirLine() throws {
        let text = """
            某县2021年政府信息公开工作年度报告
            三、收到和处理政府信息公开申请情况
            （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计
            一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5
            九、本年度收到的表扬信数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7
            二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 9
            """
        let (report, diagnostics) = try SampleReports.read(bytes: Array(text.utf8), name: "rows.txt")
        #expect(report[.newReceived, .total] == 5)
        #expect(report[.carriedOver, .total] == nil)
        #expect(diagnostics.contains { $0.code == "text.table.unknown-row" && $0.location?.line == 6 })
        #expect(diagnostics.contains { $0.code == "text.table.cell-count" && $0.location?.line == 7 })
        #expect(!report.values.present.contains { $0.value == .integer(7) || $0.value == .integer(9) })
        // The figures stay findable, as facts that say they belong to no cell.
        #expect(report.facts.contains { $0.value == 7 && $0.label.hasPrefix("九、本年度收到的表扬信数量") })
        #expect(report.facts.contains { $0.value == 9 && $0.label.contains("未能对应到单元格") })
    }

    static func encodeGB18030(_ text: String) -> [UInt8]? {
        IconvTranscoder.convert(Array(text.utf8), from: "UTF-8", to: "GB18030")
    }
}

/// Every sample cut short at many points, and with stretches deleted, still reads without a
/// crash: a report with what is there, or an error.
@Suite struct DamagedSampleTests {
    @Test(arguments: SampleReports.names)
    func cutAndDamagedSamplesNeverCrash(_ name: String) throws {
        let scalars = Array(String(decoding: try SampleReports.bytes(name), as: UTF8.self).unicodeScalars)
        let (whole, _) = try SampleReports.read(name)
        let step = max(1, scalars.count / 40)
        for cut in stride(from: step, to: scalars.count, by: step) {
            for damaged in [
                Array(scalars[..<cut]), Array(scalars[..<cut]) + Array(scalars[min(scalars.count, cut + step / 3)...]),
            ] {
                let bytes = Array(String(String.UnicodeScalarView(damaged)).utf8)
                guard let (report, _) = try? SampleReports.read(bytes: bytes, name: name) else { continue }
                // Whatever is read from a cut text is what the whole text says.
                if damaged.count == cut {
                    for (id, value) in report.values.present where id.descriptor.key.hasPrefix("applications.") {
                        #expect(whole[id] == value || whole[id] == nil, "\(name) cut at \(cut): \(id.descriptor.key)")
                    }
                }
            }
        }
    }
}
