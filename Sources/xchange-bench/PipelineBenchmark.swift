import Foundation
import XchangeCore
import XchangeFormats
import XchangePipeline

/// A `source → validate → sink` pipeline over the wide CSV against the plain conversion of the
/// same file (CSV → JSON Lines): the pipeline must keep at least 80% of the conversion's
/// throughput. Both run as child processes, side by side.
enum PipelineBenchmark {
    /// The child: `xchange-bench run-pipeline INPUT OUTPUT` writes a pipeline file beside the
    /// output and runs it as `xchange run` does.
    static func runChild(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: xchange-bench run-pipeline INPUT OUTPUT\n".utf8))
            return 2
        }
        let (input, output) = (arguments[0], arguments[1])
        let file = output + ".pipeline.yaml"
        let text = """
            version: 1
            sources:
              - path: \(URL(fileURLWithPath: input).standardizedFileURL.path)
            steps:
              - validate: {fail_on: error}
            sinks:
              - path: \(URL(fileURLWithPath: output).standardizedFileURL.path)

            """
        do {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let pipeline = try PipelineLoader(formats: BenchModules.registry, steps: .builtin).load(file, diagnostics: DiagnosticList())
            let summary = try PipelineRunner(formats: BenchModules.registry).run(pipeline, diagnostics: DiagnosticList())
            print("reports=\(summary.sources.first?.reports ?? 0) findings=0 peak_kb=\(peakMemoryKilobytes())")
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
    }

    /// Runs the plain conversion and the pipeline on `wide` and prints both and the ratio.
    static func run(wide: String, workDirectory: String, me: String) {
        print("\nPipeline (source → validate → sink) against the plain conversion, same file:")
        let size = Benchmark.megabytes(wide)
        let plain = ChildProcess.run([me, "run", Conversion.csvToJSONLines.rawValue, wide, workDirectory + "/plain.jsonl"])
        let pipeline = ChildProcess.run([me, "run-pipeline", wide, workDirectory + "/pipeline.jsonl"])
        for (name, outcome) in [("convert CSV wide → JSON Lines", plain), ("run: CSV → validate → JSON Lines", pipeline)] {
            guard outcome.status == 0 else {
                print("  \(name): failed: \(outcome.output)")
                return
            }
            print(String(format: "  %@ %8.2f s %8.1f MB/s  peak %6.1f MB", name.padding(toLength: 34, withPad: " ", startingAt: 0),
                         outcome.seconds, size / outcome.seconds, Double(outcome.peakKilobytes) / 1024))
        }
        print(String(format: "  pipeline throughput: %.0f%% of the plain conversion's (required: ≥ 80%%)", 100 * plain.seconds / pipeline.seconds))
    }
}
