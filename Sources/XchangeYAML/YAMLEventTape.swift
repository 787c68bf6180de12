import CYAML

/// One document's parser events, recorded flat: a list of fixed-size events and one buffer
/// holding every scalar's bytes.
///
/// Decoders walk it like a tree without one being built: no node, no `String` per scalar, no
/// reference counting per event. Recording costs a copy of each scalar's bytes, which is small
/// beside what libyaml spends producing them. ``YAMLDocumentReader/tree(from:)`` turns a tape
/// into a ``YAMLNode`` tree when a consumer needs one (to word an error with positions).
///
/// A tape never holds anchors or aliases: a document with one is built as a tree instead (see
/// ``YAMLDocumentReader/nextDocument(into:)``), so that aliases are expanded and bounded in
/// one place.
public struct YAMLEventTape {
    /// What an event is.
    public enum Kind: UInt8, Sendable {
        /// A scalar; its bytes are in the tape's buffer.
        case scalar
        /// The start of a sequence; its elements follow, then an ``end``.
        case sequenceStart
        /// The start of a mapping; its keys and values follow in turn, then an ``end``.
        case mappingStart
        /// The end of the innermost open sequence or mapping.
        case end
    }

    /// One event; for a scalar, where its bytes lie in ``bytes``.
    public struct Event: Sendable {
        /// What the event is.
        public let kind: Kind
        /// How the scalar was written (`.plain` for the other kinds).
        public let style: YAMLScalarStyle
        /// The index of the scalar's explicit tag in ``tags``, or -1 when it has none.
        public let tag: Int32
        /// Where the event starts: the 1-based column, in characters.
        public let column: Int32
        /// Where the event starts: the 1-based line.
        public let line: Int
        /// The scalar's first byte in ``bytes``.
        public let start: Int
        /// The scalar's length in bytes.
        public let count: Int

        /// Where the event starts.
        public var mark: YAMLMark { YAMLMark(line: line, column: Int(column)) }
        /// Whether the scalar has an explicit tag.
        public var isTagged: Bool { tag >= 0 }
    }

    /// The events and scalar bytes; shared by copies of a tape until the next document is
    /// recorded. Recording starts with ``removeAll()``, which gives a shared tape storage of its
    /// own, and only the reader records, so copies never see each other's events.
    private var storage = TapeStorage()
    /// The explicit tags of tagged scalars, with their handles expanded.
    public private(set) var tags: [String] = []
    /// Sequences and mappings opened and not yet closed while recording.
    private var openCollections = 0
    /// Nodes recorded, for the reader's node limit.
    private var nodeCount = 0

    /// Creates an empty tape.
    public init() {}

    /// The events in document order (a copy; ``withEvents(_:)`` lends them without one).
    public var events: [Event] { Array(UnsafeBufferPointer(start: storage.events, count: storage.eventCount)) }

    /// Every scalar's decoded bytes (quotes, escapes and indentation resolved), back to back
    /// (a copy).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.bytes, count: storage.byteCount)) }

    /// Calls `body` with the events in document order and the buffer of scalar bytes that
    /// their `start` and `count` refer to, without copying either. Neither may escape `body`.
    public func withEvents<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Event>, UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        // The tape holds its storage for as long as this call borrows the tape.
        try body(
            UnsafeBufferPointer(start: storage.events, count: storage.eventCount),
            UnsafeBufferPointer(start: storage.bytes, count: storage.byteCount))
    }

    /// The decoded text of a scalar event.
    public func string(_ event: Event) -> String {
        String(decoding: UnsafeBufferPointer(start: storage.bytes + event.start, count: event.count), as: UTF8.self)
    }

    /// The scalar of a scalar event, as a tree would hold it.
    public func scalar(_ event: Event) -> YAMLScalar {
        YAMLScalar(
            value: string(event), style: event.style, tag: event.isTagged ? tags[Int(event.tag)] : nil,
            mark: event.mark)
    }

    /// Empties the tape for the next document, keeping its storage.
    mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) { storage.removeAll() } else { storage = TapeStorage() }
        tags.removeAll()
        openCollections = 0
        nodeCount = 0
    }

    /// What recording an event came to.
    enum Recorded {
        case more
        /// The event completed the document's root.
        case complete
        /// The event has an anchor or is an alias: nothing was recorded, the document needs a tree.
        case needsTree
    }

    /// Records a node event. Holds the document to `limits` as ``DocumentBuilder`` does, with
    /// its messages.
    mutating func record(
        _ event: UnsafePointer<yaml_event_t>, limits: YAMLDocumentReader.Limits
    ) throws(YAMLError) -> Recorded {
        let mark = event.pointee.start_mark
        let line = Int(mark.line) + 1
        let column = Int32(truncatingIfNeeded: mark.column + 1)
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            guard data.anchor == nil else { return .needsTree }
            try countNode(at: mark, limits: limits)
            var tag: Int32 = -1
            if let tagName = data.tag {
                tag = Int32(tags.count)
                tags.append(String(cString: tagName))
            }
            let start = data.length > 0 ? storage.appendBytes(data.value, count: data.length) : storage.byteCount
            storage.append(
                Event(
                    kind: .scalar, style: YAMLScalarStyle(data.style), tag: tag, column: column, line: line,
                    start: start, count: data.length))
            return openCollections == 0 ? .complete : .more
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.pointee.type == YAML_MAPPING_START_EVENT
            let anchor = isMapping ? event.pointee.data.mapping_start.anchor : event.pointee.data.sequence_start.anchor
            guard anchor == nil else { return .needsTree }
            let kind: Kind = isMapping ? .mappingStart : .sequenceStart
            guard openCollections < limits.maxDepth else {
                throw DocumentBuilder.depthError(limits, at: YAMLMark(mark))
            }
            try countNode(at: mark, limits: limits)
            storage.append(Event(kind: kind, style: .plain, tag: -1, column: column, line: line, start: 0, count: 0))
            openCollections += 1
            return .more
        case YAML_ALIAS_EVENT:
            return .needsTree
        default:
            // A sequence or mapping end: libyaml only produces node events inside a document.
            storage.append(Event(kind: .end, style: .plain, tag: -1, column: column, line: line, start: 0, count: 0))
            openCollections -= 1
            return openCollections == 0 ? .complete : .more
        }
    }

    private mutating func countNode(at mark: yaml_mark_t, limits: YAMLDocumentReader.Limits) throws(YAMLError) {
        guard nodeCount < limits.maxNodesPerDocument else {
            throw DocumentBuilder.nodeLimitError(limits, isAlias: false, at: YAMLMark(mark))
        }
        nodeCount += 1
    }

    /// Feeds the recorded events to `builder`; returns the root if the tape holds a whole document.
    func replay(into builder: inout DocumentBuilder) throws(YAMLError) -> YAMLNode? {
        var root: YAMLNode?
        for index in 0..<storage.eventCount {
            let event = storage.events[index]
            switch event.kind {
            case .scalar: root = try builder.scalar(scalar(event), anchor: nil)
            case .sequenceStart: try builder.begin(mapping: false, anchor: nil, at: event.mark)
            case .mappingStart: try builder.begin(mapping: true, anchor: nil, at: event.mark)
            case .end: root = builder.end()
            }
        }
        return root
    }
}
