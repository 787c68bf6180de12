import Foundation
import Testing
import XchangeCore
import XchangeFormats

/// The two halves of a conversion that `validate` and `generate` use on their own: reading
/// every report of an input, and writing reports atomically.
struct ConverterReadWriteTests {
    @Test func readHandsOverEveryReportInOrder() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write(
            "s.jsonl", "{\"meta\": {\"report_year\": 2021}}\n{\"meta\": {\"report_year\": 2022}}\n")
        var years: [Int] = []
        let count = try Converter().read(input, diagnostics: DiagnosticList()) { report, source in
            years.append(report.reportYear ?? 0)
            #expect(source.displayName == input)
        }
        #expect(count == 2)
        #expect(years == [2021, 2022])
    }

    @Test func readAppliesDefaultsOnlyToReadersThatTakeThem() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("r.json", "{\"meta\": {\"report_year\": 2021}}")
        // JSON has no reader option "no-such-option": the default is not passed on, and no error.
        let count = try Converter().read(
            input, defaults: ["no-such-option": "true"], diagnostics: DiagnosticList()) { _, _ in }
        #expect(count == 1)
        // Given explicitly, an unknown option is still an error.
        #expect(throws: Diagnostic.self) {
            try Converter().read(input, options: ["no-such-option": "true"], diagnostics: DiagnosticList()) { _, _ in }
        }
    }

    @Test func readOfAnInputWithoutReportsIsAnError() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("none.json", "[]")
        do {
            try Converter().read(input, diagnostics: DiagnosticList()) { _, _ in Issue.record("no report expected") }
            Issue.record("an input without reports was accepted")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "input.empty")
            #expect(diagnostic.location?.file == input)
        }
    }

    @Test func writeCommitsOnlyWhenEveryReportWasWritten() throws {
        let directory = try TemporaryDirectory()
        try directory.write("out.jsonl", "precious\n")
        var report = Report()
        try report.set("meta.report_year", to: .integer(2021))
        struct Stop: Error {}
        var given = 0
        #expect(throws: Stop.self) {
            try Converter().write(to: directory.path("out.jsonl"), diagnostics: DiagnosticList()) {
                given += 1
                if given == 3 { throw Stop() }
                return report
            }
        }
        #expect(try directory.read("out.jsonl") == "precious\n")
        #expect(try directory.listing() == ["out.jsonl"])

        given = 0
        let written = try Converter().write(to: directory.path("out.jsonl"), diagnostics: DiagnosticList()) {
            given += 1
            return given <= 2 ? report : nil
        }
        #expect(written == 2)
        #expect(try directory.read("out.jsonl").split(separator: "\n").count == 2)
    }
}
