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
    private let pool: JSONWriterPool
    private let layout: Layout
    private let encoder: CanonicalEncoder
    private var held: Report?
    private var written = 0

    init(output: OutputSink, layout: Layout, encoder: CanonicalEncoder) {
        self.layout = layout
        self.encoder = encoder
        self.output = output
        let style: JSONWriter.Style = layout == .lines ? .compact : .pretty(indent: 2)
        self.pool = JSONWriterPool(style: style)
        self.writer = JSONWriter(style: style) { chunk in
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
        case .array, .auto:
            if layout == .auto && written == 0 {
                held = report
            } else {
                try openArray()
                try encoder.encode(report, to: &writer)
            }
        }
        written += 1
    }

    /// Opens the array when the first report of it comes (with `auto`, the second), and writes
    /// the report held back until then.
    private func openArray() throws {
        guard written == 0 || held != nil else { return }
        writer.beginArray()
        if let first = held {
            try encoder.encode(first, to: &writer)
            held = nil
        }
    }

    /// Every layout but `single`, which must see that there is only one report.
    func makePieceEncoder() -> (any ReportPieceEncoder)? {
        switch layout {
        case .lines: JSONLinesPieceEncoder(encoder: encoder, pool: pool)
        case .array, .auto: JSONElementsPieceEncoder(encoder: encoder, pool: pool)
        case .single: nil
        }
    }

    func appendEncoded(_ encoded: any EncodedReports) throws {
        if let lines = encoded as? EncodedJSONLines {
            try writer.flush()
            defer { pool.give(back: lines.writer) }
            try lines.writer.drain { try output.write(UnsafeRawBufferPointer($0)) }
        } else if let elements = encoded as? EncodedJSONElements {
            defer { pool.give(back: elements.writer) }
            guard elements.count > 0 else { return }
            if layout == .auto && written == 0 && elements.count == 1, let only = elements.only {
                held = only
                written = 1
                return
            }
            try openArray()
            writer.elementsFollow()
            try writer.flush()
            try elements.writer.drain { try output.write(UnsafeRawBufferPointer($0)) }
            written += elements.count
        }
    }

    func finish() throws {
        switch layout {
        case .lines: break
        case .single: writer.newline()
        case .array, .auto:
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

/// Encodes reports as the elements of a pretty array into memory, for
/// ``JSONReportWriter/appendEncoded(_:)``: each element indented and separated as in the
/// whole array, the first without a separator, which the writer puts in when elements came
/// before. The piece's bytes are written as they are, with no `[` of its own to skip.
final class JSONElementsPieceEncoder: ReportPieceEncoder {
    private let encoder: CanonicalEncoder
    private let pool: JSONWriterPool
    private var writer: JSONWriter
    private var count = 0
    /// The piece's report while it is the only one: a lone report of the whole input is
    /// written as a bare object, which only the writer can tell.
    private var only: Report?

    init(encoder: CanonicalEncoder, pool: JSONWriterPool) {
        self.encoder = encoder
        self.pool = pool
        self.writer = Self.arrayWriter(from: pool)
    }

    private static func arrayWriter(from pool: JSONWriterPool) -> JSONWriter {
        let writer = pool.take()
        writer.continueArray()
        return writer
    }

    func encode(_ report: Report) throws {
        try encoder.encode(report, to: &writer)
        only = count == 0 ? report : nil
        count += 1
    }

    func take() -> any EncodedReports {
        defer {
            writer = Self.arrayWriter(from: pool)
            count = 0
            only = nil
        }
        return EncodedJSONElements(writer: writer, count: count, only: only)
    }
}

/// The elements of a pretty array that a piece's reports make, in the writer that encoded them.
struct EncodedJSONElements: EncodedReports, @unchecked Sendable {
    /// Handed from the encoding thread to the writing one, and never shared.
    let writer: JSONWriter
    let count: Int
    /// The report, when the piece holds only one.
    let only: Report?
}

/// Encodes reports as JSON Lines into memory, for ``JSONReportWriter/appendEncoded(_:)``.
final class JSONLinesPieceEncoder: ReportPieceEncoder {
    private let encoder: CanonicalEncoder
    private let pool: JSONWriterPool
    /// Keeps a whole piece until ``take()``: its chunk size is never reached.
    private var writer: JSONWriter

    init(encoder: CanonicalEncoder, pool: JSONWriterPool) {
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

/// Writers of JSON pieces: empty, outside any container, keeping what they are given.
typealias JSONWriterPool = PiecePool<JSONWriter>

extension PiecePool where Writer == JSONWriter {
    convenience init(style: JSONWriter.Style) {
        self.init(
            make: { JSONWriter(style: style, chunkSize: .max) { _ in } },
            empty: { writer in
                writer.drain { _ in }
                writer.reset()
            })
    }
}
