import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

@Suite("CSV layouts")
struct CSVLayoutTests {
    let folder = TemporaryFolder()

    @Test("the form is laid out as the printed tables, with merged label cells left empty")
    func formLayout() throws {
        let report = try #require(ReportGenerator(count: 1, seed: 1).first { _ in true })
        let path = folder.file("form.csv")
        try CSVTest.write([report], to: path, options: ["layout": "form"])
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        #expect(lines.first == "基本信息")
        #expect(lines.contains("第二十条第（一）项"))
        #expect(lines.contains("信息内容,本年制发件数,本年废止件数,现行有效件数"))
        #expect(lines.contains("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）,,,申请人情况,,,,,,"))
        #expect(lines.contains(",,,自然人,法人或其他组织,,,,,总计"))
        #expect(lines.contains(",,,,商业企业,科研机构,社会公益组织,法律服务机构,其他,"))
        #expect(lines.contains { $0.hasPrefix(",（三）不予公开,1.属于国家秘密,") })
        #expect(lines.contains { $0.hasPrefix(",,2.其他法律行政法规禁止公开,") })
        #expect(lines.contains("结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计"))
    }

    @Test("a form holds one report; a second is an error pointing to wide or long")
    func formOneReport() {
        let reports = Array(ReportGenerator(count: 2, seed: 1))
        #expect(throws: Diagnostic.self) {
            try CSVTest.write(reports, to: folder.file("two.csv"), options: ["layout": "form"])
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("two.csv")))
    }

    @Test("the long layout has one row per value, keyed by USCC/year")
    func longLayout() throws {
        let report = try #require(ReportGenerator(count: 1, seed: 9).first { _ in true })
        let path = folder.file("long.csv")
        try CSVTest.write([report], to: path, options: ["layout": "long"])
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter {
            !$0.isEmpty
        }
        #expect(lines[0] == "report,key,value")
        guard case .text(let uscc)? = report["meta.agency_uscc"], let year = report.reportYear else { return }
        #expect(lines[1] == "\(uscc)/\(year),meta.report_year,\(year)")
        #expect(lines.contains("\(uscc)/\(year),applications.new_received.total,\(report[.newReceived, .total]!)"))
    }

    @Test("a reader dropped after its first report does not hang or leak an error")
    func earlyStop() throws {
        let path = folder.file("many.csv")
        try CSVTest.write(Array(ReportGenerator(count: 3000, seed: 4)), to: path)
        for _ in 0..<3 {
            let module = CSVFormat()
            let reader = try module.makeReader(
                InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList())
            #expect(try reader.next() != nil)
        }
    }

    @Test("layout is detected from the first row")
    func detection() {
        #expect(LayoutDetector.detect(["report", "key", "value"]) == .long)
        #expect(LayoutDetector.detect(["报告", "字段", "值"]) == .long)
        #expect(LayoutDetector.detect(["meta.report_year", "meta.agency_name"]) == .wide)
        #expect(LayoutDetector.detect(["基本信息/报告年度", "基本信息/机关名称"]) == .wide)
        #expect(LayoutDetector.detect(["某局2021年政府信息公开工作年度报告", "", ""]) == .form)
        #expect(LayoutDetector.detect(["基本信息", ""]) == .form)
        // A spreadsheet of one column is wide, in either header language.
        #expect(LayoutDetector.detect(["meta.report_year"]) == .wide)
        #expect(LayoutDetector.detect(["基本信息/报告年度", ""]) == .wide)
    }

    @Test("a one-column spreadsheet is read as wide: a report per row")
    func oneColumn() throws {
        let path = folder.write("one-column.csv", "meta.report_year\n2021\n2022\n")
        let reports = try CSVTest.read(path)
        #expect(reports.map { $0["meta.report_year"] } == [.integer(2021), .integer(2022)])
    }

    @Test("a form of title rows alone is an error: it holds no report")
    func formWithoutValues() throws {
        for text in ["某局2021年政府信息公开工作年度报告\n", "基本信息\n", "基本信\n\n"] {
            let path = folder.write("titles.csv", text)
            let error = CSVTest.readError(path)
            #expect(error?.code == "csv.no-reports", "\(text): \(String(describing: error))")
            #expect(error?.message.contains("holds no value") == true)
        }
    }
}
