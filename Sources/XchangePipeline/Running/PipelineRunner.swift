import Foundation
import XchangeCore
import XchangeFormats

/// Runs a loaded pipeline: reads every source, streams each report through the steps, writes
/// the sinks. Every output is a temporary file until the whole run succeeds; any error (a
/// source that fails, a step refusing a report without `on_error: skip`, an unwritable sink)
/// stops the run and leaves no output and every existing file untouched.
///
/// A source is read in pieces on every core when every step handles a report alone (`set`,
/// `default`, `filter`, `drop`, `validate`) and every sink is one file whose format can be
/// encoded on other threads (JSON Lines, wide CSV, YAML): copies of the steps run on each thread,
/// and what they found and encoded is taken in input order, so the outputs, findings, rejects
/// and errors are those of reading the source in one go.
public struct PipelineRunner {
    public let formats: FormatRegistry
    /// How many threads read a source in pieces (one per core, at most 8, by default); with 1,
    /// every source is read in order on the run's own thread.
    public var workers: Int

    public init(formats: FormatRegistry, workers: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8)) {
        self.formats = formats
        self.workers = workers
    }

    /// Runs the pipeline. With `dryRun` nothing is written: the summary says what would be.
    /// `progress` is called with the number of reports read so far, after each report.
    public func run(
        _ pipeline: Pipeline, dryRun: Bool = false, diagnostics: any DiagnosticCollector,
        progress: ((Int) -> Void)? = nil
    ) throws -> RunSummary {
        let started = Date()
        let outputs = StagedOutputs(dryRun: dryRun)
        var run = try Run(
            pipeline: pipeline, formats: formats, outputs: outputs, diagnostics: diagnostics, workers: workers)
        do {
            try run.execute(progress: progress)
            try outputs.commitAll()
        } catch {
            // Sinks still writing on threads of their own stop before their files are closed.
            run.chain.sinks.cancel()
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
    let workers: Int
    var summary = RunSummary()
    let chain: StepChain

    init(
        pipeline: Pipeline, formats: FormatRegistry, outputs: StagedOutputs, diagnostics: any DiagnosticCollector,
        workers: Int
    ) throws {
        self.pipeline = pipeline
        self.workers = workers
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
        let lookahead = prereading()
        defer { lookahead?.stop() }
        var fileIndex = 0
        for (source, paths) in zip(pipeline.sources, files) {
            var counts = RunSummary.Source(pattern: source.pattern)
            for path in paths {
                defer { fileIndex += 1 }
                if let preread = lookahead?.result(fileIndex) {
                    counts.files += 1
                    counts.reports += try replay(preread, file: path, read: &read, progress: progress)
                    continue
                }
                let module = try formats.resolve(
                    id: source.formatID, path: path, for: .read, namer: "the source's format: key")
                let options = try FormatOptions(source.options, for: module, side: .read)
                let input = try InputSource(path: path)
                counts.files += 1
                if let pieces = try (module as? any PieceReadingModule)?.pieces(
                    of: input, options: options, diagnostics: diagnostics),
                    let lanes = lanes(for: path)
                {
                    counts.reports += try readInPieces(
                        pieces, lanes: lanes, file: path, read: &read, progress: progress)
                } else {
                    let reader = try module.makeReader(input, options: options, diagnostics: diagnostics)
                    counts.reports += try readInOrder(
                        reader, file: path, reportsBefore: 0, read: &read, progress: progress)
                }
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

    /// Small source files in built-in formats, read on worker threads a few files ahead when
    /// there is more than one worker and more than one such file; nil otherwise. Report texts
    /// are read this way on every core, one file per core. External formats, programs of their
    /// own, read one file at a time here, as large files do (in pieces, when they can be).
    private func prereading() -> OrderedLookahead<PrereadFile>? {
        guard workers > 1 else { return nil }
        var sources: [(path: String, source: PipelineSource)] = []
        for (source, paths) in zip(pipeline.sources, files) { sources += paths.map { ($0, source) } }
        let modules = sources.map { path, source -> (any FormatModule)? in
            guard Converter.isSmallFile(path, limit: PrereadFile.sizeLimit) else { return nil }
            return (try? formats.resolve(id: source.formatID, path: path, for: .read)).flatMap {
                $0.externalPath == nil ? $0 : nil
            }
        }
        guard modules.filter({ $0 != nil }).count > 1 else { return nil }
        return OrderedLookahead(
            count: sources.count, workers: workers, window: workers * 2, isAhead: { modules[$0] != nil },
            work: { PrereadFile.read(sources[$0].path, module: modules[$0]!, options: sources[$0].source.options) })
    }

    /// Hands the reports of a file read ahead to the steps, in order, each after what its
    /// reader said while reading it; returns how many there were.
    private func replay(
        _ file: PrereadFile, file path: String, read: inout Int, progress: ((Int) -> Void)?
    ) throws -> Int {
        var ordinal = 0
        let beingRead = context.beingRead
        defer { beingRead.clear() }
        for (report, said) in file.reports {
            for diagnostic in said { diagnostics.report(diagnostic) }
            ordinal += 1
            read += 1
            let origin = ReportOrigin(file: path, ordinal: ordinal)
            beingRead.readAhead(origin, reopen: file.reopen)
            try chain.start(PipelineItem(report: report, origin: origin))
            progress?(read)
        }
        for diagnostic in file.trailing { diagnostics.report(diagnostic) }
        if let failure = file.failure { throw failure }
        return ordinal
    }

    /// One lane per worker for reading `file` in pieces, when there is more than one worker
    /// and every step and sink can be copied to other threads.
    private func lanes(for file: String) -> [PipelineLane]? {
        guard workers > 1, let sinks = chain.sinks.pieceWriters() else { return nil }
        var lanes: [PipelineLane] = []
        for _ in 0..<workers {
            guard let lane = PipelineLane(file: file, steps: steps, sinks: sinks) else { return nil }
            lanes.append(lane)
        }
        return lanes
    }

    /// Reads one source file in pieces on the lanes' threads, taking in what they did in input
    /// order; a piece where a step refused a report is read again in order through the steps.
    private func readInPieces(
        _ pieces: any PieceReading, lanes: [PipelineLane], file: String, read: inout Int,
        progress: ((Int) -> Void)?
    ) throws -> Int {
        let local = steps.map { $0 as! any ReportLocalStep }
        return try PieceScheduler.run(
            pieces, workers: lanes, diagnostics: diagnostics,
            take: { outcome, piece, before in
                if outcome.refused {
                    // Its diagnostics were reported when the piece was first read.
                    let reader = try pieces.reader(for: piece, diagnostics: DiagnosticList())
                    _ = try readInOrder(reader, file: file, reportsBefore: before, read: &read, progress: progress)
                    return
                }
                chain.add(received: outcome.received, emitted: outcome.emitted)
                for (step, kept) in zip(local, outcome.kept) {
                    if let kept { step.absorb(kept, reportsBefore: before) }
                }
                try chain.sinks.appendEncoded(outcome.encoded, reports: outcome.written)
                read += outcome.reports
                progress?(read)
            },
            readRest: { reader, before in
                try readInOrder(reader, file: file, reportsBefore: before, read: &read, progress: progress)
            })
    }

    /// Hands every report of `reader` to the steps, in order; returns how many there were.
    private func readInOrder(
        _ reader: any ReportReader, file: String, reportsBefore: Int, read: inout Int, progress: ((Int) -> Void)?
    ) throws -> Int {
        var ordinal = reportsBefore
        let beingRead = context.beingRead
        defer { beingRead.clear() }
        while let report = try reader.next() {
            ordinal += 1
            read += 1
            let origin = ReportOrigin(file: file, ordinal: ordinal)
            beingRead.read(origin, by: reader)
            try chain.start(PipelineItem(report: report, origin: origin))
            progress?(read)
        }
        return ordinal - reportsBefore
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
