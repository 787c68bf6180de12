import Foundation
import Testing
import XchangeCore
import XchangeFormats

@testable import XchangePipeline

/// A run that fails stops its sinks' writing before it throws their files away: a thread
/// still writing into a closed file would write into whatever file the process opens next
/// under the same number.
struct FailedRunTests {
    let folder = PipelineFolder()

    /// Writes made and writes refused, across threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var writtenCount = 0
        private var refusedCount = 0

        func count(refused: Bool) {
            lock.withLock {
                if refused {
                    refusedCount += 1
                } else {
                    writtenCount += 1
                }
            }
        }

        var written: Int { lock.withLock { writtenCount } }
        var refused: Int { lock.withLock { refusedCount } }
    }

    /// A sink that takes a while over each report, so that reports queue up for it, and
    /// tallies the writes its file refused.
    struct SlowSink: FormatModule {
        let id = "slow", name = "Slow", summary = "a slow sink", fileExtensions = ["slow"]
        let capabilities: FormatCapabilities = [.write]
        let tally: Tally

        func makeWriter(
            _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
        ) throws -> any ReportWriter {
            Writer(output: output, tally: tally)
        }

        final class Writer: ReportWriter {
            let output: OutputSink
            let tally: Tally

            init(output: OutputSink, tally: Tally) {
                self.output = output
                self.tally = tally
            }

            func write(_ report: Report) throws {
                usleep(2_000)
                do {
                    try output.write("\(report.agencyName ?? "")\n")
                    tally.count(refused: false)
                } catch {
                    tally.count(refused: true)
                    throw error
                }
            }

            func finish() throws {}
        }
    }

    @Test func aSourceFailingWhileReportsWaitForASinkStopsTheSinkBeforeItsFileGoes() throws {
        // More reports than wait for a sink's thread at once, then a broken line.
        let reports = Generated.reports(400)
        try folder.write("in.jsonl", reports: reports)
        let lines = try folder.text("in.jsonl")
        folder.write("in.jsonl", lines + "{\"meta\": {\"report_year\": \"soon\"}}\n")
        folder.write("p.yaml", "version: 1\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out/all.slow\n")
        let tally = Tally()
        let formats = FormatRegistry.builtin
        try formats.register(SlowSink(tally: tally))
        let pipeline = try PipelineLoader(formats: formats, steps: .builtin, variables: [:], environment: [:])
            .load(folder.file("p.yaml"), diagnostics: DiagnosticList())
        #expect(throws: Diagnostic.self) {
            try PipelineRunner(formats: formats).run(pipeline, diagnostics: DiagnosticList())
        }
        // The sink had written some reports and not all when the run failed.
        #expect(tally.written > 0 && tally.written < reports.count, "\(tally.written) written")
        #expect(tally.refused == 0, "\(tally.refused) writes came after the file was closed")
        #expect(folder.files == ["in.jsonl", "p.yaml"])
    }
}
