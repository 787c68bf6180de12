import ArgumentParser
import Foundation
import XchangeCore
import XchangeFormats
import XchangePipeline

/// `xchange run PIPELINE`
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline described in a YAML file: sources → steps → sinks.",
        discussion: """
            A pipeline file names its sources (files or globs, any readable format, csv with a \
            columns: map for a province's own headers), steps applied in order (validate, set, \
            default, filter, drop, dedupe, sort, aggregate, or an external step: a program \
            xchange-step-NAME on XCHANGE_PLUGIN_PATH or PATH) and sinks (files, or {field} \
            templates for one file per report). External format modules (xchange-format-ID) \
            serve as sources and sinks like the built-in formats. Paths are relative to the \
            pipeline file's folder; ${NAME} takes --var, then the environment, then vars:. See \
            the README's Pipelines section and schemas/pipeline.v1.schema.json.

            Every output is written to a temporary file and renamed into place only when the \
            whole run succeeded: a failed run leaves no output and never touches existing files. \
            A summary goes to standard error; on a terminal, a progress line for longer runs.

            Examples:
              xchange run samples/pipelines/texts-to-json.yaml
              xchange run --check samples/pipelines/province-spreadsheet.yaml
              xchange run --dry-run samples/pipelines/city-totals.yaml
              xchange run collect.yaml --var year=2023
              XCHANGE_PLUGIN_PATH=samples/plugins xchange run samples/pipelines/stamp-and-kv.yaml
            """
    )

    @Argument(help: "The pipeline file.")
    var file: String?

    @Flag(
        help: "Only load and check the file (keys, steps, formats, options, templates, variables); exit 1 on any error."
    )
    var check = false

    @Flag(
        name: .customLong("dry-run"),
        help:
            "Read the sources and run the steps, and print what each step did and what would be written, without writing."
    )
    var dryRun = false

    @Flag(
        name: .customLong("json-schema"),
        help: "Print the JSON Schema of pipeline files (schemas/pipeline.v1.schema.json) and exit.")
    var jsonSchema = false

    @Option(
        name: .customLong("var"),
        help: ArgumentHelp("A variable for ${NAME}, NAME=VALUE (repeatable).", valueName: "NAME=VALUE"))
    var variables: [String] = []

    func validate() throws {
        if file == nil, !jsonSchema { throw ValidationError("name the pipeline file to run") }
    }

    func run() throws {
        if jsonSchema {
            FileHandle.standardOutput.write(Data(PipelineJSONSchema.render(steps: StepRegistry.builtin)))
            return
        }
        guard let file else { return }
        let values = try KeyValueOptions.parse(variables, flag: "--var")
        try CommandFailure.run {
            // Readers' notes (how run-together figures were split) are for `convert -v`, not a run's log;
            // what an external program printed on standard error (a traceback) is shown.
            let reported = DiagnosticPrinter { $0.severity != .note || $0.code == "plugin.stderr" }
            let loader = PipelineLoader(
                formats: ProcessRegistry.shared, steps: ProcessRegistry.steps, variables: values)
            let pipeline = try loader.load(file, diagnostics: reported)
            if check {
                let steps = pipeline.steps.map(\.type.name).joined(separator: " → ")
                print(
                    "\(file): OK — \(pipeline.sources.count) \(pipeline.sources.count == 1 ? "source" : "sources"), steps: \(steps.isEmpty ? "none" : steps), \(pipeline.sinks.count) \(pipeline.sinks.count == 1 ? "sink" : "sinks")"
                )
                return
            }
            let progress = ProgressLine()
            defer { progress.clear() }
            let summary = try PipelineRunner(formats: ProcessRegistry.shared)
                .run(
                    pipeline, dryRun: dryRun, diagnostics: reported, progress: progress.isActive ? progress.update : nil
                )
            progress.clear()
            StandardError.write(summary.render())
        }
    }
}

/// The "reports read, rate" line on a terminal, for runs longer than a second; nothing when
/// standard error is not a terminal.
final class ProgressLine {
    let isActive = isatty(2) == 1
    private let started = Date()
    private var lastShown = Date.distantPast
    private var shown = false

    func update(_ reports: Int) {
        guard reports & 255 == 0 else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        guard elapsed > 1, now.timeIntervalSince(lastShown) > 0.25 else { return }
        lastShown = now
        shown = true
        let rate = Int(Double(reports) / elapsed)
        FileHandle.standardError.write(Data("\r\u{1B}[Kread \(reports) reports (\(rate)/s)".utf8))
    }

    func clear() {
        guard shown else { return }
        shown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
