/// Writes block-style YAML straight into bytes: the same output as ``YAMLEmitter`` (libyaml's
/// emitter configured as xchange configures it) for the calls both accept, many times faster.
///
/// Calls follow the shape of the document: per document ``beginDocument(explicitStart:)`` …
/// ``endDocument()``, with nested ``beginMapping()``/``beginSequence()`` … `end…` pairs and
/// scalars in between; mapping contents alternate key, value; ``endStream()`` last. Collections
/// are block style; an empty one is written `{}` or `[]`, as libyaml does. Strings get the
/// style ``string(_:)`` describes; a key that is longer than 128 bytes or spans lines becomes a
/// `?` complex key. A call out of order throws a ``YAMLError``; after any error the writer is
/// unusable and rethrows that error.
///
/// libyaml's emitter looks at every scalar character by character several times, through
/// events it copies and queues; this writer decides a string's style in one pass over its
/// UTF-8 bytes (most bytes cost one table look-up) and copies runs of text with `memcpy`. It
/// keeps libyaml's layout state (indent stack, column, "after whitespace", "at indentation"),
/// so indentation and spacing come out exactly as libyaml writes them.
///
/// Not thread-safe. Output that has not reached the sink through ``endStream()`` or
/// ``flush()`` is dropped when the writer is released.
public final class YAMLWriter {
    // The state is checked for exclusive access statically only: every call touches it many
    // times, and dynamic checks cost more than the writing itself.
    @exclusivity(unchecked) var output = YAMLOutputBuffer()
    @exclusivity(unchecked) var renderedKeys: RenderedKeys
    private let sink: ([UInt8]) throws -> Void
    /// How many bytes are gathered before they go to the sink.
    private let chunkSize: Int
    @exclusivity(unchecked) private var failure: (any Error)?
    /// Whether `failure` is set: a plain flag is cheaper to test on every call than the optional.
    @exclusivity(unchecked) private var hasFailed = false

    // libyaml's layout state, with its names.
    /// The current indentation; -1 before the root node.
    @exclusivity(unchecked) var indent = -1
    /// The column the next byte goes to; exact while it matters, i.e. while `indention` holds.
    @exclusivity(unchecked) var column = 0
    /// The last byte written is whitespace (an indicator such as `-` needs a space otherwise).
    @exclusivity(unchecked) var whitespace = true
    /// Only indentation and indicators such as `-` or `?` are on the line so far.
    @exclusivity(unchecked) var indention = true
    /// 2 after a block scalar that keeps its trailing line breaks (`|+`): the stream then has
    /// to end with `...`, or a reader would add the next line to the scalar.
    @exclusivity(unchecked) var openEnded = 0

    private enum Place {
        case betweenDocuments(first: Bool)
        case beforeRoot
        case afterRoot
    }

    @exclusivity(unchecked) private var place = Place.betweenDocuments(first: true)
    @exclusivity(unchecked) var collections = CollectionStack()
    /// A collection begun whose first entry has not come yet: it is written `{}`/`[]` if it
    /// ends right away, otherwise as a block (libyaml looks ahead the same way).
    @exclusivity(unchecked) private var isPending = false
    @exclusivity(unchecked) private var pendingIsMapping = false
    @exclusivity(unchecked) private var pendingIsMappingValue = false

    /// Creates a writer handing its output to `sink` in chunks of about `chunkSize` bytes (the
    /// rest at ``endStream()`` or ``flush()``). Whatever `sink` throws is rethrown by the call
    /// that triggered the write.
    ///
    /// A writer that gathers output in memory gives a `chunkSize` it never reaches (`.max`)
    /// and takes the bytes with ``drain(_:)``.
    public init(chunkSize: Int = 1 << 16, sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        self.chunkSize = max(chunkSize, 1)
        self.renderedKeys = RenderedKeys()
    }

    /// A writer for working out what other writers write, which remembers no keys.
    init(scratchFor sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        self.chunkSize = .max
        self.renderedKeys = RenderedKeys(slotCount: 1)
    }

    /// Starts a document. `explicitStart` writes the `---` line; documents after the first
    /// always get one, because without it they would merge with the previous document.
    public func beginDocument(explicitStart: Bool) throws {
        try check()
        guard case .betweenDocuments(let first) = place else {
            try fail("expected DOCUMENT-START or STREAM-END, not a document start inside a document")
        }
        openEnded = 0
        if explicitStart || !first {
            writeIndent()
            writeIndicator("---", needsWhitespace: true, isWhitespace: false, isIndention: false)
        }
        place = .beforeRoot
    }

    /// Ends a document (without a `...` line: none of the writer's documents needs one).
    public func endDocument() throws {
        try check()
        guard case .afterRoot = place, collections.count == 0 else {
            try fail("expected a document's root node and the end of its collections before DOCUMENT-END")
        }
        writeIndent()
        if openEnded == 0 { openEnded = 1 }
        place = .betweenDocuments(first: false)
        try deliverIfFull()
    }

    /// Ends the output and hands everything still buffered to the sink.
    public func endStream() throws {
        try check()
        guard case .betweenDocuments = place else { try fail("expected DOCUMENT-END before STREAM-END") }
        if openEnded == 2 {
            writeIndicator("...", needsWhitespace: true, isWhitespace: false, isIndention: false)
            openEnded = 0
            writeIndent()
        }
        try flush()
    }

    /// Hands everything written so far to the sink, e.g. after each document of a long
    /// stream that someone is reading as it grows.
    public func flush() throws {
        try check()
        guard output.count > 0 else { return }
        do {
            try sink(output.take())
        } catch {
            failure = error
            hasFailed = true
            throw error
        }
    }

    /// Hands the bytes written since the last flush to `body` and forgets them, without the
    /// sink: for a caller that gathers output in memory, with no copy per chunk.
    public func drain(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try output.drain(body)
    }

    /// Whether the stream written so far is open ended: its last document ends in a block
    /// scalar that keeps its trailing line breaks (`|+`), so ``endStream()`` will write `...`.
    public var isOpenEnded: Bool {
        openEnded == 2
    }

    /// Takes up the stream after whole documents that another writer wrote and the caller
    /// handed to this writer's sink itself, right after this writer's ``flush()``: what follows
    /// (the next document, ``endStream()``) comes out as if this writer had written them.
    ///
    /// The documents must have begun with `---` (`explicitStart: true`) and ended with
    /// ``endDocument()``. Between documents every writer is in the same place (at the start
    /// of a line, outside any collection, `indent` -1), whether fresh or after any number of
    /// documents; only whether the stream is open ended differs, so `openEnded` (the other
    /// writer's ``isOpenEnded`` after its last document) is all that carries over.
    ///
    /// Throws a ``YAMLError`` inside a document, or when output is still buffered (the
    /// documents would have gone to the sink ahead of it).
    public func continueAfterDocuments(openEnded: Bool) throws {
        try check()
        guard case .betweenDocuments = place else {
            try fail("expected DOCUMENT-END before documents written elsewhere")
        }
        guard output.count == 0 else { try fail("flush before documents written elsewhere go to the sink") }
        self.openEnded = openEnded ? 2 : 1
        place = .betweenDocuments(first: false)
    }

    /// Starts a block mapping.
    public func beginMapping() throws {
        try beginCollection(isMapping: true)
    }

    /// Ends the innermost mapping.
    public func endMapping() throws {
        try endCollection(isMapping: true)
    }

    /// Starts a block sequence.
    public func beginSequence() throws {
        try beginCollection(isMapping: false)
    }

    /// Ends the innermost sequence.
    public func endSequence() throws {
        try endCollection(isMapping: false)
    }

    private func beginCollection(isMapping: Bool) throws {
        try check()
        if expectsKey { try fail("a mapping key must be a scalar") }
        let isMappingValue = try beginNode(simpleKey: nil)
        // Nothing changes the indentation before the first entry, so it can be saved now.
        collections.push(isMapping ? .mappingKey : .sequenceItem, savedIndent: indent)
        isPending = true
        pendingIsMapping = isMapping
        pendingIsMappingValue = isMappingValue
    }

    private func endCollection(isMapping: Bool) throws {
        try check()
        switch collections.top {
        case .mappingKey where isMapping: break
        case .sequenceItem where !isMapping: break
        default: try fail(isMapping ? "expected a value or SEQUENCE-END, not MAPPING-END" : "expected MAPPING-END")
        }
        indent = collections.pop()
        if isPending {
            isPending = false
            writeIndicator(isMapping ? "{" : "[", needsWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator(isMapping ? "}" : "]", needsWhitespace: false, isWhitespace: false, isIndention: false)
        }
        try deliverIfFull()
    }

    /// Writes what goes before a node in its place (`---` was written already; `- ` in a
    /// sequence; the key's indentation, `? ` or `: ` in a mapping) and moves the place on.
    /// `simpleKey` says, for a scalar, whether it could be a simple key; nil for collections.
    /// Returns whether the node is a mapping value, which decides a sequence's indentation.
    @inline(__always)
    func beginNode(simpleKey: Bool?) throws -> Bool {
        settlePendingCollection()
        guard let top = collections.top else {
            guard case .beforeRoot = place else {
                try fail("expected DOCUMENT-START or STREAM-END")
            }
            place = .afterRoot
            return false
        }
        switch top {
        case .sequenceItem:
            writeIndent()
            writeIndicator("-", needsWhitespace: true, isWhitespace: false, isIndention: true)
            return false
        case .mappingKey:
            writeIndent()
            if simpleKey == true {
                collections.setTop(.mappingSimpleValue)
            } else {
                writeIndicator("?", needsWhitespace: true, isWhitespace: false, isIndention: true)
                collections.setTop(.mappingComplexValue)
            }
            return true
        case .mappingSimpleValue:
            writeIndicator(":", needsWhitespace: false, isWhitespace: false, isIndention: false)
            collections.setTop(.mappingKey)
            return true
        case .mappingComplexValue:
            writeIndent()
            writeIndicator(":", needsWhitespace: true, isWhitespace: false, isIndention: true)
            collections.setTop(.mappingKey)
            return true
        }
    }

    /// Before the first node of a collection begun: the collection has content, so it is a
    /// block after all, indented as such.
    @inline(__always)
    func settlePendingCollection() {
        guard isPending else { return }
        isPending = false
        increaseIndent(indentless: !pendingIsMapping && pendingIsMappingValue && !indention)
    }

    /// Whether the next scalar is a mapping key.
    var expectsKey: Bool {
        collections.top == .mappingKey
    }

    /// libyaml's `yaml_emitter_increase_indent` for a block collection (its indentation is
    /// restored from ``CollectionStack`` when it ends).
    private func increaseIndent(indentless: Bool) {
        if indent < 0 {
            indent = 0
        } else if !indentless {
            indent += 2
        }
    }

    /// libyaml's `yaml_emitter_write_indent`: a line break unless the line holds only
    /// indentation so far, then spaces up to the current indentation.
    @inline(__always)
    func writeIndent() {
        let indent = max(self.indent, 0)
        if !indention || column > indent || (column == indent && !whitespace) {
            // The common case, a new line: the break and the spaces in one go.
            // Spaces eight at a time, up to seven past the end: the room is reserved, and only
            // `indent + 1` bytes are counted.
            let room = output.reserve(indent + 8)
            room[0] = UInt8(ascii: "\n")
            let spaces = UnsafeMutableRawPointer(room + 1)
            var offset = 0
            while offset < indent {
                spaces.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            output.commit(indent + 1)
        } else if column < indent {
            output.appendSpaces(indent - column)
        }
        column = indent
        whitespace = true
        indention = true
    }

    /// libyaml's `yaml_emitter_write_indicator`.
    @inline(__always)
    func writeIndicator(_ indicator: StaticString, needsWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needsWhitespace && !whitespace {
            output.append(UInt8(ascii: " "))
            column += 1
        }
        output.append(UnsafeBufferPointer(start: indicator.utf8Start, count: indicator.utf8CodeUnitCount))
        column += indicator.utf8CodeUnitCount
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    @inline(__always)
    func deliverIfFull() throws {
        if output.count >= chunkSize { try flush() }
    }

    /// Throws the error that made the writer unusable, if any.
    @inline(__always)
    func check() throws {
        if hasFailed, let failure { throw failure }
    }

    /// Records a misuse as the writer's failure and throws it.
    func fail(_ message: String) throws -> Never {
        let error = YAMLError(message: message)
        failure = error
        hasFailed = true
        throw error
    }
}

@available(*, unavailable, message: "a writer keeps the state of one output; use it from one task")
extension YAMLWriter: Sendable {}
