import Foundation
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
    /// Writers that encoded pieces, used again: the same memory goes round between threads.
    private let pool = JSONLinesPool()
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
        guard let lines = encoded as? EncodedJSONLines else { return }
        try writer.flush()
        defer { pool.give(back: lines.writer) }
        try lines.writer.drain { try output.write(UnsafeRawBufferPointer($0)) }
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
    private let pool: JSONLinesPool
    /// Keeps a whole piece until ``take()``: its chunk size is never reached.
    private var writer: JSONWriter

    init(encoder: CanonicalEncoder, pool: JSONLinesPool) {
        self.encoder = encoder
        self.pool = pool
        self.writer = pool.take()
    }

    func encode(_ report: Report) throws {
        try encoder.encode(report, to: &writer)
        writer.newline()
    }

    /// Hands over the writer that holds the piece, bytes and all, and goes on with another:
    /// the lines are written from where they were encoded, never copied.
    func take() -> any EncodedReports {
        defer { writer = pool.take() }
        return EncodedJSONLines(writer: writer)
    }
}

/// The JSON Lines of a piece, in the writer that encoded them.
struct EncodedJSONLines: EncodedReports, @unchecked Sendable {
    /// Handed from the encoding thread to the writing one, and never shared.
    let writer: JSONWriter
}

/// Writers for JSON Lines pieces, kept with the memory they grew for the next pieces, so that
/// it is not handed back to the system and faulted in again for every piece.
final class JSONLinesPool: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [JSONWriter] = []

    /// An empty writer that keeps what it is given, one from an earlier piece when there is one.
    func take() -> JSONWriter {
        lock.lock()
        let reused = spare.popLast()
        lock.unlock()
        return reused ?? JSONWriter(style: .compact, chunkSize: .max) { _ in }
    }

    /// Keeps a drained writer for ``take()``; the pool holds a few at most.
    func give(back writer: JSONWriter) {
        lock.lock()
        if spare.count < 8 { spare.append(writer) }
        lock.unlock()
    }
}
