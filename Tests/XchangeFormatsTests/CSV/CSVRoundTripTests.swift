import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

@Suite("CSV round trips")
struct CSVRoundTripTests {
    static let cases: [(FormatVersion, String, [String: String])] = FormatVersion.allCases.flatMap { format in
        [
            (format, "wide", ["layout": "wide"]),
            (format, "wide-zh", ["layout": "wide", "header": "zh"]),
            (format, "wide-all-gb18030", ["layout": "wide", "columns": "all", "encoding": "gb18030"]),
            (format, "long", ["layout": "long"]),
            (format, "long-bom-lf", ["layout": "long", "bom": "true", "newline": "lf"]),
        ]
    }

    @Test("generated reports → csv → reports are identical", arguments: 0..<cases.count)
    func manyReports(_ index: Int) throws {
        let (format, name, options) = Self.cases[index]
        let folder = TemporaryFolder()
        let reports = Array(ReportGenerator(count: 40, seed: 2024, format: format, faults: 6))
        let path = folder.file("\(name).csv")
        try CSVTest.write(reports, to: path, options: options)
        // Reading detects layout and encoding by itself.
        let back = try CSVTest.read(path)
        #expect(back.count == reports.count)
        for (original, read) in zip(reports, back) {
            #expect(
                read.withoutProvenance == original.withoutProvenance,
                "\(name): report \(original.agencyName ?? "?") differs")
        }
    }

    @Test("one report → form → report is identical", arguments: FormatVersion.allCases)
    func form(_ format: FormatVersion) throws {
        let folder = TemporaryFolder()
        for (position, report) in ReportGenerator(count: 12, seed: 77, format: format, faults: 3).enumerated() {
            let path = folder.file("form-\(position).csv")
            try CSVTest.write([report], to: path, options: ["layout": "form"])
            let back = try CSVTest.read(path)
            #expect(back.count == 1)
            #expect(
                back.first?.withoutProvenance == report.withoutProvenance, "form \(format) report \(position) differs")
        }
    }

    @Test("more than 16 MB of rows spill to a temporary file and come back in order")
    func spooledWide() throws {
        let folder = TemporaryFolder()
        let reports = Array(ReportGenerator(count: 9000, seed: 5))
        let path = folder.file("big.csv")
        try CSVTest.write(reports, to: path)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(size > 3_000_000)
        let back = try CSVTest.read(path)
        #expect(back.count == reports.count)
        #expect(back.first == reports.first)
        #expect(back.last == reports.last)
        #expect(back == reports)
    }

    /// Spooled rows are rendered on every core, a slice of reports each: in any encoding,
    /// delimiter and line end, they come out as rendering them one by one does.
    @Test(
        "spooled rows rendered in slices are the rows rendered one by one",
        arguments: [
            ["encoding": "gb18030"], ["delimiter": "semicolon", "newline": "lf"], ["delimiter": "tab", "header": "zh"],
        ])
    func spooledSlices(_ options: [String: String]) throws {
        let folder = TemporaryFolder()
        // Faults put quotes, delimiters and line breaks in the text cells.
        let reports = Array(ReportGenerator(count: 6000, seed: 11, faults: 40))
        // Written to memory, which cannot be read back: the rows are spooled until the end.
        let spooled = try CSVTest.writeHeld(reports, options: options)
        let file = folder.write("spooled.csv", spooled)
        #expect(try CSVTest.read(file, options: options.filter { $0.key == "delimiter" }) == reports)

        // The same rows written one by one, under the header the spooled file has.
        let sink = OutputSink.memory()
        let csv = try CSVOptions(writing: FormatOptions(options, for: CSVTest.module))
        let rows = try CSVRowWriter(
            sink: sink, encoding: csv.encoding ?? .utf8, bom: false, delimiter: csv.delimiter ?? UInt8(ascii: ","),
            crlf: csv.crlf)
        var cells: [UInt8] = []
        var used = [Bool](repeating: false, count: WideColumns.all.count)
        for report in reports {
            ReportCells.encode(report, into: &cells, used: &used, parts: ReportCells.makePartsWriter())
        }
        let positions = used.indices.filter { used[$0] }
        let header = spooled.prefix { $0 != 0x0A }.count + 1
        try cells.withUnsafeBufferPointer { block in
            var offset = 0
            while offset < block.count { offset = try WideRows.write(block, from: offset, under: positions, to: rows) }
        }
        try rows.flush()
        #expect(spooled.dropFirst(header) == sink.collectedBytes[...])
    }

    @Test("the wide header lists only filled columns, in schema order")
    func usedColumns() throws {
        let folder = TemporaryFolder()
        var report = Report()
        try report.set("meta.report_year", to: .integer(2022))
        try report.set("applications.new_received.natural_person", to: .integer(3))
        try report.set("meta.agency_name", to: .text("某市某区统计局"))
        let path = folder.file("few.csv")
        try CSVTest.write([report], to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text == "meta.report_year,meta.agency_name,applications.new_received.natural_person\r\n2022,某市某区统计局,3\r\n")
    }

    @Test("columns=all writes a blank template with every column")
    func template() throws {
        let folder = TemporaryFolder()
        let path = folder.file("template.csv")
        try CSVTest.write([], to: path, options: ["columns": "all", "header": "zh"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = text.split(separator: "\r\n").first.map(String.init) ?? ""
        #expect(header.hasPrefix("基本信息/报告年度,基本信息/报告格式,"))
        #expect(header.contains("三、收到和处理政府信息公开申请情况/一、本年新收政府信息公开申请数量/自然人"))
        // A blank template holds no report: reading it says so rather than converting nothing.
        #expect(CSVTest.readError(path)?.code == "csv.no-reports")
    }
}
