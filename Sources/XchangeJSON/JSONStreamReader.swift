import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// What a fast decoder made of the bytes at a ``JSONStreamReader``'s position: it is given the
/// buffer and the range read so far, the item starting at the range's start.
public enum JSONFastOutcome<Item> {
    /// The item, which ends just before `end`; `lineBreaks` line breaks lay inside it, the last
    /// at `lastLineBreak`.
    case item(Item, end: Int, lineBreaks: Int, lastLineBreak: Int)
    /// The item goes on beyond the bytes read so far.
    case needMoreInput
    /// Not an item this decoder takes (or not valid JSON): the reader parses it in full.
    case declined
}

/// Where a piece of a larger input stands in it, so that the input can be read in pieces, each
/// by a reader of its own (on several threads), with the positions and layout of the whole.
///
/// A piece starts at the start of a line, and between two items: the input's start, or (in
/// a top-level array) just after a comma.
public struct JSONStreamPiece: Hashable, Sendable {
    /// The line of the piece's first byte in the whole input.
    public var firstLine: Int
    /// The layout of the whole input, known once its first piece was looked at; nil for the
    /// first piece itself, whose reader detects it.
    public var layout: JSONStreamReader.Layout?
    /// Whether the input ends with this piece. A piece that others follow ends between two
    /// items: after an item of JSON Lines, or after the comma that follows an array element.
    public var isLast: Bool

    /// A piece at `firstLine`, in an input laid out as `layout` (nil for the first piece).
    public init(firstLine: Int, layout: JSONStreamReader.Layout?, isLast: Bool) {
        self.firstLine = firstLine
        self.layout = layout
        self.isLast = isLast
    }

    /// The whole input as one piece.
    public static let whole = JSONStreamPiece(firstLine: 1, layout: nil, isLast: true)
}

/// Decodes one item straight from a stream reader's buffer; see ``JSONStreamReader/next(fast:)``.
public typealias JSONFastDecoder<Item> = (UnsafePointer<UInt8>, Range<Int>) -> JSONFastOutcome<Item>

/// An item of a JSON stream: decoded by the caller's fast decoder, or parsed into a value.
public enum JSONStreamItem<Fast> {
    case decoded(Fast)
    case parsed(JSONValue)
}

/// Reads top-level JSON items one at a time, without holding the whole input.
///
/// Three layouts are recognised from the input itself:
/// - `.single`: one top-level value (usually an object) → it is the only item;
/// - `.array`: a top-level array → each element is an item, and the array itself is never
///   built, so a file of a million reports needs memory for one report at a time;
/// - `.lines`: JSON Lines or concatenated values → each value is an item. Values must be
///   separated by whitespace (normally a line break); blank lines are fine.
///
/// Input that starts with `[` is always read as `.array`. Whether a first value other than an
/// array is `.single` or `.lines` is known once it has been read, so `layout` can be asked
/// after the first `next()`. Input with no value at all fails with "empty input": a report
/// file with nothing in it is a mistake, not an empty batch.
///
/// Reading from a `FileHandle` keeps only the unread part of the current chunk plus the item
/// being parsed; an item larger than a chunk grows the buffer to fit it and no more. Error
/// positions are absolute in the whole input, however it was chunked. Malformed input that
/// never closes an item (an unbalanced bracket) is read to its end before being reported.
/// The grammar, BOM handling and depth limit are those of `parseJSON(_:maxDepth:)`; elements
/// of a top-level array count that array as one level.
///
/// After an error, `next()` keeps throwing the same error.
public final class JSONStreamReader {
    /// How the input arranges its items.
    public enum Layout: Hashable, Sendable {
        case single, array, lines
    }

    /// The layout of the input; `nil` until the first item (or the end) has been read.
    public private(set) var layout: Layout?
    /// Where the item last returned by `next()` starts.
    public private(set) var lastItemPosition: JSONPosition?

    private enum Phase {
        case begin
        case detectLayout(Any)
        case arrayElement(afterComma: Bool)
        case arrayAfterElement
        case arrayEnd
        case lines
        case done
        case failed(JSONError)
    }

    private enum Step<Fast> {
        case item(JSONStreamItem<Fast>)
        case progressed
        case needMoreInput
        case finished
    }

    /// Fills a buffer with the next bytes of the input and returns how many (0 at the end).
    public typealias ReadFunction = (UnsafeMutableRawBufferPointer) throws(JSONError) -> Int

    private let source: ReadFunction?
    private let piece: JSONStreamPiece
    /// At the start of a piece that continues JSON Lines: its first item needs no separator.
    private var atPieceStart = false
    private let chunkSize: Int
    private let maxDepth: Int
    private let scratch = JSONScratch()
    private var phase = Phase.begin

    private var storage: UnsafeMutablePointer<UInt8>
    /// The bytes `storage` points into when they were handed over whole (never written to);
    /// nil when `storage` is the reader's own.
    private let keptBytes: [UInt8]?
    private var capacity: Int
    private var count = 0
    private var atEndOfInput: Bool
    private var checkedByteOrderMark = false
    /// The first unconsumed byte, and its line in the whole input.
    private var start = 0
    private var line = 1
    /// A byte on `line` at or before `start` whose column is known: columns are counted from
    /// it only when a position is asked for, not after every item.
    private var anchor = 0
    private var anchorColumn = 1
    /// Where the item last returned starts in the buffer, to parse it again; its bytes are kept
    /// until the next item has been read.
    private var lastItemStart: Int?
    private var lastItemDepth = 0

    /// Reads items from bytes already in memory: the whole input, or the `piece` of it they are.
    public init(bytes: [UInt8], piece: JSONStreamPiece = .whole, maxDepth: Int = jsonDefaultMaxDepth) {
        source = nil
        self.piece = piece
        chunkSize = bytes.count
        self.maxDepth = maxDepth
        capacity = max(bytes.count, 1)
        // Read in place: nothing is read into the buffer after this, so nothing is written to
        // it, and the array, kept here unchanged, keeps its storage where it is. (Copying each
        // piece of a large input cost about 3% of converting it.)
        if let address = bytes.withUnsafeBufferPointer({ $0.baseAddress }), !bytes.isEmpty {
            storage = UnsafeMutablePointer(mutating: address)
            keptBytes = bytes
        } else {
            storage = .allocate(capacity: capacity)
            keptBytes = nil
        }
        count = bytes.count
        atEndOfInput = true
        startPiece()
    }

    /// Reads items from a file, `chunkSize` bytes at a time. The handle is read from its
    /// current offset and is not closed.
    public convenience init(fileHandle: FileHandle, chunkSize: Int = 1 << 20, maxDepth: Int = jsonDefaultMaxDepth) {
        let descriptor = fileHandle.fileDescriptor
        self.init(chunkSize: chunkSize, maxDepth: maxDepth) { (buffer) throws(JSONError) -> Int in
            // read(2) straight into the buffer: FileHandle would read in 4 KB pieces and copy via Data.
            // One call: a pipe hands over what it has, so streamed input is parsed as it arrives.
            var filled = systemRead(descriptor, buffer.baseAddress!, buffer.count)
            while filled < 0 && errno == EINTR { filled = systemRead(descriptor, buffer.baseAddress!, buffer.count) }
            if filled < 0 { throw JSONError("cannot read the input: \(String(cString: strerror(errno)))") }
            _ = fileHandle  // kept open while it is read
            return filled
        }
    }

    /// Reads items from whatever `read` hands out, `chunkSize` bytes at a time at most: the
    /// whole input, or what is left of it from the start of `piece` on.
    public init(
        chunkSize: Int = 1 << 20, maxDepth: Int = jsonDefaultMaxDepth, piece: JSONStreamPiece = .whole,
        read: @escaping ReadFunction
    ) {
        source = read
        self.piece = piece
        self.chunkSize = max(chunkSize, 1)
        self.maxDepth = maxDepth
        capacity = self.chunkSize
        storage = .allocate(capacity: capacity)
        keptBytes = nil
        atEndOfInput = false
        startPiece()
    }

    /// Sets the reader where its piece starts: the line, and the grammar's state for a piece
    /// that continues an input whose layout is known.
    private func startPiece() {
        line = piece.firstLine
        guard let known = piece.layout else { return }
        layout = known
        checkedByteOrderMark = true
        switch known {
        case .lines:
            phase = .lines
            atPieceStart = true
        case .array:
            phase = .arrayElement(afterComma: true)
        case .single:
            phase = .done
        }
    }

    deinit {
        if keptBytes == nil { storage.deallocate() }
    }

    /// How many bytes the input buffer holds, to check that memory stays flat.
    var bufferCapacity: Int { capacity }

    /// The next item, or `nil` after the last one.
    public func next() throws(JSONError) -> JSONValue? {
        let item: JSONStreamItem<Never>? = try next(fast: nil)
        switch item {
        case .parsed(let value)?: return value
        case nil: return nil
        }
    }

    /// The next item, decoded by `fast` when it can: `fast` gets the buffer and the range of
    /// bytes read so far, the item starting at the range's start (whitespace skipped), and
    /// either decodes it or declines. A declined item is parsed in full, so its errors carry
    /// positions exactly as ``next()``'s do. `nil` after the last item.
    public func next<Fast>(fast: JSONFastDecoder<Fast>?) throws(JSONError) -> JSONStreamItem<Fast>? {
        do throws(JSONError) {
            while true {
                switch try step(fast) {
                case .item(let value): return value
                case .finished: return nil
                case .progressed: continue
                case .needMoreInput: try readMore()
                }
            }
        } catch {
            phase = .failed(error)
            throw error
        }
    }

    // MARK: Steps

    /// Does one step of the layout's grammar over the bytes read so far. A step that runs out
    /// of bytes commits nothing and asks for more input; it is then simply repeated.
    private func step<Fast>(_ fast: JSONFastDecoder<Fast>?) throws(JSONError) -> Step<Fast> {
        var parser = makeParser()
        let more = !atEndOfInput
        switch phase {
        case .begin:
            if !checkedByteOrderMark {
                if count - start < 3 && more { return .needMoreInput }
                parser.skipByteOrderMark()
                commit(&parser)
                checkedByteOrderMark = true
            }
            parser.skipWhitespace()
            guard parser.i < parser.end else {
                if more { return .needMoreInput }
                throw JSONError("empty input")
            }
            if storage[parser.i] == ASCII.openBracket {
                layout = .array
                parser.i += 1
                commit(&parser)
                phase = .arrayElement(afterComma: false)
                return .progressed
            }
            guard let value = try parseItem(&parser, fast) else { return .needMoreInput }
            phase = .detectLayout(value)
            return .progressed

        case .detectLayout(let first):
            // The first item waits here, typed as the caller's, while the layout is decided.
            let value = first as! JSONStreamItem<Fast>
            // Peek only: the whitespace stays unconsumed so `.lines` can check it separates values.
            parser.skipWhitespace()
            if parser.i == parser.end {
                if more { return .needMoreInput }
                // More pieces follow: their items make this JSON Lines.
                layout = piece.isLast ? .single : .lines
                phase = piece.isLast ? .done : .lines
            } else {
                layout = .lines
                phase = .lines
            }
            return .item(value)

        case .lines:
            parser.skipWhitespace()
            if parser.i == parser.end {
                if more { return .needMoreInput }
                phase = .done
                return .finished
            }
            if parser.i == start && !atPieceStart {
                throw parser.error(
                    "unexpected \(parser.describe(at: parser.i)) after the JSON value (values in a stream are separated by line breaks)",
                    at: parser.i
                )
            }
            guard let value = try parseItem(&parser, fast) else { return .needMoreInput }
            atPieceStart = false
            return .item(value)

        case .arrayElement(let afterComma):
            parser.skipWhitespace()
            if parser.i == parser.end && more { return .needMoreInput }
            if parser.i == parser.end && afterComma && !piece.isLast {
                // The piece ends after a comma: the next element starts the next piece.
                commit(&parser)
                phase = .done
                return .finished
            }
            if parser.i < parser.end && storage[parser.i] == ASCII.closeBracket {
                if afterComma {
                    throw parser.error(
                        "expected a value after ',', found ']' (trailing commas are not allowed)", at: parser.i)
                }
                parser.i += 1
                commit(&parser)
                phase = .arrayEnd
                return .progressed
            }
            if parser.i == parser.end {
                throw parser.unexpected("expected a value or ']'", at: parser.i, unclosed: "the top-level array")
            }
            parser.baseDepth = 1
            guard let value = try parseItem(&parser, fast) else { return .needMoreInput }
            phase = .arrayAfterElement
            return .item(value)

        case .arrayAfterElement:
            parser.skipWhitespace()
            guard parser.i < parser.end else {
                if more { return .needMoreInput }
                throw parser.unexpected(
                    "expected ',' or ']' after array element", at: parser.i, unclosed: "the top-level array")
            }
            switch storage[parser.i] {
            case ASCII.comma: phase = .arrayElement(afterComma: true)
            case ASCII.closeBracket: phase = .arrayEnd
            default: throw parser.unexpected("expected ',' or ']' after array element", at: parser.i)
            }
            parser.i += 1
            commit(&parser)
            return .progressed

        case .arrayEnd:
            parser.skipWhitespace()
            guard parser.i == parser.end else {
                throw parser.error(
                    "unexpected \(parser.describe(at: parser.i)) after the top-level array", at: parser.i)
            }
            if more { return .needMoreInput }
            phase = .done
            return .finished

        case .done:
            return .finished

        case .failed(let error):
            throw error
        }
    }

    /// Parses the item at the parser's position, or returns `nil` if its end may lie beyond
    /// the bytes read so far.
    private func parseItem<Fast>(
        _ parser: inout JSONParser, _ fast: JSONFastDecoder<Fast>?
    ) throws(JSONError) -> JSONStreamItem<Fast>? {
        let position = parser.position(at: parser.i)
        let itemStart = parser.i
        if let fast {
            switch fast(UnsafePointer(storage), itemStart..<parser.end) {
            case .item(let item, let end, let lineBreaks, let lastLineBreak):
                // A number ending exactly at the end of the buffer may continue in the next chunk.
                if end == parser.end && !atEndOfInput { return nil }
                parser.i = end
                if lineBreaks > 0 { parser.crossedLines(lineBreaks, lastLineBreak: lastLineBreak) }
                commit(&parser)
                remember(itemStart, at: position, depth: parser.baseDepth)
                return .decoded(item)
            case .needMoreInput:
                if !atEndOfInput { return nil }
            case .declined:
                break
            }
        }
        let value: JSONValue
        do throws(JSONError) {
            value = try parser.parseValue()
        } catch {
            if parser.hitEnd && !atEndOfInput { return nil }
            throw error
        }
        // A number ending exactly at the end of the buffer may continue in the next chunk.
        if parser.i == parser.end && !atEndOfInput { return nil }
        commit(&parser)
        remember(itemStart, at: position, depth: parser.baseDepth)
        return .parsed(value)
    }

    private func remember(_ itemStart: Int, at position: JSONPosition, depth: Int) {
        lastItemPosition = position
        lastItemStart = itemStart
        lastItemDepth = depth
    }

    /// Parses the item last returned again, in full and with positions (for a caller that
    /// decoded it fast and now wants to know where its values stand). Valid until the next
    /// call to `next`.
    public func reparseLastItem() throws(JSONError) -> JSONValue? {
        guard let lastItemStart, let position = lastItemPosition else { return nil }
        var parser = JSONParser(
            base: storage, start: lastItemStart, end: count, line: position.line,
            anchor: lastItemStart, anchorColumn: position.column, maxDepth: maxDepth, scratch: JSONScratch())
        parser.baseDepth = lastItemDepth
        return try parser.parseValue()
    }

    /// Calls `body` with the bytes of the item last returned (from its first byte to the end
    /// of what is read so far; the item ends within them) and the position of its first byte,
    /// for a caller that wants to look at it again. Nil before the first item. Valid until
    /// the next call to `next`.
    public func withLastItem<Result>(
        _ body: (_ base: UnsafePointer<UInt8>, _ bytes: Range<Int>, _ position: JSONPosition) throws -> Result
    ) rethrows -> Result? {
        guard let lastItemStart, let position = lastItemPosition else { return nil }
        return try body(storage, lastItemStart..<count, position)
    }

    private func makeParser() -> JSONParser {
        JSONParser(
            base: storage, start: start, end: count, line: line, anchor: anchor, anchorColumn: anchorColumn,
            maxDepth: maxDepth, scratch: scratch)
    }

    /// Moves the reader to the parser's position. The column is not counted here: the
    /// parser's last known column becomes the anchor to count from when one is needed.
    private func commit(_ parser: inout JSONParser) {
        line = parser.line
        anchor = parser.cacheIndex
        anchorColumn = parser.cacheColumn
        start = parser.i
    }

    // MARK: Input

    /// Drops consumed bytes and appends the next chunk. When the pending item is already larger
    /// than a chunk, reads as much again, so re-parsing a large item stays linear overall.
    private func readMore() throws(JSONError) {
        guard let source else {
            atEndOfInput = true
            return
        }
        // Consumed bytes go, except those of the item last returned (see `reparseLastItem`).
        let keep = min(start, lastItemStart ?? start)
        if keep > 0 {
            // The anchor is about to be dropped: count the column at `start` while its bytes are here.
            if anchor < start {
                var parser = makeParser()
                anchorColumn = parser.column(at: start)
                anchor = start
            }
            UnsafeMutableRawPointer(storage).copyMemory(from: storage + keep, byteCount: count - keep)
            count -= keep
            anchor -= keep
            start -= keep
            lastItemStart = lastItemStart.map { $0 - keep }
        }
        let wanted = max(chunkSize, count)
        if count + wanted > capacity {
            let newCapacity = max(capacity * 2, count + wanted)
            let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newStorage.initialize(from: storage, count: count)
            storage.deallocate()
            storage = newStorage
            capacity = newCapacity
        }
        let filled = try source(UnsafeMutableRawBufferPointer(start: storage + count, count: wanted))
        guard filled > 0 else {
            atEndOfInput = true
            return
        }
        count += filled
    }
}
