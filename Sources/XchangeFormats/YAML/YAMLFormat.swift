import XchangeCore
import XchangeYAML

/// The canonical YAML form: block style, Chinese unescaped, one report per document of a
/// multi-document stream.
public struct YAMLFormat: FormatModule {
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

    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        try YAMLReportWriter(output: output, encoder: CanonicalEncoder(includeProvenance: options.bool("provenance")))
    }
}

/// Writes each report as one YAML document.
final class YAMLReportWriter: ReportWriter {
    private let emitter: YAMLEmitter
    private let encoder: CanonicalEncoder

    init(output: OutputSink, encoder: CanonicalEncoder) throws {
        self.encoder = encoder
        self.emitter = YAMLEmitter { chunk in try output.write(chunk) }
        try emitter.beginStream()
    }

    func write(_ report: Report) throws {
        try emitter.beginDocument(explicitStart: true)
        var writer = YAMLStructuredWriter(emitter: emitter)
        try encoder.encode(report, to: &writer)
        try emitter.endDocument()
    }

    func finish() throws {
        try emitter.endStream()
    }
}
