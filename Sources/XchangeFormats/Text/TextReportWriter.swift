import XchangeCore

/// Writes reports as the text an agency publishes: title, preamble, the six parts of the
/// national format with tables 二, 三 and 四 (or a pre-2019 report's own parts), signature.
final class TextReportWriter: ReportWriter {
    private let output: OutputSink
    private let style: TextTableRenderer.Style
    private let diagnostics: any DiagnosticCollector
    private var count = 0

    init(output: OutputSink, style: TextTableRenderer.Style, diagnostics: any DiagnosticCollector) {
        self.output = output
        self.style = style
        self.diagnostics = diagnostics
    }

    func write(_ report: Report) throws {
        count += 1
        // A report text is one report: the reader reads one per file, so a second written after
        // the first would be lost on reading.
        guard count == 1 else {
            throw Diagnostic.error(
                "text.one-report",
                "the report text holds one report per file, and this is report \(count); write several reports as JSON, YAML or CSV, or one text file each"
            )
        }
        try output.write(ReportTextComposer(report: report, style: style).text())
    }

    func finish() throws {}
}
