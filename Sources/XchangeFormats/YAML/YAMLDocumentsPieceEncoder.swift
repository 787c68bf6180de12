import XchangeCore
import XchangeYAML

/// Encodes reports into memory as YAML documents on a worker thread, each exactly as
/// ``YAMLReportWriter`` writes it, for ``YAMLReportWriter/appendEncoded(_:)``.
final class YAMLDocumentsPieceEncoder: ReportPieceEncoder {
    private let encoder: CanonicalEncoder
    private let pool: YAMLWriterPool
    private var writer: YAMLStructuredWriter
    /// Documents written since the last ``take()``.
    private var documents = 0

    init(encoder: CanonicalEncoder, pool: YAMLWriterPool) {
        self.encoder = encoder
        self.pool = pool
        self.writer = YAMLStructuredWriter(yaml: pool.take())
    }

    func encode(_ report: Report) throws {
        do {
            try writer.document(report, encoder: encoder)
        } catch {
            // The writer stopped inside a document: the piece is dropped, and the next one
            // starts on a fresh writer.
            writer = YAMLStructuredWriter(yaml: YAMLWriterPool.makeWriter())
            documents = 0
            throw error
        }
        documents += 1
    }

    /// Hands over the writer that holds the piece, bytes and all, and goes on with another:
    /// the documents are written from where they were encoded, never copied.
    func take() -> any EncodedReports {
        defer {
            writer = YAMLStructuredWriter(yaml: pool.take())
            documents = 0
        }
        return EncodedYAMLDocuments(writer: writer.yaml, count: documents, isOpenEnded: writer.yaml.isOpenEnded)
    }
}

/// Whole YAML documents, in the writer that encoded them, and how the stream stands after
/// the last of them.
struct EncodedYAMLDocuments: EncodedReports, @unchecked Sendable {
    /// Handed from the encoding thread to the writing one, and never shared.
    let writer: YAMLWriter
    /// How many documents; none leaves the stream as it was.
    let count: Int
    /// Whether the last document leaves the stream open ended (``YAMLWriter/isOpenEnded``).
    let isOpenEnded: Bool
}

/// Writers of YAML pieces: between documents, keeping what they are given. Every document
/// starts with `---`, so a writer that wrote other documents before writes the same bytes
/// as a new one.
typealias YAMLWriterPool = PiecePool<YAMLWriter>

extension PiecePool where Writer == YAMLWriter {
    convenience init() {
        self.init(make: Self.makeWriter, empty: { writer in writer.drain { _ in } })
    }

    /// Keeps a whole piece until it is drained: its chunk size is never reached.
    static func makeWriter() -> YAMLWriter {
        YAMLWriter(chunkSize: .max) { _ in }
    }
}
