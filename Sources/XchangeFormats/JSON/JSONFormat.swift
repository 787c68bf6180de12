import XchangeCore
import XchangeJSON

/// The canonical JSON form: one report object, an array of reports, or JSON Lines.
///
/// Keys come in schema order and Chinese is written as UTF-8, so files diff well; numbers are
/// written from their exact decimal value, so `0.0001` stays `0.0001`.
public struct JSONFormat: PieceReadingModule {
    public let id = "json"
    public let name = "JSON"
    public let summary = "Canonical report data: one report, an array of reports, or JSON Lines (.jsonl)"
    public let fileExtensions = ["json", "jsonl", "ndjson"]
    public let capabilities: FormatCapabilities = [.read, .write]
    public let options: [FormatOption] = [
        FormatOption(
            name: "layout",
            summary:
                "How reports are laid out when writing: auto (a single object for one report, an array for several; JSON Lines for .jsonl), single, array, lines",
            values: ["auto", "single", "array", "lines"], defaultValue: "auto", for: .write),
        .canonicalProvenance,
        .canonicalPositions,
    ]

    public init() {}

    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        JSONReportReader(input: input, diagnostics: diagnostics, recordsPositions: options.bool("positions"))
    }

    public func pieces(
        of input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> (any PieceReading)? {
        JSONPieces(input: input, recordsPositions: options.bool("positions"))
    }

    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        var layout = options.choice("layout", as: JSONReportWriter.Layout.self)
        if layout == .auto, let path = output.path?.lowercased(), path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        {
            layout = .lines
        }
        return JSONReportWriter(
            output: output, layout: layout,
            encoder: CanonicalEncoder(includeProvenance: options.bool("provenance")))
    }
}
