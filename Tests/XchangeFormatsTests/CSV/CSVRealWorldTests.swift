import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Files the way Excel and WPS save them: BOM, CR LF, GB18030, quoted cells, trailing empty
/// columns, trailing blank lines, Chinese headers, the printed form with its merged cells.
@Suite("CSV as spreadsheets save it")
struct CSVRealWorldTests {
    let folder = TemporaryFolder()

    @Test("Excel UTF-8 CSV: BOM, CR LF, quoted commas, quotes and line breaks, trailing empty columns and blank lines")
    func excelUTF8() throws {
        let text =
            "\u{FEFF}meta.report_year,meta.agency_name,meta.contact.address,applications.new_received.natural_person,applications.new_received.total,overview.text,,\r\n"
            + "2022,\"某市某区\"\"阳光\"\"政务服务中心\",\"人民路1号,2楼\",\"1,234\",１２３４,\"第一段\r\n第二段\",,\r\n"
            + "2023,某市统计局,,,/,,,\r\n"
            + ",,,,,,,\r\n\r\n"
        let reports = try CSVTest.read(folder.write("excel.csv", text))
        #expect(reports.count == 2)
        let first = try #require(reports.first)
        #expect(first.reportYear == 2022)
        #expect(first.agencyName == "某市某区\"阳光\"政务服务中心")
        #expect(first["meta.contact.address"] == .text("人民路1号,2楼"))
        #expect(first[.newReceived, .naturalPerson] == 1234)
        #expect(first[.newReceived, .total] == 1234)
        #expect(first.overview?.text == "第一段\r\n第二段")
        let second = reports[1]
        #expect(second["meta.contact.address"] == nil)
        #expect(second[.newReceived, .naturalPerson] == nil, "a blank cell is absent, not 0")
        #expect(second[.newReceived, .total] == nil, "/ is a blank marker")
    }

    @Test("WPS/Excel ANSI CSV on a Chinese system: GB18030 with Chinese label headers, detected without options")
    func gb18030ChineseHeaders() throws {
        let text =
            "基本信息/报告年度,基本信息/机关名称,三、收到和处理政府信息公开申请情况/一、本年新收政府信息公开申请数量/自然人,三、收到和处理政府信息公开申请情况/一、本年新收政府信息公开申请数量/法人或其他组织/科研企业,四、政府信息公开行政复议、行政诉讼情况/行政复议/总计\r\n"
            + "2021,绥芬河市人民政府办公室,5,0,1\r\n"
        let path = folder.write("gb.csv", try CSVTest.gb18030(text))
        let reports = try CSVTest.read(path)
        #expect(reports.count == 1)
        #expect(reports[0].agencyName == "绥芬河市人民政府办公室")
        #expect(reports[0][.newReceived, .naturalPerson] == 5)
        #expect(reports[0][.newReceived, .researchInstitution] == 0, "科研企业 is an alias of 科研机构")
        #expect(reports[0][.reconsideration, .total] == 1)
    }

    @Test("GB18030 multibyte characters split across read chunks decode intact")
    func splitMultibyte() throws {
        let text = String(repeating: "政府信息公开工作年度报告，", count: 2000)
        let bytes = try CSVTest.gb18030(text)
        let transcoder = try IconvTranscoder(from: "GB18030", to: "UTF-8")
        var out: [UInt8] = []
        var offset = 0
        var size = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            try transcoder.convert(Array(bytes[offset..<end]), into: &out)
            offset = end
            size = size % 7 + 1
        }
        try transcoder.finish(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == text)
    }

    @Test("the tokenizer gives the same records whatever the chunk size")
    func tokenizerChunks() {
        let text = "a,\"b,\"\"c\"\"\r\nd\",e\r\n\"\",,\n\rlast,\"x\"\"\""
        let bytes = Array(text.utf8)
        let expected = [["a", "b,\"c\"\r\nd", "e"], ["", "", ""], [""], ["last", "x\""]]
        for chunk in [1, 2, 3, 5, 64] { #expect(CSVTest.records(bytes, chunk: chunk) == expected, "chunk \(chunk)") }
    }

    @Test("quoted cells with doubled quotes 0 to 40 bytes apart read back byte for byte")
    func doubledQuotesAtEveryDistance() {
        // Each run between quotes is copied on its own; runs of distinct bytes show a byte
        // copied to the wrong place, dropped or repeated.
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let cells = (0...40).map { gap in
            (0..<3).map { run in String(alphabet[run..<run + gap]) }.joined(separator: "\"")
        }
        let text = cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        var tokenizer = CSVTokenizer()
        let bytes = Array((text + "\n").utf8)
        let end = bytes.withUnsafeBufferPointer { tokenizer.next(in: $0, from: 0) }
        #expect(end == bytes.count)
        #expect((0..<tokenizer.record.count).map { tokenizer.record.lossyString($0) } == cells)
    }

    @Test("long quoted cells: every chunk size gives the same cells, rows and lines")
    func tokenizerLongQuotedCells() {
        let rows: [[String]] = [
            ["2023", "[{\"key\":\"overview\",\"text\":\"全年主动公开政府信息8243条。\"}]", "0"],
            ["依法规范办理政府信息公开申请，\n\n答复\"依申请公开\"事项十二件。", "", "长文本没有引号也没有换行，超过八个字节"],
            ["\"\"\"\"", "a\nb\nc", "12345678901234567890"],
        ]
        func quoted(_ cell: String) -> String { "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = ""
        var expectedLines: [Int] = []
        for row in rows {
            expectedLines.append(1 + text.filter { $0 == "\n" }.count)
            text += row.map(quoted).joined(separator: ",") + "\n"
        }
        let bytes = Array(text.utf8)
        for chunk in Array(1...40) + [4096] {
            var tokenizer = CSVTokenizer()
            var cells: [[String]] = []
            var lines: [Int] = []
            var rowNumbers: [Int] = []
            var offset = 0
            while offset < bytes.count {
                let piece = Array(bytes[offset..<min(bytes.count, offset + chunk)])
                var position = 0
                while let end = piece.withUnsafeBufferPointer({ tokenizer.next(in: $0, from: position) }) {
                    cells.append((0..<tokenizer.record.count).map { tokenizer.record.lossyString($0) })
                    lines.append(tokenizer.record.line)
                    rowNumbers.append(tokenizer.record.row)
                    position = end
                }
                tokenizer.advance(by: piece.count)
                offset += chunk
            }
            #expect(cells == rows, "chunk \(chunk)")
            #expect(lines == expectedLines, "chunk \(chunk)")
            #expect(rowNumbers == [1, 2, 3], "chunk \(chunk)")
        }
    }

    @Test("cells and headers are trimmed as Foundation trims them, whatever their ends")
    func blankTrimming() {
        func expectTrimmedAsFoundationTrims(_ text: String) {
            let scalars = text.unicodeScalars.map { "U+" + String($0.value, radix: 16) }
            #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces), "\(scalars)")
            #expect(
                text.trimmingBlanks(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(scalars) with newlines")
        }
        // Every scalar Foundation counts as a blank, at either end.
        let blanks = (0..<0x11_0000).compactMap(Unicode.Scalar.init).filter {
            CharacterSet.whitespacesAndNewlines.contains($0)
        }
        for blank in blanks.map(String.init) {
            for text in [blank + "x", "x" + blank, blank] { expectTrimmedAsFoundationTrims(text) }
        }
        let ends = [
            "", " ", "\t", "\u{3000}", "\u{A0}", "\u{2003}", "\n", "\r\n", "\u{85}", "\u{200B}", "a", "某", "\u{7F}",
        ]
        for head in ends {
            for tail in ends {
                for middle in ["", "x y", "基本信息/报告年度"] { expectTrimmedAsFoundationTrims(head + middle + tail) }
            }
        }
    }

    @Test("a tab-separated export is read by its delimiter")
    func tabSeparated() throws {
        let path = folder.write("export.tsv", "meta.report_year\tmeta.agency_name\r\n2020\t某区教育局\r\n")
        let reports = try CSVTest.read(path)
        #expect(reports.first?.agencyName == "某区教育局")
    }

    @Test("an office's own form: title row, merged label cells, half-width brackets, spaces and typos in labels")
    func handMadeForm() throws {
        let text = """
            某区统计局2021年政府信息公开工作年度报告,,,,,,,,,
            基本信息,,,,,,,,,
            报告年度,2021,,,,,,,,
            机关名称,某区统计局,,,,,,,,
            统计期限/起,2021年1月1日,,,,,,,,
            二、主动公开政府信息情况,,,,,,,,,
            第二十条第(一)项,,,,,,,,,
            信息内容,本年制发件数,本年废止件数,现行有效件数（历史累计）,,,,,,
            规 章,/,/,/,,,,,,
            行政规范性文件,2,0,15,,,,,,
            第二十条第（八）项,,,,,,,,,
            信息内容,本年收费金额（单位：万元）,,,,,,,,
            行政事业性收费,"1,250.5",,,,,,,,
            三、收到的处理政府信息公开申请情况,,,,,,,,,
            （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）,,申请人情况,,,,,,,
            ,,自然人,法人或其他组织,,,,,总计,
            ,,,商业 企业,科研企业,社会公益组织,法律服务机构,其他,,
            一、本年新收政府信息公开申请数量,,12,1,0,0,0,0,13,
            二、上年结转政府信息公开申请数量,,1,0,0,0,0,0,1,
            三、本年度办理结果,(一)予以公开,6,1,0,0,0,0,7,
            ,(二)部分公开（区分处理的，只计这一情况，不计其他情形）,1,,,,,,1,
            ,（三）不予公开,,,,,,,,
            ,1、属于国家秘密,0,0,0,0,0,0,0,
            ,5.属于三类内容事务信息,1,0,0,0,0,0,1,
            ,（七）总计,12,1,0,0,0,0,13,
            四、结转下年度继续办理,,1,0,0,0,0,0,1,
            四、政府信息公开行政复议、行政诉讼情况,,,,,,,,,
            行政复议,,,,,行政诉讼,,,,,,,,,
            ,,,,,未经复议直接起诉,,,,,复议后起诉,,,,
            结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计
            1,0,0,0,1,0,0,0,1,1,,,,,
            五、存在的主要问题及改进情况,公开内容还不够丰富。,,,,,,,,
            六、其他事项,无。,,,,,,,,


            """.replacingOccurrences(of: "\n", with: "\r\n")
        let path = folder.write("form.csv", try CSVTest.gb18030(text))
        let reports = try CSVTest.read(path, options: ["layout": "form"])
        let report = try #require(reports.first)
        #expect(report.agencyName == "某区统计局")
        #expect(report["meta.statistics_period.from"] == .date(CalendarDate(year: 2021, month: 1, day: 1)!))
        #expect(report["active_disclosure.regulations.issued_this_year"] == nil)
        #expect(report["active_disclosure.normative_documents.in_force"] == .integer(15))
        #expect(report["active_disclosure.administrative_fees.amount_wan_yuan"] == .decimal(Decimal(string: "1250.5")!))
        #expect(report[.newReceived, .naturalPerson] == 12)
        #expect(report[.newReceived, .total] == 13)
        #expect(report[.granted, .commercialEnterprise] == 1)
        #expect(report[.partiallyGranted, .naturalPerson] == 1)
        #expect(report[.partiallyGranted, .commercialEnterprise] == nil)
        #expect(report[.withheldStateSecret, .naturalPerson] == 0)
        #expect(report[.withheldInternalAffairs, .total] == 1)
        #expect(report[.resultTotal, .total] == 13)
        #expect(report[.carriedForward, .naturalPerson] == 1)
        #expect(report[.reconsideration, .upheld] == 1)
        #expect(report[.litigationDirect, .total] == 1)
        #expect(report[.litigationDirect, .pending] == 1)
        #expect(report[.litigationAfterReconsideration, .total] == nil)
        #expect(report.problemsAndImprovements?.text == "公开内容还不够丰富。")
        #expect(report.otherMatters?.text == "无。")
    }
}
