import CYAML
import Foundation

/// Reads a YAML stream one document at a time (multi-document streams: `---` separated).
///
/// Only the current document is ever held as a tree, so a file of thousands of reports
/// can be converted in constant memory. The reader is not thread-safe: it owns a libyaml
/// parser, which must be driven from one place.
public final class YAMLDocumentReader {
    /// Bounds on what one document may cost, so that hostile or broken input fails with an
    /// error instead of exhausting memory or the stack.
    public struct Limits: Sendable {
        /// The most nodes one document may have, counting every node an alias copies:
        /// aliases let a few hundred bytes describe billions of nodes.
        public var maxNodesPerDocument: Int
        /// The deepest nesting of sequences and mappings; the root collection is depth 1.
        /// Trees are walked recursively by their consumers (and by `==`), so depth is bounded
        /// well below what a thread's stack can take.
        public var maxDepth: Int

        /// Creates limits.
        public init(maxNodesPerDocument: Int = 1_000_000, maxDepth: Int = 256) {
            self.maxNodesPerDocument = maxNodesPerDocument
            self.maxDepth = maxDepth
        }

        /// One million nodes and a depth of 256: far beyond any report, far below harm.
        public static let `default` = Limits()
    }

    private let parser: LibYAMLParser
    private let limits: Limits
    /// Retained so the descriptor stays open while libyaml reads from it.
    private let fileHandle: FileHandle?
    private var finished = false
    /// libyaml cannot continue after an error, so the first one is repeated to later calls.
    private var failure: YAMLError?
    /// Where ``nextDocument()`` records each document before building its tree.
    private var tape = YAMLEventTape()

    /// Where the bytes a reader is given begin in a larger input (a piece of a file read on
    /// its own): every mark and byte offset the reader reports is counted from there, so they
    /// read as they would for the whole input.
    public struct Start: Sendable {
        /// The 1-based line of the first byte; it must begin a line.
        public var line: Int
        /// How many bytes of the input come before the first one.
        public var byteOffset: Int

        /// Creates a start.
        public init(line: Int, byteOffset: Int) {
            self.line = line
            self.byteOffset = byteOffset
        }

        /// The beginning of an input.
        public static let beginning = Start(line: 1, byteOffset: 0)
    }

    /// Reads from bytes in memory, which begin the input at `start`.
    public init(bytes: [UInt8], limits: Limits = .default, start: Start = .beginning) {
        parser = LibYAMLParser(input: ParserInput(bytes: bytes), start: start)
        self.limits = limits
        fileHandle = nil
    }

    /// Streams from a file handle (a file, pipe or socket) as the parser advances, so a
    /// 1 GB multi-document file is never held whole. Reading starts at the handle's current
    /// offset; the handle is not closed.
    public init(fileHandle: FileHandle, limits: Limits = .default) {
        parser = LibYAMLParser(input: ParserInput(fileDescriptor: fileHandle.fileDescriptor))
        self.limits = limits
        self.fileHandle = fileHandle
    }

    /// Fills a buffer with the next bytes of the input and returns how many (0 at the end).
    public typealias ReadFunction = (UnsafeMutableRawBufferPointer) throws(YAMLError) -> Int

    /// Streams from whatever `read` hands out, as the parser advances; its first byte begins
    /// the input at `start`.
    public init(limits: Limits = .default, start: Start = .beginning, read: @escaping ReadFunction) {
        parser = LibYAMLParser(input: ParserInput(read: read), start: start)
        self.limits = limits
        fileHandle = nil
    }

    /// The next document's root node, or `nil` at the end of the stream.
    ///
    /// An empty document (`---` with nothing after it) is an empty plain scalar, which the
    /// core schema reads as null. After an error the same error is thrown again: libyaml
    /// cannot resynchronize, and later documents would be misread.
    public func nextDocument() throws(YAMLError) -> YAMLNode? {
        switch try nextDocument(into: &tape) {
        case nil: return nil
        case .tree(let root): return root
        case .recorded: return try tree(from: tape)
        }
    }

    /// How ``nextDocument(into:)`` delivered a document.
    public enum RecordedDocument {
        /// The document's events are on the tape.
        case recorded
        /// The document has anchors or aliases: it was built as a tree (aliases expanded and
        /// bounded by the limits), and the tape holds nothing of it.
        case tree(YAMLNode)
    }

    /// Records the next document's events on `tape` (emptied first, its storage reused), or
    /// returns `nil` at the end of the stream.
    ///
    /// Errors, limits and their positions are those of ``nextDocument()``: a document is held
    /// to the depth and node limits as it is recorded, and from its first anchor or alias on it
    /// is built as a tree, where aliases are resolved. After an error the same error is thrown
    /// again.
    public func nextDocument(into tape: inout YAMLEventTape) throws(YAMLError) -> RecordedDocument? {
        if let failure { throw failure }
        if finished { return nil }
        do {
            return try readDocument(into: &tape)
        } catch {
            failure = error
            throw error
        }
    }

    /// The tree of a document recorded by ``nextDocument(into:)``.
    public func tree(from tape: YAMLEventTape) throws(YAMLError) -> YAMLNode {
        var builder = DocumentBuilder(limits: limits)
        guard let root = try tape.replay(into: &builder) else {
            throw YAMLError(message: "the recorded document is incomplete")
        }
        return root
    }

    private func readDocument(into tape: inout YAMLEventTape) throws(YAMLError) -> RecordedDocument? {
        // Skip the stream start; stop at the next document or the end of the stream.
        while true {
            let type = try parser.withNextEvent { event throws(YAMLError) in event.pointee.type }
            if type == YAML_DOCUMENT_START_EVENT { break }
            if type == YAML_STREAM_END_EVENT {
                finished = true
                return nil
            }
        }
        tape.removeAll()
        // Set at the first anchor or alias: the rest of the document goes to a tree builder.
        var builder: DocumentBuilder?
        var root: YAMLNode?
        var complete = false
        while !complete {
            try parser.withNextEvent { event throws(YAMLError) in
                if builder == nil {
                    switch try tape.record(event, limits: limits) {
                    case .more: return
                    case .complete:
                        complete = true
                        return
                    case .needsTree:
                        var replayed = DocumentBuilder(limits: limits)
                        _ = try tape.replay(into: &replayed)
                        builder = replayed
                    }
                }
                root = try Self.apply(event, to: &builder!)
                complete = root != nil
            }
        }
        // The document end event; libyaml has already validated it.
        try parser.withNextEvent { _ throws(YAMLError) in }
        if let root { return .tree(root) }
        return .recorded
    }

    /// Feeds one node event to the builder; returns the root when the document is complete.
    private static func apply(
        _ event: UnsafePointer<yaml_event_t>, to builder: inout DocumentBuilder
    ) throws(YAMLError) -> YAMLNode? {
        let mark = YAMLMark(event.pointee.start_mark)
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            let value = String(
                decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let scalar = YAMLScalar(
                value: value, style: YAMLScalarStyle(data.style),
                tag: data.tag.map { String(cString: $0) }, mark: mark)
            return try builder.scalar(scalar, anchor: data.anchor.map { String(cString: $0) })
        case YAML_ALIAS_EVENT:
            return try builder.alias(String(cString: event.pointee.data.alias.anchor), at: mark)
        case YAML_SEQUENCE_START_EVENT:
            let anchor = event.pointee.data.sequence_start.anchor.map { String(cString: $0) }
            try builder.begin(mapping: false, anchor: anchor, at: mark)
            return nil
        case YAML_MAPPING_START_EVENT:
            let anchor = event.pointee.data.mapping_start.anchor.map { String(cString: $0) }
            try builder.begin(mapping: true, anchor: anchor, at: mark)
            return nil
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return builder.end()
        default:
            // libyaml only produces node events inside a document.
            throw YAMLError(message: "unexpected event inside a document", mark: mark)
        }
    }
}

@available(*, unavailable, message: "a reader owns a libyaml parser; use it from one task")
extension YAMLDocumentReader: Sendable {}

/// Parses every document of a stream held in memory.
///
/// For large or many-document input prefer ``YAMLDocumentReader``, which holds one
/// document at a time.
public func parseYAMLDocuments(_ bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
    let reader = YAMLDocumentReader(bytes: bytes)
    var documents: [YAMLNode] = []
    while let document = try reader.nextDocument() {
        documents.append(document)
    }
    return documents
}
