import Foundation
import XchangeCore
import XchangeFormats

/// Runs a loaded pipeline: reads every source, streams each report through the steps, writes
/// the sinks. Every output is a temporary file until the whole run succeeds; any error (a
/// source that fails, a step refusing a report without `on_error: skip`, an unwritable sink)
/// stops the run and leaves no output and every existing file untouched.
public struct PipelineRunner {
    public let formats: FormatRegistry

    public init(formats: FormatRegistry) {
        self.formats = formats
    }

    /// Runs the pipeline. With `dryRun` nothing is written: the summary says what would be.
    /// `progress` is called with the number of reports read so far, after each report.
    public func run(
        _ pipeline: Pipeline, dryRun: Bool = false, diagnostics: any DiagnosticCollector,
        progress: ((Int) -> Void)? = nil
    ) throws -> RunSummary {
        let started = Date()
        let outputs = StagedOutputs(dryRun: dryRun)
        var run = try Run(pipeline: pipeline, formats: formats, outputs: outputs, diagnostics: diagnostics)
        do {
            try run.execute(progress: progress)
            try outputs.commitAll()
        } catch {
            outputs.discardAll()
            throw error
        }
        var summary = run.summary
        summary.dryRun = dryRun
        summary.files = run.writtenFiles(outputs)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}

/// The state of one run.
private struct Run {
    let pipeline: Pipeline
    let formats: FormatRegistry
    let outputs: StagedOutputs
    let diagnostics: any DiagnosticCollector
    let context: StepContext
    let steps: [any PipelineStep]
    let files: [[String]]
    var summary = RunSummary()
    private let chain: StepChain

    init(
        pipeline: Pipeline, formats: FormatRegistry, outputs: StagedOutputs, diagnostics: any DiagnosticCollector
    ) throws {
        self.pipeline = pipeline
        self.formats = formats
        self.outputs = outputs
        self.diagnostics = diagnostics
        // Every source is found before anything is opened for writing: a glob matching nothing stops here.
        var files: [[String]] = []
        for source in pipeline.sources { files.append(try SourceFiles.expand(source, pipelineFile: pipeline.file)) }
        self.files = files
        outputs.inputs = Set(files.joined().map(PipelinePaths.canonical))
        let context = StepContext(
            file: pipeline.file, folder: pipeline.folder, diagnostics: diagnostics, outputs: outputs)
        self.context = context
        var steps: [any PipelineStep] = []
        for entry in pipeline.steps { steps.append(try entry.type.makeStep(entry.config, context: context)) }
        self.steps = steps
        let sinks = try SinkWriters(sinks: pipeline.sinks, outputs: outputs, diagnostics: diagnostics)
        let rejects = try pipeline.rejects.map { path in
            try RejectsWriter(path: path, outputs: outputs, formats: formats)
        }
        self.chain = StepChain(
            entries: pipeline.steps, steps: steps, sinks: sinks, rejects: rejects, pipelineFile: pipeline.file)
        summary.name = pipeline.name
    }

    mutating func execute(progress: ((Int) -> Void)?) throws {
        var read = 0
        for (source, paths) in zip(pipeline.sources, files) {
            var counts = RunSummary.Source(pattern: source.pattern)
            for path in paths {
                let module = try formats.resolve(id: source.formatID, path: path, for: .read)
                let reader = try module.makeReader(
                    try InputSource(path: path), options: try FormatOptions(source.options, for: module, side: .read),
                    diagnostics: diagnostics)
                counts.files += 1
                var ordinal = 0
                while let report = try reader.next() {
                    ordinal += 1
                    read += 1
                    try chain.start(PipelineItem(report: report, origin: ReportOrigin(file: path, ordinal: ordinal)))
                    progress?(read)
                }
                counts.reports += ordinal
            }
            summary.sources.append(counts)
        }
        try chain.finish()
        summary.steps = zip(pipeline.steps, steps).enumerated().map { index, pair in
            RunSummary.Step(
                name: pair.0.type.name, received: chain.received[index], emitted: chain.emitted[index],
                skipped: chain.skipped[index], note: pair.1.note)
        }
        summary.findings = context.findingCounts
        summary.rejected = chain.rejects?.count ?? 0
    }

    func writtenFiles(_ outputs: StagedOutputs) -> [(path: String, reports: Int?)] {
        let counts = Dictionary(chain.sinks.written.map { ($0.path, $0.reports) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<String> = []
        return outputs.paths.compactMap { path in
            seen.insert(path).inserted
                ? (path, counts[path] ?? (path == pipeline.rejects ? chain.rejects?.count : nil)) : nil
        }
    }
}

/// Passes reports from step to step and on to the sinks, counting what each step did.
private final class StepChain {
    let entries: [PipelineStepEntry]
    let steps: [any PipelineStep]
    let sinks: SinkWriters
    let rejects: RejectsWriter?
    let pipelineFile: String
    var received: [Int]
    var emitted: [Int]
    var skipped: [Int]

    init(
        entries: [PipelineStepEntry], steps: [any PipelineStep], sinks: SinkWriters, rejects: RejectsWriter?,
        pipelineFile: String
    ) {
        self.entries = entries
        self.steps = steps
        self.sinks = sinks
        self.rejects = rejects
        self.pipelineFile = pipelineFile
        received = Array(repeating: 0, count: steps.count)
        emitted = received
        skipped = received
    }

    /// An error from further down the chain (a later step, a sink) travelling up through the
    /// steps before it, which must not take it for a report of their own to refuse.
    private struct Downstream: Error {
        let error: any Error
    }

    /// Hands a report read from a source to the first step.
    func start(_ item: PipelineItem) throws {
        do { try push(item, at: 0) } catch let downstream as Downstream { throw downstream.error }
    }

    /// Hands a report to step `index` (past the last step: to the sinks).
    private func push(_ item: PipelineItem, at index: Int) throws {
        guard index < steps.count else { return try sinks.write(item) }
        received[index] += 1
        do {
            try steps[index].process(item) { output in try self.emit(output, from: index) }
        } catch let downstream as Downstream {
            throw downstream
        } catch let failure as StepFailure {
            throw stop(failure.diagnostic, at: index, items: [])
        } catch let rejection as StepRejection {
            try refuse(rejection.items, at: index, rejection.diagnostic)
        } catch let diagnostic as Diagnostic {
            try refuse([item], at: index, diagnostic)
        }
    }

    private func emit(_ output: PipelineItem, from index: Int) throws {
        emitted[index] += 1
        do { try push(output, at: index + 1) } catch let downstream as Downstream { throw downstream } catch {
            throw Downstream(error: error)
        }
    }

    /// Ends the input: each step in turn may emit what it collected. A step whose finish
    /// refuses a report is called again to go on with the rest.
    func finish() throws {
        do {
            for index in steps.indices {
                while true {
                    do {
                        try steps[index].finish { output in try self.emit(output, from: index) }
                        break
                    } catch let rejection as StepRejection {
                        try refuse(rejection.items, at: index, rejection.diagnostic)
                    } catch let failure as StepFailure {
                        throw stop(failure.diagnostic, at: index, items: [])
                    }
                }
            }
        } catch let downstream as Downstream {
            throw downstream.error
        }
        try sinks.finish()
        try rejects?.finish()
    }

    /// A step refused reports: to the rejects file with `on_error: skip`, otherwise the run stops.
    private func refuse(_ items: [PipelineItem], at index: Int, _ diagnostic: Diagnostic) throws {
        let entry = entries[index]
        guard entry.skipsOnError, let rejects else { throw stop(diagnostic, at: index, items: items) }
        for item in items {
            skipped[index] += 1
            try rejects.write(item, step: entry.type.name, reason: diagnostic)
        }
    }

    /// The error that stops the run: the step's problem, naming the step, its line in the
    /// pipeline file and the first report concerned (if any).
    private func stop(_ diagnostic: Diagnostic, at index: Int, items: [PipelineItem]) -> Diagnostic {
        let entry = entries[index]
        var stop = diagnostic
        let origin = items.first.map { "\($0.origin): " } ?? ""
        if !stop.message.contains(origin) || origin.isEmpty { stop.message = origin + stop.message }
        stop.message = "step \(index + 1) (\(entry.type.name)): " + stop.message
        if items.isEmpty, entry.skipsOnError {
            stop.message += " (on_error: skip does not apply: the step failed as a whole, not on one report)"
        }
        stop.location = SourceReference(file: pipelineFile, line: entry.line)
        return stop
    }
}
