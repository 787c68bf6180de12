import XchangeCore
import XchangeYAML

/// Encodes reports into memory as YAML documents on a worker thread, each exactly as
/// ``YAMLReportWriter`` writes it, for ``YAMLReportWriter/appendEncoded(_:)``.
final class YAMLDocumentsPieceEncoder: ReportPieceEncoder {
    private let encoder: CanonicalEncoder
    private let pool: ByteBufferPool
    private var writer = YAMLDocumentsPieceEncoder.makeWriter()
    /// Documents written since the last ``take()``.
    private var documents = 0

    init(encoder: CanonicalEncoder, pool: ByteBufferPool) {
        self.encoder = encoder
        self.pool = pool
    }

    /// Keeps a whole piece until ``take()``: its chunk size is never reached.
    private static func makeWriter() -> YAMLStructuredWriter {
        YAMLStructuredWriter(yaml: YAMLWriter(chunkSize: .max) { _ in })
    }

    func encode(_ report: Report) throws {
        do {
            try writer.document(report, encoder: encoder)
        } catch {
            // The writer stopped inside a document: the piece is dropped, and the next one
            // starts on a fresh writer.
            writer = Self.makeWriter()
            documents = 0
            throw error
        }
        documents += 1
    }

    func take() -> any EncodedReports {
        let encoded = ByteBuffer()
        encoded.bytes = pool.take()
        writer.yaml.drain { encoded.bytes.append(contentsOf: $0) }
        defer { documents = 0 }
        return EncodedYAMLDocuments(buffer: encoded, count: documents, isOpenEnded: writer.yaml.isOpenEnded)
    }
}

/// Whole YAML documents, and how the stream stands after the last of them.
struct EncodedYAMLDocuments: EncodedReports, @unchecked Sendable {
    /// Handed from the encoding thread to the writing one, and never shared.
    let buffer: ByteBuffer
    /// How many documents; none leaves the stream as it was.
    let count: Int
    /// Whether the last document leaves the stream open ended (``YAMLWriter/isOpenEnded``).
    let isOpenEnded: Bool
}
