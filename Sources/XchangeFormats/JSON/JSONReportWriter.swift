import XchangeCore
import XchangeJSON

/// Writes reports as JSON, streaming: at most one report is held back, to decide between a
/// bare object (one report) and an array (several).
final class JSONReportWriter: PieceEncodingWriter {
    enum Layout: String {
        case auto, single, array, lines
    }

    private var writer: JSONWriter
    private let output: OutputSink
    /// Buffers of encoded pieces, used again: the same memory goes round between threads.
    private let pool = ByteBufferPool()
    private let layout: Layout
    private let encoder: CanonicalEncoder
    private var held: Report?
    private var written = 0

    init(output: OutputSink, layout: Layout, encoder: CanonicalEncoder) {
        self.layout = layout
        self.encoder = encoder
        self.output = output
        self.writer = JSONWriter(style: layout == .lines ? .compact : .pretty(indent: 2)) { chunk in
            try output.write(chunk)
        }
    }

    func write(_ report: Report) throws {
        switch layout {
        case .lines:
            try encoder.encode(report, to: &writer)
            writer.newline()
        case .single:
            guard written == 0 else {
                throw Diagnostic.error(
                    "json.layout",
                    "layout=single writes one report, but the input holds more; use layout=array or lines")
            }
            try encoder.encode(report, to: &writer)
        case .array:
            if written == 0 { writer.beginArray() }
            try encoder.encode(report, to: &writer)
        case .auto:
            if written == 0 {
                held = report
            } else {
                if let first = held {
                    writer.beginArray()
                    try encoder.encode(first, to: &writer)
                    held = nil
                }
                try encoder.encode(report, to: &writer)
            }
        }
        written += 1
    }

    /// JSON Lines only: the other layouts depend on how many reports there are.
    func makePieceEncoder() -> (any ReportPieceEncoder)? {
        layout == .lines ? JSONLinesPieceEncoder(encoder: encoder, pool: pool) : nil
    }

    func appendEncoded(_ encoded: any EncodedReports) throws {
        guard let lines = encoded as? EncodedBytes else { return }
        try writer.flush()
        try output.write(lines.buffer.bytes)
        pool.give(back: lines.buffer)
    }

    func finish() throws {
        switch layout {
        case .lines: break
        case .single: writer.newline()
        case .array:
            if written == 0 { writer.beginArray() }
            writer.endArray()
            writer.newline()
        case .auto:
            if let only = held {
                try encoder.encode(only, to: &writer)
            } else {
                // No report at all: an empty array, which reads back as no report.
                if written == 0 { writer.beginArray() }
                writer.endArray()
            }
            writer.newline()
        }
        try writer.flush()
    }
}

/// Encodes reports as JSON Lines into memory, for ``JSONReportWriter/appendEncoded(_:)``.
final class JSONLinesPieceEncoder: ReportPieceEncoder {
    private let encoder: CanonicalEncoder
    private let pool: ByteBufferPool
    /// Keeps a whole piece until ``take()``: its chunk size is never reached.
    private var writer = JSONWriter(style: .compact, chunkSize: .max) { _ in }

    init(encoder: CanonicalEncoder, pool: ByteBufferPool) {
        self.encoder = encoder
        self.pool = pool
    }

    func encode(_ report: Report) throws {
        try encoder.encode(report, to: &writer)
        writer.newline()
    }

    func take() -> any EncodedReports {
        let encoded = ByteBuffer()
        encoded.bytes = pool.take()
        writer.drain { encoded.bytes.append(contentsOf: $0) }
        return EncodedBytes(buffer: encoded)
    }
}
