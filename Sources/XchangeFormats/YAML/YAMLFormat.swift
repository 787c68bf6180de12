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
        YAMLReportWriter(output: output, encoder: CanonicalEncoder(includeProvenance: options.bool("provenance")))
    }
}

/// Streams reports out of a YAML stream, one document at a time.
final class YAMLReportReader: PositionedRereading {
    private let documents: YAMLDocumentReader
    private let input: InputSource
    private let decoder: CanonicalDecoder
    private var ordinal = 0
    /// The document last decoded, to decode again with positions.
    private var last: YAMLDocumentNode?

    init(input: InputSource, diagnostics: any DiagnosticCollector, recordsPositions: Bool) {
        self.input = input
        self.documents = YAMLDocumentReader { (buffer) throws(YAMLError) -> Int in
            do throws(Diagnostic) {
                return try input.read(into: buffer)
            } catch {
                throw YAMLError(message: error.message)
            }
        }
        var decoder = CanonicalDecoder(file: input.displayName, diagnostics: diagnostics)
        decoder.recordsPositions = recordsPositions
        self.decoder = decoder
    }

    func next() throws -> Report? {
        while true {
            let document: YAMLNode?
            do {
                document = try documents.nextDocument()
            } catch {
                let mark = error.mark
                throw Diagnostic.error(
                    "yaml.syntax", error.message,
                    at: SourceReference(file: input.displayName, line: mark?.line, column: mark?.column))
            }
            guard let document else { return nil }
            // An empty document (a stray `---`) holds no report; skip it rather than fail.
            if case .scalar(let scalar) = document, scalar.kind == .null { continue }
            ordinal += 1
            let node = YAMLDocumentNode(node: document)
            if case .mapping(let pairs, _) = document, pairs.isEmpty {
                throw Diagnostic.error(
                    "report.empty", "an empty mapping is not a report",
                    at: SourceReference(file: input.displayName, line: document.mark.line, column: document.mark.column)
                )
            }
            last = node
            return try decoder.decode(node, ordinal: ordinal)
        }
    }

    func rereadWithPositions() throws -> Report? {
        guard let last else { return nil }
        var positioned = decoder
        positioned.recordsPositions = true
        return try positioned.decode(last, ordinal: ordinal)
    }
}
