import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// The csv reader's `columns` map: a province's own headers onto canonical keys.
struct CSVColumnMapTests {
    let folder = TemporaryFolder()

    static let spreadsheet = "填报单位,年度,依申请-本年新收,填表人\r\n某县民政局,2023,12,张三\r\n某县教育局,2023,7,李四\r\n"
    static let map =
        "# 列名 → 规范键\n填报单位: meta.agency_name\n年度: meta.report_year\n依申请-本年新收: applications.new_received.total\n"

    func read(_ options: [String: String]) throws -> [Report] {
        let input = try InputSource(path: folder.write("in.csv", Self.spreadsheet))
        let module = CSVTest.module
        let reader = try module.makeReader(
            input, options: FormatOptions(options, for: module, side: .read), diagnostics: DiagnosticList())
        var reports: [Report] = []
        while let report = try reader.next() { reports.append(report) }
        return reports
    }

    func failure(_ options: [String: String]) -> Diagnostic? {
        do {
            _ = try read(options)
            return nil
        } catch {
            return error as? Diagnostic
        }
    }

    @Test func aMapFileRenamesTheColumnsAndIgnoreSkipsTheRest() throws {
        let map = folder.write("map.yaml", Self.map)
        let reports = try read(["columns": map, "unmapped": "ignore"])
        #expect(reports.map(\.agencyName) == ["某县民政局", "某县教育局"])
        #expect(reports.map { $0["applications.new_received.total"] } == [.integer(12), .integer(7)])
    }

    @Test func anUnmappedColumnIsAnErrorNamingItAndTheNearestLabel() throws {
        let map = folder.write("map.yaml", "填报单位: meta.agency_name\n年度: meta.report_year\n")
        let found = try #require(failure(["columns": map]))
        #expect(found.code == "csv.unmapped-column")
        #expect(found.message.contains("column 3 \"依申请-本年新收\""))
        #expect(found.message.contains("三、收到和处理政府信息公开申请情况/一、本年新收政府信息公开申请数量/总计 (applications.new_received.total)"))
    }

    @Test func aMapNamingAnUnknownKeyNamesTheMapLine() throws {
        let map = folder.write("map.yaml", "填报单位: meta.agency_name\n年度: meta.report_yeer\n")
        let found = try #require(failure(["columns": map]))
        #expect(found.code == "csv.map-unknown-key")
        #expect(found.location?.file == map && found.location?.line == 2 && found.location?.column == 5)
        #expect(found.message.contains("did you mean meta.report_year?"))
    }

    @Test func anInlineMapWorksAsAFileDoes() throws {
        let inline =
            "{填报单位: meta.agency_name, 年度: meta.report_year, 依申请-本年新收: applications.new_received.total, 填表人: meta.contact.office}"
        #expect(try read(["columns": inline]).first?["meta.contact.office"] == .text("张三"))
    }

    @Test func aMissingMapFileIsAnError() throws {
        #expect(failure(["columns": folder.file("none.yaml")])?.code == "input.missing")
        #expect(failure(["columns": folder.write("bad.yaml", "- a\n- b\n")])?.code == "csv.map-syntax")
    }

    @Test func convertTakesTheMapAsAnOption() throws {
        let map = folder.write("map.yaml", Self.map)
        let input = folder.write("in.csv", Self.spreadsheet)
        let output = folder.file("out.jsonl")
        try Converter().convert(
            ConversionRequest(input: input, output: output, options: ["columns": map, "unmapped": "ignore"]),
            diagnostics: DiagnosticList())
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2 && text.contains("某县教育局"))
    }
}
