import XchangeCore
import XchangeYAML

/// Writes each report as one YAML document, `---` first.
final class YAMLReportWriter: ReportWriter {
    private var writer: YAMLStructuredWriter
    private let encoder: CanonicalEncoder

    init(output: OutputSink, encoder: CanonicalEncoder) {
        self.encoder = encoder
        self.writer = YAMLStructuredWriter(yaml: YAMLWriter { chunk in try output.write(chunk) })
    }

    func write(_ report: Report) throws {
        try writer.yaml.beginDocument(explicitStart: true)
        try encoder.encode(report, to: &writer)
        try writer.yaml.endDocument()
    }

    func finish() throws {
        try writer.yaml.endStream()
    }
}

/// ``StructuredWriter`` calls on a ``YAMLWriter``: keys and strings in the style
/// ``YAMLWriter/string(_:)`` picks, numbers, booleans and null plain.
struct YAMLStructuredWriter: StructuredWriter {
    let yaml: YAMLWriter

    func beginObject() throws { try yaml.beginMapping() }
    func endObject() throws { try yaml.endMapping() }
    func beginArray() throws { try yaml.beginSequence() }
    func endArray() throws { try yaml.endSequence() }
    func key(_ key: String) throws { try yaml.string(key) }
    // Encoded keys live as long as the program: their bytes are worked out once.
    func key(_ key: EncodedKey) throws { try yaml.key(permanent: key.utf8) }
    func string(_ value: String) throws { try yaml.string(value) }
    func number(_ literal: String) throws { try yaml.plain(literal) }
    func integer(_ value: Int) throws { try yaml.integer(value) }
    func bool(_ value: Bool) throws { try yaml.plain(value ? "true" : "false") }
    func null() throws { try yaml.plain("null") }
}
