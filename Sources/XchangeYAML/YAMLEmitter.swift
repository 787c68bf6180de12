import CYAML

/// Emits block-style YAML, Chinese unescaped, no line folding, to a sink, streaming
/// (never builds the whole output).
///
/// Calls follow the shape of the document: `beginStream`, then per document
/// `beginDocument` … `endDocument`, with nested `beginMapping`/`beginSequence` … `end…`
/// pairs and scalars in between; mapping contents alternate key, value. A call out of
/// order throws a ``YAMLError`` naming what libyaml expected. After any error the emitter
/// is unusable and rethrows that error.
///
/// ``YAMLWriter`` writes the same bytes for the calls both accept, many times faster, and is
/// what the YAML format uses; this emitter stays for flow collections and as the reference the
/// writer is tested against.
///
/// Not thread-safe: it owns a libyaml emitter. Output that has not reached the sink
/// through ``endStream()`` or ``flush()`` is dropped when the emitter is released.
public final class YAMLEmitter {
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let output: EmitterOutput
    private var failure: (any Error)?

    /// Creates an emitter writing to `sink`, which receives chunks of about 64 KB (the
    /// rest at ``endStream()`` or ``flush()``). Whatever `sink` throws is rethrown by the
    /// call that triggered the write.
    public init(sink: @escaping ([UInt8]) throws -> Void) {
        output = EmitterOutput(sink: sink)
        emitter = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        // Fails only when malloc does; there is nothing sensible to do then but stop.
        guard yaml_emitter_initialize(emitter) != 0 else { fatalError("libyaml: out of memory") }
        yaml_emitter_set_output(emitter, EmitterOutput.handler, Unmanaged.passUnretained(output).toOpaque())
        // Report text is Chinese: write it as is instead of as \u escapes.
        yaml_emitter_set_unicode(emitter, 1)
        // Folding long lines would make diffs of report files noisy and plain scalars fragile.
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
        event.deallocate()
    }

    /// Starts the output; must come first.
    public func beginStream() throws {
        try emit { yaml_stream_start_event_initialize($0, YAML_UTF8_ENCODING) }
    }

    /// Ends the output and hands everything still buffered to the sink.
    public func endStream() throws {
        try emit { yaml_stream_end_event_initialize($0) }
        try flush()
    }

    /// Hands everything written so far to the sink, e.g. after each document of a long
    /// stream that someone is reading as it grows.
    public func flush() throws {
        if let failure { throw failure }
        guard yaml_emitter_flush(emitter) != 0 else { throw fail() }
        do {
            try output.deliver()
        } catch {
            failure = error
            throw error
        }
    }

    /// Starts a document. `explicitStart` writes the `---` line; documents after the first
    /// always get one, because without it they would merge with the previous document.
    public func beginDocument(explicitStart: Bool) throws {
        try emit { yaml_document_start_event_initialize($0, nil, nil, nil, explicitStart ? 0 : 1) }
    }

    /// Ends a document (without a `...` line unless the document needs one to end).
    public func endDocument() throws {
        try emit { yaml_document_end_event_initialize($0, 1) }
    }

    /// Starts a mapping; `flow` writes it on one line as `{a: 1, b: 2}`.
    public func beginMapping(flow: Bool = false) throws {
        let style = flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
        try emit { yaml_mapping_start_event_initialize($0, nil, nil, 1, style) }
    }

    /// Ends the innermost mapping.
    public func endMapping() throws {
        try emit { yaml_mapping_end_event_initialize($0) }
    }

    /// Starts a sequence; `flow` writes it on one line as `[a, b]`, which suits short
    /// lists of numbers.
    public func beginSequence(flow: Bool = false) throws {
        let style = flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE
        try emit { yaml_sequence_start_event_initialize($0, nil, nil, 1, style) }
    }

    /// Ends the innermost sequence.
    public func endSequence() throws {
        try emit { yaml_sequence_end_event_initialize($0) }
    }

    /// Writes a scalar in the requested style. libyaml overrides the style when the value
    /// cannot be written that way (a plain `a: b`, a literal block inside a flow
    /// collection), so the text always reads back unchanged; its *type* is the caller's
    /// business here; ``string(_:)`` takes care of both.
    public func scalar(_ value: String, style: YAMLScalarStyle) throws {
        guard value.utf8.count <= Int32.max else {
            try record(YAMLError(message: "scalar of \(value.utf8.count) bytes is too long to emit"))
        }
        var value = value
        let style = yaml_scalar_style_t(style)
        try value.withUTF8 { text in
            // libyaml insists on a non-null pointer even for an empty value.
            var empty: UInt8 = 0
            try withUnsafePointer(to: &empty) { emptyPointer in
                let start = text.baseAddress ?? emptyPointer
                try emit {
                    yaml_scalar_event_initialize($0, nil, nil, start, Int32(text.count), 1, 1, style)
                }
            }
        }
    }

    /// Picks a style so that the value reads back as this exact *string*: plain when safe,
    /// quoted when the plain form would look like a number, bool, null, or is
    /// empty/has leading-trailing spaces/special chars; literal block (`|`) for multi-line
    /// text.
    ///
    /// Multi-line text that a literal block cannot carry exactly (trailing spaces on a
    /// line, a leading space or line break, tabs, carriage returns) is double-quoted with
    /// escapes instead: exactness matters more than looks for report text.
    public func string(_ value: String) throws {
        try scalar(value, style: StringScalarStyle.style(for: value))
    }

    /// Emits an unquoted plain scalar (numbers, booleans, null) exactly as given.
    ///
    /// The caller vouches that the text is a valid plain scalar; if it is not (say
    /// `a: b`), libyaml quotes it rather than write broken YAML.
    public func plain(_ value: String) throws {
        try scalar(value, style: .plain)
    }

    /// Initializes the shared event and hands it to libyaml, which takes ownership of
    /// whatever the event allocated, on success and on failure alike.
    private func emit(_ initialize: (UnsafeMutablePointer<yaml_event_t>) -> Int32) throws {
        if let failure { throw failure }
        guard initialize(event) != 0 else { try record(YAMLError(message: "out of memory")) }
        guard yaml_emitter_emit(emitter, event) != 0 else { throw fail() }
    }

    /// The error behind libyaml's failure: the sink's own error when the write failed.
    private func fail() -> any Error {
        let error: any Error =
            output.sinkError
            ?? YAMLError(message: emitter.pointee.problem.map { String(cString: $0) } ?? "cannot emit YAML")
        failure = error
        return error
    }

    private func record(_ error: YAMLError) throws -> Never {
        failure = error
        throw error
    }
}

@available(*, unavailable, message: "an emitter owns a libyaml emitter; use it from one task")
extension YAMLEmitter: Sendable {}
