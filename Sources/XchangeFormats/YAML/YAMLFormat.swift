import XchangeCore
import XchangeYAML

/// The canonical YAML form: block style, Chinese unescaped, one report per document of a
/// multi-document stream.
public struct YAMLFormat: PieceReadingModule {
    public let id = "yaml"
    public let name = "YAML"
    public let summary = "Canonical report data as YAML, one report per document (--- separated)"
    public let fileExtensions = ["yaml", "yml"]
    public let capabilities: FormatCapabilities = [.read, .write]
    public let options: [FormatOption] = [
        .canonicalProvenance,
        .canonicalPositions,
    ]

    public init() {}

    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        YAMLReportReader(input: input, diagnostics: diagnostics, recordsPositions: options.bool("positions"))
    }

    public func pieces(
        of input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> (any PieceReading)? {
        YAMLPieces(input: input, recordsPositions: options.bool("positions"))
    }

    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        YAMLReportWriter(output: output, encoder: CanonicalEncoder(includeProvenance: options.bool("provenance")))
    }
}
