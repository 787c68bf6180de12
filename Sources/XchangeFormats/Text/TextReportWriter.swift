import XchangeCore

final class TextReportWriter: ReportWriter {
    private let output: OutputSink
    private let style: TextTableRenderer.Style
    private let diagnostics: any DiagnosticCollector

    init(output: OutputSink, style: TextTableRenderer.Style, diagnostics: any DiagnosticCollector) {
        self.output = output
        self.style = style
        self.diagnostics = diagnostics
    }

    func write(_ report: Report) throws {}
    func finish() throws {}
}

enum TextTableRenderer {
    enum Style { case plain, markdown }
}
