import XchangeCore

/// The report text: the published 政府信息公开工作年度报告 as plain text (`.txt`, `.md`).
///
/// Reading detects the report's format (2021 national format, 2019 trial format, or a pre-2019
/// narrative report) and reads the tables however the text flattened them; writing renders the
/// report in the national format.
public struct TextFormat: FormatModule {
    public init() {}

    public var id: String { "text" }
    public var name: String { "Report text" }
    public var summary: String {
        "the published annual report as text: read in any era's layout, written in the national format"
    }
    public var fileExtensions: [String] { ["txt", "text", "md"] }
    public var capabilities: FormatCapabilities { [.read, .write] }
    public var options: [FormatOption] { TextFormatOptions.declared }

    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        TextReportReader(
            input: input, settings: TextFormatOptions.readSettings(options), diagnostics: diagnostics,
            source: .plainText)
    }

    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        TextReportWriter(output: output, style: TextFormatOptions.tableStyle(options), diagnostics: diagnostics)
    }
}

/// The options of the `text` and `html` formats.
enum TextFormatOptions {
    static let declared: [FormatOption] = [
        FormatOption(
            name: "era", summary: "read the report as this format instead of detecting it",
            values: ["auto"] + FormatVersion.allCases.map(\.rawValue), defaultValue: "auto", for: .read),
        .flag("provenance", summary: "record the source line and text of every value read", default: true, for: .read),
        FormatOption(
            name: "tables", summary: "how to write tables 二, 三 and 四: aligned plain-text grids or Markdown tables",
            values: ["plain", "markdown"], defaultValue: "plain", for: .write),
    ]

    static func readSettings(_ options: FormatOptions) -> ReportTextParser.Settings {
        var settings = ReportTextParser.Settings()
        if options.string("era") != "auto" {
            settings.era = options.choice("era", as: FormatVersion.self)
        }
        settings.keepsProvenance = options.bool("provenance")
        return settings
    }

    static func tableStyle(_ options: FormatOptions) -> TextTableRenderer.Style {
        options.choice("tables", as: TextTableRenderer.Style.self)
    }
}

/// Reads the one report a text file holds.
final class TextReportReader: ReportReader {
    enum Source {
        case plainText
        case html
    }

    private let input: InputSource
    private let settings: ReportTextParser.Settings
    private let diagnostics: any DiagnosticCollector
    private let source: Source
    private var done = false

    init(input: InputSource, settings: ReportTextParser.Settings, diagnostics: any DiagnosticCollector, source: Source)
    {
        self.input = input
        self.settings = settings
        self.diagnostics = diagnostics
        self.source = source
    }

    func next() throws -> Report? {
        guard !done else { return nil }
        done = true
        let decoded = try TextDecoding.decode(try input.readAll(), file: input.path)
        let text: ReportText
        switch source {
        case .html: text = HTMLTextExtractor.extract(scalars: decoded, file: input.path)
        case .plainText:
            text =
                HTMLTextExtractor.looksLikeHTML(decoded)
                ? HTMLTextExtractor.extract(scalars: decoded, file: input.path)
                : ReportText(scalars: decoded, file: input.path)
        }
        return try ReportTextParser(text: text, settings: settings, diagnostics: diagnostics).parse()
    }
}
