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
        // Reports of one stream are separate documents: a page break between them.
        if count > 0 { try output.write("\n\u{0C}\n") }
        count += 1
        try output.write(ReportTextComposer(report: report, style: style).text())
    }

    func finish() throws {}
}
