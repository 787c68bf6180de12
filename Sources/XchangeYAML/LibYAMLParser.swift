import CYAML

/// Owns one libyaml parser and hands out its events one at a time.
///
/// The parser struct and the event live on the heap for the lifetime of this object:
/// libyaml keeps pointers into its own struct, so it must never move, and reusing a single
/// event avoids an allocation per event.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let input: ParserInput
    /// Where the input begins in a larger one (``YAMLDocumentReader/Start``).
    private let start: YAMLDocumentReader.Start

    init(input: ParserInput, start: YAMLDocumentReader.Start = .beginning) {
        self.input = input
        self.start = start
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        // Fails only when malloc does; there is nothing sensible to do then but stop.
        guard yaml_parser_initialize(parser) != 0 else { fatalError("libyaml: out of memory") }
        yaml_parser_set_input(parser, ParserInput.handler, Unmanaged.passUnretained(input).toOpaque())
        // libyaml only ever adds to its line and byte counters, so starting them at the piece's
        // place makes every mark and offset it reports count from the start of the whole input.
        parser.pointee.mark.line = start.line - 1
        parser.pointee.offset = start.byteOffset
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// Parses the next event and passes it to `body`. The event is deleted afterwards
    /// whether `body` returns or throws, so nothing it points to may escape `body`.
    func withNextEvent<Result>(
        _ body: (UnsafePointer<yaml_event_t>) throws(YAMLError) -> Result
    ) throws(YAMLError) -> Result {
        guard yaml_parser_parse(parser, event) != 0 else { throw currentError() }
        defer { yaml_event_delete(event) }
        return try body(event)
    }

    /// Translates libyaml's error fields into a ``YAMLError`` with 1-based marks.
    private func currentError() -> YAMLError {
        let state = parser.pointee
        switch state.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(message: "out of memory")
        case YAML_READER_ERROR:
            return readerError(state)
        default:
            var message = state.problem.map { String(cString: $0) } ?? "invalid YAML"
            var contextMark: YAMLMark?
            if let context = state.context {
                let mark = YAMLMark(state.context_mark)
                message += " (\(String(cString: context)) at \(mark))"
                contextMark = mark
            }
            return YAMLError(message: message, mark: YAMLMark(state.problem_mark), contextMark: contextMark)
        }
    }

    /// Reader errors (bad encoding, control characters, I/O) carry a byte offset instead
    /// of a mark; the offset is turned into a line and column.
    private func readerError(_ state: yaml_parser_t) -> YAMLError {
        if let failure = input.readFailure {
            return YAMLError(message: "cannot read input: \(failure)")
        }
        let problem = state.problem.map { String(cString: $0) } ?? "cannot decode input"
        let offset = state.problem_offset
        var message = "\(problem) at byte offset \(offset)"
        if state.problem_value != -1 {
            message += " (byte value 0x\(String(state.problem_value, radix: 16, uppercase: true)))"
        }
        let mark =
            input.bytes.map { bytes in
                var mark = YAMLMark(byteOffset: offset - start.byteOffset, in: bytes)
                mark.line += start.line - 1
                return mark
            } ?? Self.markWhereDecodingStopped(state)
        return YAMLError(message: message, mark: mark)
    }

    /// Where libyaml's reader stopped, for input read as the parser advances: the scanner's
    /// mark advanced over the characters decoded ahead of it. The reader fails at the first
    /// character it cannot decode, just after the last one it placed in the buffer, so nothing
    /// read earlier needs to be kept or counted to place the error.
    private static func markWhereDecodingStopped(_ state: yaml_parser_t) -> YAMLMark {
        let mark = YAMLMark(state.mark)
        guard let pointer = state.buffer.pointer, let last = state.buffer.last, last > pointer else { return mark }
        return mark.advanced(over: UnsafeBufferPointer(start: pointer, count: last - pointer))
    }
}

extension YAMLMark {
    /// Converts a libyaml mark (0-based) to the 1-based convention.
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// The position of a byte offset, counting columns in characters as libyaml does.
    init(byteOffset: Int, in bytes: [UInt8]) {
        self = YAMLMark(line: 1, column: 1).advanced(over: bytes.prefix(byteOffset))
    }

    /// The mark after reading `bytes` from this one.
    func advanced(over bytes: some Sequence<UInt8>) -> YAMLMark {
        var mark = self
        for byte in bytes {
            if byte == 0x0A {
                mark.line += 1
                mark.column = 1
            } else if byte & 0xC0 != 0x80 {
                // A byte that starts a character (not a UTF-8 continuation byte).
                mark.column += 1
            }
        }
        return mark
    }
}
