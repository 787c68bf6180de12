import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// Conversions write on a second thread: reports keep their order, and a writer's error still
/// fails the conversion and leaves no output.
struct BackgroundWriterTests {
    /// Records what it is given; fails on the report at `failAt` (1-based) if set.
    final class RecordingWriter: ReportWriter, @unchecked Sendable {
        var years: [Int] = []
        var finished = false
        let failAt: Int?
        init(failAt: Int? = nil) { self.failAt = failAt }
        func write(_ report: Report) throws {
            if years.count + 1 == failAt { throw Diagnostic.error("test.fail", "report \(years.count + 1) refused") }
            years.append(years.count)
        }
        func finish() throws { finished = true }
    }

    @Test func reportsArriveInOrderAndTheTargetIsFinished() throws {
        let target = RecordingWriter()
        let writer = BackgroundWriter(target)
        for _ in 0..<1000 { try writer.write(Report()) }
        try writer.finish()
        #expect(target.years == Array(0..<1000))
        #expect(target.finished)
    }

    @Test func aWriterErrorIsThrownToTheCaller() throws {
        let target = RecordingWriter(failAt: 300)
        let writer = BackgroundWriter(target)
        #expect(throws: Diagnostic.self) {
            for _ in 0..<1000 { try writer.write(Report()) }
            try writer.finish()
        }
        #expect(!target.finished)
        #expect(target.years.count == 299)
    }

    func generatedLines(_ count: Int, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("many.jsonl")
        let file = try AtomicFileOutput(path: path)
        let writer = try JSONFormat().makeWriter(
            file.sink, options: try FormatOptions(["layout": "lines"], for: JSONFormat()), diagnostics: DiagnosticList()
        )
        for report in ReportGenerator(count: count, seed: 8) { try writer.write(report) }
        try writer.finish()
        try file.commit()
        return path
    }

    @Test func aConversionKeepsEveryReportInOrder() throws {
        let directory = try TemporaryDirectory()
        let input = try generatedLines(700, in: directory)
        try Converter().convert(
            ConversionRequest(input: input, output: directory.path("copy.jsonl")), diagnostics: DiagnosticList())
        #expect(try directory.read("copy.jsonl") == directory.read("many.jsonl"))
    }

    @Test func aWriterFailingLateLeavesNoOutput() throws {
        let directory = try TemporaryDirectory()
        let input = try generatedLines(700, in: directory)
        #expect(throws: Diagnostic.self) {
            try Converter().convert(
                ConversionRequest(input: input, output: directory.path("one.json"), options: ["layout": "single"]),
                diagnostics: DiagnosticList())
        }
        #expect(try directory.listing() == ["many.jsonl"])
    }
}
