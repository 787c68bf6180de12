import Foundation
import XchangeCore
import XchangeFormats
import XchangePipeline

/// A `source → validate → sink` pipeline, held to the plain conversion of the same file: the
/// pipeline must keep at least 80% of its throughput.
enum PipelineJobs {
    static var all: [BenchJob] {
        [
            BenchJob(
                id: "pipeline-csv-jsonl", title: "run: CSV wide → validate → JSON Lines", input: .csv,
                output: "out-pipeline.jsonl", task: .pipeline,
                target: .init(
                    reference: "csv-jsonl:xchange", maximum: 1.25,
                    wording: "≥ 80% of the plain conversion's throughput"))
        ]
    }
}

/// The child side of the pipeline job: writes the pipeline file beside the output and runs it as
/// `xchange run` does.
enum PipelineTask {
    static func run(input: String, output: String, registry: FormatRegistry) throws -> Int {
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
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let pipeline = try PipelineLoader(formats: registry, steps: .builtin).load(file, diagnostics: DiagnosticList())
        let summary = try PipelineRunner(formats: registry).run(pipeline, diagnostics: DiagnosticList())
        return summary.sources.first?.reports ?? 0
    }
}
