import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

@Suite("CSV bad input")
struct CSVBadInputTests {
    let folder = TemporaryFolder()
    static let header =
        "meta.report_year,meta.agency_name,applications.new_received.natural_person,applications.new_received.total"

    @Test("a row with fewer cells than the header is an error naming the row")
    func shortRow() {
        let path = folder.write("short.csv", "\(Self.header)\r\n2021,甲局,1,1\r\n2021,乙局,2\r\n")
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.value")
        #expect(error?.message.contains("row 3") == true)
        #expect(error?.message.contains("ragged row") == true)
    }

    @Test("a row with an extra filled cell is an error naming row and column")
    func longRow() {
        let path = folder.write("long.csv", "\(Self.header)\n2021,甲局,1,1,oops\n")
        let error = CSVTest.readError(path)
        #expect(error?.message.contains("row 2, column 5") == true)
        #expect(error?.message.contains("\"oops\"") == true)
    }

    @Test("an unclosed quote at the end of the file names the row, column and line")
    func unclosedQuote() {
        let path = folder.write("quote.csv", "\(Self.header)\n2021,\"甲局,1,1\n2022,乙局,2,2\n")
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.unclosed-quote")
        #expect(error?.message.contains("row 2, column 2 \"meta.agency_name\"") == true)
        #expect(error?.message.contains("line 2") == true)
    }

    @Test("a duplicated column is an error naming both columns")
    func duplicateColumn() {
        let path = folder.write("dup.csv", "meta.report_year,meta.agency_name,基本信息/报告年度\n2021,甲局,2021\n")
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.duplicate-column")
        #expect(error?.message.contains("column 3") == true)
        #expect(error?.message.contains("column 1 \"meta.report_year\"") == true)
    }

    @Test("an unknown column is an error suggesting the nearest key")
    func unknownColumn() {
        let path = folder.write("unknown.csv", "meta.report_year,applications.new_recieved.total\n2021,3\n")
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.unknown-column")
        #expect(error?.message.contains("column 2 \"applications.new_recieved.total\"") == true)
        #expect(error?.message.contains("did you mean \"applications.new_received.total\"") == true)
    }

    @Test("unknown Chinese headers are each reported with the nearest label, by convert too")
    func unknownChineseColumns() throws {
        // Many rows, so that convert tries to split the file first.
        let rows = String(repeating: "2021,甲局,11431202000000051Y\n", count: 20_000)
        let path = folder.write("zh.csv", "基本信息/报告年度,基本信息/机关明称,基本信息/统一社会信用代玛\n" + rows)
        let output = folder.file("zh.jsonl")
        let diagnostics = DiagnosticList()
        var thrown: Diagnostic?
        do {
            try Converter().convert(ConversionRequest(input: path, output: output), diagnostics: diagnostics)
        } catch {
            thrown = error as? Diagnostic
        }
        let messages = [thrown?.message ?? ""] + diagnostics.diagnostics.map(\.message)
        #expect(
            messages.contains {
                $0.contains("column 2 \"基本信息/机关明称\": unknown column; did you mean \"基本信息/机关名称\"?")
            })
        #expect(
            messages.contains {
                $0.contains("column 3 \"基本信息/统一社会信用代玛\": unknown column; did you mean \"基本信息/统一社会信用代码\"?")
            })
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("GB18030 bytes read as UTF-8 give an error naming row, column and byte offset")
    func misdeclaredEncoding() throws {
        let bytes = try CSVTest.gb18030("meta.report_year,meta.agency_name\r\n2021,上海市徐汇区统计局\r\n")
        let path = folder.write("gb.csv", bytes)
        let error = CSVTest.readError(path, options: ["encoding": "utf-8"])
        #expect(error?.code == "csv.encoding")
        #expect(error?.message.contains("row 2, column 2 \"meta.agency_name\"") == true)
        #expect(error?.message.contains("byte offset 40") == true)
        #expect(error?.message.contains("encoding=gb18030") == true)
    }

    @Test("bytes that are no valid GB18030 give an error naming row, column and byte offset")
    func invalidBytes() {
        var bytes = Array("meta.report_year,meta.agency_name\n2021,".utf8)
        bytes += [0xC9, 0xCF, 0xFF, 0x30]
        bytes += Array("\n".utf8)
        let path = folder.write("bad.csv", bytes)
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.encoding")
        #expect(error?.message.contains("row 2, column 2") == true)
        #expect(error?.message.contains("byte offset 41") == true)
    }

    @Test("a UTF-8 file with a damaged byte is reported at the byte, not read as GB18030")
    func damagedUTF8() throws {
        let rows = ["上海市徐汇区统计局", "黑龙江省牡丹江市人民政府办公室", "福建省平潭综合实验区管理委员会"]
        let head = "meta.report_year,meta.agency_name\n" + rows.map { "2021,\($0)\n" }.joined()
        var bytes = Array(head.utf8)
        let offset = bytes.count + "2021,福建".utf8.count
        bytes += Array("2021,福建".utf8) + [0xFF] + Array("省福州市人民政府\n".utf8)
        let path = folder.write("damaged.csv", bytes)
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.encoding")
        #expect(
            error?.message.contains("row 5, column 2 \"meta.agency_name\": invalid UTF-8") == true,
            "\(String(describing: error))")
        #expect(error?.message.contains("byte offset \(offset) ") == true, "\(String(describing: error))")
        // The file is plainly UTF-8: no advice to read it as GB18030.
        #expect(error?.message.contains("gb18030") == false, "\(String(describing: error))")
    }

    @Test("a 0-byte file is an error")
    func emptyFile() {
        let path = folder.write("empty.csv", [])
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.empty")
        #expect(error?.message.contains("0 bytes") == true)
    }

    @Test("a header-only file is an error naming the header row", arguments: ["wide", "long"])
    func headerOnly(layout: String) {
        let text = layout == "wide" ? "\(Self.header)\r\n\r\n" : "report,key,value\r\n"
        let path = folder.write("header-\(layout).csv", text)
        let error = CSVTest.readError(path)
        #expect(error?.code == "csv.no-reports")
        #expect(error?.message.contains("row 1") == true)
    }

    @Test("a bad cell names row, column header and value; the run fails")
    func badValue() {
        let path = folder.write("value.csv", "\(Self.header)\n2021,甲局,abc,1\n2021,乙局,2,2\n")
        let error = CSVTest.readError(path)
        #expect(error?.message.contains("row 2, column 3 \"applications.new_received.natural_person\"") == true)
        #expect(error?.message.contains("found \"abc\"") == true)
    }

    @Test("max-errors reports every bad row up to the limit, then fails")
    func maxErrors() {
        let path = folder.write("values.csv", "\(Self.header)\n2021,甲局,abc,1\n2021,乙局,2,2\n2021,丙局,-3,x\n")
        let diagnostics = DiagnosticList()
        let error = CSVTest.readError(path, options: ["max-errors": "10"], diagnostics: diagnostics)
        #expect(error?.code == "csv.errors")
        #expect(diagnostics.diagnostics.count == 3)
        #expect(
            diagnostics.diagnostics.map(\.message).contains {
                $0.contains("row 4, column 3") && $0.contains("cannot be negative")
            })
        let limited = DiagnosticList()
        let stop = CSVTest.readError(path, options: ["max-errors": "2"], diagnostics: limited)
        #expect(stop?.code == "csv.too-many-errors")
        #expect(limited.diagnostics.count == 2)
    }

    @Test("a row's bad cells are reported in column order, counts among the rest")
    func badCellsInColumnOrder() throws {
        let path = folder.write(
            "order.csv", "\(Self.header)\n20x1,甲局,abc,1\n2021,乙局,-3,x\n2021,丙局,,7\n2021,丁局,12,12\n")
        let diagnostics = DiagnosticList()
        let error = CSVTest.readError(path, options: ["max-errors": "10"], diagnostics: diagnostics)
        #expect(error?.code == "csv.errors")
        let places = diagnostics.diagnostics.map { diagnostic in
            ["row 2, column 1", "row 2, column 3", "row 3, column 3", "row 3, column 4"].first {
                diagnostic.message.contains($0)
            }
        }
        #expect(places == ["row 2, column 1", "row 2, column 3", "row 3, column 3", "row 3, column 4"])
    }

    @Test("a code is checked in every row: one repeated from the row before is read again, a bad one fails")
    func repeatedCodes() throws {
        let header = "meta.report_year,meta.admin_division_code,meta.contact.postcode,meta.agency_level"
        let good = folder.write(
            "codes.csv",
            "\(header)\n2021,110105,110105,county\n2021,110105,100000,county\n2021,310104,110105,township\n2021,110105,110105,county\n"
        )
        let reports = try CSVTest.read(good)
        let division = try #require(CanonicalSchema.v1.fieldID("meta.admin_division_code"))
        let postcode = try #require(CanonicalSchema.v1.fieldID("meta.contact.postcode"))
        let level = try #require(CanonicalSchema.v1.fieldID("meta.agency_level"))
        #expect(
            reports.map { $0.values[division] } == ["110105", "110105", "310104", "110105"].map { FieldValue.text($0) })
        #expect(
            reports.map { $0.values[postcode] } == ["110105", "100000", "110105", "110105"].map { FieldValue.text($0) })
        #expect(
            reports.map { $0.values[level] } == ["county", "county", "township", "county"].map { FieldValue.text($0) })

        // A level that is no level fails even between rows that repeat a good one.
        let bad = folder.write(
            "bad-codes.csv",
            "\(header)\n2021,110105,110105,county\n2021,110105,110105,countyx\n2021,110105,110105,county\n")
        let error = CSVTest.readError(bad)
        #expect(error?.code == "csv.value")
        #expect(error?.message.contains("row 3, column 4") == true)
    }
}
