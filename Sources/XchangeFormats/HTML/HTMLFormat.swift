import XchangeCore

/// A report page saved from a government website (`.html`): its paragraphs and `<table>`s are
/// turned into report text and read by the text reader. Writing produces the report text.
public struct HTMLFormat: FormatModule {
    public init() {}

    public var id: String { "html" }
    public var name: String { "Report web page" }
    public var summary: String { "a published annual report saved as an HTML page (read only)" }
    public var fileExtensions: [String] { ["html", "htm"] }
    public var capabilities: FormatCapabilities { [.read] }
    public var options: [FormatOption] { TextFormatOptions.declared.filter { $0.name != "tables" } }

    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        TextReportReader(
            input: input, settings: TextFormatOptions.readSettings(options), diagnostics: diagnostics, source: .html)
    }
}
