import XchangeCore

/// Writes the reports refused by steps with `on_error: skip` as canonical JSON Lines. Each
/// keeps its data; `provenance.rejected` says where it was read (`file`) and which step refused
/// it and why (`snippet`), so the file reads back with any xchange command.
final class RejectsWriter {
    private let writer: any ReportWriter
    private(set) var count = 0

    init(path: String, outputs: StagedOutputs, formats: FormatRegistry) throws {
        let json = try formats.resolve(id: "json", path: nil, for: .write)
        let output = try outputs.open(path)
        writer = try json.makeWriter(
            output.sink, options: FormatOptions(["layout": "lines"], for: json, side: .write),
            diagnostics: DiagnosticList())
    }

    func write(_ item: PipelineItem, step: String, reason: Diagnostic) throws {
        var report = item.report
        let why = (reason.field.map { "\($0): " } ?? "") + reason.message
        report.provenance["rejected"] = SourceReference(
            file: item.origin.file, snippet: "report \(item.origin.ordinal): \(step): [\(reason.code)] \(why)")
        try writer.write(report)
        count += 1
    }

    func finish() throws {
        try writer.finish()
    }
}
