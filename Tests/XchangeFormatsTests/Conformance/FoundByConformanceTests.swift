import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeSynthetic

/// Faults the conformance suite found in the built-in modules, each pinned by a test.
struct FoundByConformanceTests {
    func write(_ reports: [Report], format: String, to path: String) throws {
        let module = try #require(FormatRegistry.builtin.module(id: format))
        let output = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(
            output.sink, options: .defaults(for: module, side: .write), diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        try output.commit()
    }

    func readError(_ path: String, format: String) throws -> Diagnostic? {
        let module = try #require(FormatRegistry.builtin.module(id: format))
        let reader = try module.makeReader(
            InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList())
        do {
            while try reader.next() != nil {}
            return nil
        } catch let error as Diagnostic {
            return error
        }
    }

    /// JSON with no report used to end in a lone `]` (and trap in debug builds).
    @Test func jsonWithNoReportIsAnEmptyArray() throws {
        let folder = try TemporaryDirectory()
        try write([], format: "json", to: folder.path("none.json"))
        #expect(try folder.read("none.json") == "[]\n")
        #expect(try readError(folder.path("none.json"), format: "json") == nil)
    }

    /// The report text is one report: a second used to be written after a page break and then
    /// lost on reading, silently.
    @Test func reportTextRefusesASecondReport() throws {
        let folder = try TemporaryDirectory()
        let reports = Array(ReportGenerator(count: 2, seed: 3))
        let error = #expect(throws: Diagnostic.self) { try write(reports, format: "text", to: folder.path("two.txt")) }
        #expect(error?.code == "text.one-report")
        #expect(try folder.listing().isEmpty, "a refused output was left behind")
    }

    /// "report 2 has an error" points at the first error, not just the file.
    @Test func invalidReportSummaryPointsAtTheFirstError() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(
            "bad.json", "[{\"meta\": {\"report_year\": 2021}},\n {\"meta\": {\"report_year\": \"x\"}}]\n")
        let error = try #require(try readError(path, format: "json"))
        #expect(error.code == "input.invalid")
        #expect(error.location?.line == 2)
    }

    /// A report text refused for its bytes says where the first bad byte is.
    @Test func undecodableTextNamesTheLineOfTheFirstBadByte() throws {
        let folder = try TemporaryDirectory()
        var bytes = Array("XX市人民政府2021年政府信息公开工作年度报告\n一、总体情况\n".utf8)
        bytes += [0xC3, 0x28, 0xFF, 0xFE, 0xFF] + Array("情况\n".utf8)
        let path = try folder.write("bad.txt", Data(bytes))
        let error = try #require(try readError(path, format: "text"))
        #expect(error.code == "text.encoding")
        #expect(error.location?.line == 3 && error.location?.column == 1, "\(error)")
        #expect(error.message.hasPrefix("the file is UTF-8 text, but byte"), "\(error)")

        let binary = try folder.write("nul.txt", Data(Array("标题\n第二行\u{0}".utf8)))
        #expect(try readError(binary, format: "text")?.location?.line == 2)
    }
}
