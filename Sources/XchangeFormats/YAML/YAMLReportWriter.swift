import XchangeCore
import XchangeYAML

/// Writes each report as one YAML document, `---` first.
///
/// Reports can also be encoded on other threads (``YAMLDocumentsPieceEncoder``): every
/// document starts with `---` at the start of a line, so a piece's documents are the bytes this
/// writer would write, and only whether the stream ends open ended (`...` at the end) carries
/// over from one piece to the next.
final class YAMLReportWriter: PieceEncodingWriter {
    private var writer: YAMLStructuredWriter
    private let output: OutputSink
    /// Writers of encoded pieces, used again: the same memory goes round between threads.
    private let pool = YAMLWriterPool()
    private let encoder: CanonicalEncoder

    init(output: OutputSink, encoder: CanonicalEncoder) {
        self.encoder = encoder
        self.output = output
        self.writer = YAMLStructuredWriter(yaml: YAMLWriter { chunk in try output.write(chunk) })
    }

    func write(_ report: Report) throws {
        try writer.document(report, encoder: encoder)
    }

    func makePieceEncoder() -> (any ReportPieceEncoder)? {
        YAMLDocumentsPieceEncoder(encoder: encoder, pool: pool)
    }

    func appendEncoded(_ encoded: any EncodedReports) throws {
        guard let documents = encoded as? EncodedYAMLDocuments else { return }
        defer { pool.give(back: documents.writer) }
        guard documents.count > 0 else { return }
        try writer.yaml.flush()
        try documents.writer.drain { try output.write(UnsafeRawBufferPointer($0)) }
        try writer.yaml.continueAfterDocuments(openEnded: documents.isOpenEnded)
    }

    func finish() throws {
        try writer.yaml.endStream()
    }
}

/// ``StructuredWriter`` calls on a ``YAMLWriter``: keys and strings in the style
/// ``YAMLWriter/string(_:)`` picks, numbers, booleans and null plain.
struct YAMLStructuredWriter: StructuredWriter {
    let yaml: YAMLWriter

    /// Writes `report` as one document, `---` first: how every YAML output of reports is written.
    mutating func document(_ report: Report, encoder: CanonicalEncoder) throws {
        try yaml.beginDocument(explicitStart: true)
        try encoder.encode(report, to: &self)
        try yaml.endDocument()
    }

    func beginObject() throws { try yaml.beginMapping() }
    func endObject() throws { try yaml.endMapping() }
    func beginArray() throws { try yaml.beginSequence() }
    func endArray() throws { try yaml.endSequence() }
    func key(_ key: String) throws { try yaml.string(key) }
    // Encoded keys live as long as the program: their bytes are worked out once.
    func key(_ key: EncodedKey) throws { try yaml.key(permanent: key.utf8) }
    func string(_ value: String) throws { try yaml.string(value) }
    func number(_ literal: String) throws { try yaml.plain(literal) }
    func number(utf8: UnsafeBufferPointer<UInt8>) throws { try yaml.plain(utf8: utf8) }
    func string(utf8: UnsafeBufferPointer<UInt8>) throws { try yaml.string(utf8: utf8) }
    func integer(_ value: Int) throws { try yaml.integer(value) }
    func integer(_ value: Int, key: EncodedKey) throws { try yaml.integer(value, permanentKey: key.utf8) }
    func bool(_ value: Bool) throws { try yaml.plain(value ? "true" : "false") }
    func null() throws { try yaml.plain("null") }
}
