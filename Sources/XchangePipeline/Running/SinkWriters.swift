import XchangeCore
import XchangeFormats

/// The writers of a run's sinks. A sink path without placeholders is one file opened when the
/// run starts (so an unwritable sink fails before anything is read); a templated path opens a
/// file per distinct path as reports arrive. At most ``openLimit`` templated files stay open:
/// the least recently used is completed and closed (still unrenamed) to make room.
final class SinkWriters {
    static let openLimit = 64

    private final class OpenFile {
        let output: AtomicFileOutput
        let writer: any ReportWriter
        var lastUse: Int
        init(output: AtomicFileOutput, writer: any ReportWriter, lastUse: Int) {
            self.output = output
            self.writer = writer
            self.lastUse = lastUse
        }
    }

    private let sinks: [PipelineSink]
    private let outputs: StagedOutputs
    private let diagnostics: any DiagnosticCollector
    private var open: [String: OpenFile] = [:]
    private var closed: Set<String> = []
    private var openTemplated = 0
    private var clock = 0
    /// Reports written per file, in the order the files were opened.
    private(set) var written: [(path: String, reports: Int)] = []
    private var index: [String: Int] = [:]
    /// The open file of each sink without a template, by the sink's position.
    private var fixedFiles: [Int: (file: OpenFile, index: Int)] = [:]

    init(sinks: [PipelineSink], outputs: StagedOutputs, diagnostics: any DiagnosticCollector) throws {
        self.sinks = sinks
        self.outputs = outputs
        self.diagnostics = diagnostics
        for (position, sink) in sinks.enumerated() where !sink.path.isTemplate {
            let path = sink.path.description
            fixedFiles[position] = (try file(path, sink), index[path]!)
        }
    }

    /// Writes a report to every sink.
    func write(_ item: PipelineItem) throws {
        let report = item.report
        clock += 1
        for (position, sink) in sinks.enumerated() {
            // A fixed path needs no rendering or lookup: the common case, once per report.
            if let fixed = fixedFiles[position] {
                try fixed.file.writer.write(report)
                written[fixed.index].reports += 1
                continue
            }
            let path: String
            do { path = try sink.path.render(report) } catch {
                throw Diagnostic.error("pipeline.template", "\(item.origin): sink \(sink.path): \(error.message)")
            }
            let file = try file(path, sink)
            file.lastUse = clock
            try file.writer.write(report)
            written[index[path]!].reports += 1
        }
    }

    /// The writers of the sinks, in order, when every sink is one file (no template) of its
    /// own; nil otherwise. Whether each can take reports encoded on other threads is its
    /// `makePieceEncoder()`'s answer.
    func pieceWriters() -> [any PieceEncodingWriter]? {
        var writers: [any PieceEncodingWriter] = []
        for position in sinks.indices {
            guard let fixed = fixedFiles[position], let writer = fixed.file.writer as? any PieceEncodingWriter
            else { return nil }
            writers.append(writer)
        }
        // Two sinks naming one file take each report in turn, which pieces could not keep.
        return Set(fixedFiles.values.map(\.index)).count == sinks.count ? writers : nil
    }

    /// Writes reports encoded on other threads, one encoding per sink in the order of
    /// ``pieceWriters()``, after those written before; `reports` reports were encoded.
    func appendEncoded(_ encoded: [any EncodedReports], reports: Int) throws {
        clock += 1
        for (position, encoding) in encoded.enumerated() {
            let fixed = fixedFiles[position]!
            try (fixed.file.writer as! any PieceEncodingWriter).appendEncoded(encoding)
            written[fixed.index].reports += reports
        }
    }

    /// Stops the writers that write from threads of their own, without completing their files:
    /// for a run that failed, before its files are thrown away.
    func cancel() {
        for file in open.values { (file.writer as? any CancellableReportWriter)?.cancel() }
    }

    /// Completes every file (still unrenamed: the run commits them).
    func finish() throws {
        for (_, file) in open.sorted(by: { $0.key < $1.key }) { try file.writer.finish() }
        open = [:]
    }

    private func file(_ path: String, _ sink: PipelineSink) throws -> OpenFile {
        if let file = open[path] { return file }
        if closed.contains(path) {
            throw Diagnostic.error(
                "pipeline.sink-reopened",
                "\(path): more reports go to this file after it was closed to keep under \(Self.openLimit) open files; sort by the fields of \(sink.path) first"
            )
        }
        if sink.path.isTemplate, openTemplated >= Self.openLimit { try closeLeastRecent() }
        let output = try outputs.open(path)
        let made = try sink.module.makeWriter(output.sink, options: sink.options, diagnostics: diagnostics)
        // A sink that takes the whole stream encodes and writes on a thread of its own, as
        // `convert` does; one file per report (a template) gains nothing from a thread each.
        let writer: any ReportWriter = sink.path.isTemplate ? made : BackgroundWriter(made)
        let file = OpenFile(output: output, writer: writer, lastUse: clock)
        open[path] = file
        if sink.path.isTemplate { openTemplated += 1 }
        index[path] = written.count
        written.append((path, 0))
        return file
    }

    private func closeLeastRecent() throws {
        guard
            let (path, file) = open.filter({ path, _ in
                sinks.contains { !$0.path.isTemplate && $0.path.description == path } == false
            })
            .min(by: { $0.value.lastUse < $1.value.lastUse })
        else { return }
        try file.writer.finish()
        try file.output.seal()
        open[path] = nil
        closed.insert(path)
        openTemplated -= 1
    }
}
