/// The deepest nesting of arrays and objects accepted by default. Real reports nest a handful
/// of levels; the limit turns hostile input (100,000 open brackets) into a clean error.
public let jsonDefaultMaxDepth = 512

/// Parses exactly one JSON value, with optional whitespace around it.
///
/// The input must be UTF-8 (RFC 8259). A UTF-8 byte order mark at the very start is skipped,
/// because editors on Windows add one; anywhere else it is an error. Everything else that
/// RFC 8259 forbids is rejected with a positioned `JSONError`: comments, trailing commas,
/// leading zeros, `NaN`/`Infinity`, single quotes, unescaped control characters, invalid
/// UTF-8, and `\u` escapes that leave a surrogate unpaired (a Swift `String` cannot hold one).
/// Whitespace-only input fails with "empty input".
public func parseJSON(_ bytes: [UInt8], maxDepth: Int = jsonDefaultMaxDepth) throws(JSONError) -> JSONValue {
    try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) -> JSONValue in
        try parseJSON(buffer, maxDepth: maxDepth)
    }
}

/// Parses exactly one JSON value from UTF-8 text; see `parseJSON(_:maxDepth:)` for `[UInt8]`.
public func parseJSON(_ text: String, maxDepth: Int = jsonDefaultMaxDepth) throws(JSONError) -> JSONValue {
    var text = text
    // withUTF8 only rethrows untyped errors, so the outcome travels out as a Result.
    let result = text.withUTF8 { buffer in
        Result { () throws(JSONError) -> JSONValue in try parseJSON(buffer, maxDepth: maxDepth) }
    }
    return try result.get()
}

/// Parses exactly one JSON value from bytes the caller already holds in memory;
/// see `parseJSON(_:maxDepth:)` for `[UInt8]`.
public func parseJSON(
    _ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = jsonDefaultMaxDepth
) throws(JSONError) -> JSONValue {
    guard let base = buffer.baseAddress, buffer.count > 0 else { throw JSONError("empty input") }
    var parser = JSONParser(
        base: base, start: 0, end: buffer.count, line: 1, column: 1,
        maxDepth: maxDepth, scratch: JSONScratch()
    )
    parser.skipByteOrderMark()
    parser.skipWhitespace()
    guard parser.i < parser.end else { throw JSONError("empty input") }
    let value = try parser.parseValue()
    parser.skipWhitespace()
    guard parser.i == parser.end else {
        throw parser.error("unexpected \(parser.describe(at: parser.i)) after the JSON value", at: parser.i)
    }
    return value
}

/// Byte values of the JSON grammar.
enum ASCII {
    static let tab = UInt8(ascii: "\t"), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+"), dot = UInt8(ascii: "."), zero = UInt8(ascii: "0")
    static let one = UInt8(ascii: "1"), nine = UInt8(ascii: "9"), lowerE = UInt8(ascii: "e")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let slash = UInt8(ascii: "/")
}

/// A recursive-descent JSON parser over raw bytes, written as a loop with an explicit stack
/// so that nesting depth costs heap, not call stack.
///
/// It also serves the stream reader, which parses one item at a time out of a window of the
/// input: `start`, `line` and `column` say where the window begins in the whole input, and
/// `hitEnd` tells the reader that an error came from running out of bytes, i.e. that the
/// window should be extended rather than the error reported.
struct JSONParser {
    let base: UnsafePointer<UInt8>
    let end: Int
    /// The next byte to read.
    var i: Int
    var line: Int
    /// Index of the first byte of the current line, or of the window when the line began before it.
    var lineStart: Int
    var lineStartColumn: Int
    /// The last computed column, so computing the next one only counts the bytes in between
    /// (a minified file is one long line).
    var cacheIndex: Int
    var cacheColumn: Int
    /// Containers already open around the value being parsed (the stream reader's top-level array).
    var baseDepth = 0
    let maxDepth: Int
    var hitEnd = false
    let scratch: JSONScratch

    init(base: UnsafePointer<UInt8>, start: Int, end: Int, line: Int, column: Int, maxDepth: Int, scratch: JSONScratch)
    {
        self.init(
            base: base, start: start, end: end, line: line, anchor: start, anchorColumn: column, maxDepth: maxDepth,
            scratch: scratch)
    }

    /// A parser whose window starts at `start` on `line`, where byte `anchor` (at or before
    /// `start`, on the same line) is in column `anchorColumn`.
    init(
        base: UnsafePointer<UInt8>, start: Int, end: Int, line: Int, anchor: Int, anchorColumn: Int, maxDepth: Int,
        scratch: JSONScratch
    ) {
        self.base = base
        self.end = end
        self.i = start
        self.line = line
        self.lineStart = anchor
        self.lineStartColumn = anchorColumn
        self.cacheIndex = anchor
        self.cacheColumn = anchorColumn
        self.maxDepth = maxDepth
        self.scratch = scratch
    }

    /// Moves the line count past `count` line breaks skipped by someone else, the last at `lastLineBreak`.
    mutating func crossedLines(_ count: Int, lastLineBreak: Int) {
        line &+= count
        lineStart = lastLineBreak + 1
        lineStartColumn = 1
        cacheIndex = lineStart
        cacheColumn = 1
    }

    // MARK: Positions

    mutating func skipByteOrderMark() {
        if end - i >= 3, base[i] == 0xEF, base[i + 1] == 0xBB, base[i + 2] == 0xBF {
            i += 3
            lineStart = i
            cacheIndex = i
        }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < end {
            let b = base[i]
            if b > ASCII.space { return }
            if b == ASCII.space || b == ASCII.tab || b == ASCII.carriageReturn {
                i &+= 1
            } else if b == ASCII.lineFeed {
                i &+= 1
                line &+= 1
                lineStart = i
                lineStartColumn = 1
                cacheIndex = i
                cacheColumn = 1
                i = Indentation.end(of: base, from: i, before: end)
            } else {
                return
            }
        }
    }

    /// The column of byte `p`, which must lie on the current line.
    mutating func column(at p: Int) -> Int {
        var k: Int
        var c: Int
        if p >= cacheIndex {
            k = cacheIndex
            c = cacheColumn
        } else if p >= lineStart {
            k = lineStart
            c = lineStartColumn
        } else {
            return lineStartColumn
        }
        while k < p {
            // Only lead bytes start a scalar.
            if base[k] & 0xC0 != 0x80 { c &+= 1 }
            k &+= 1
        }
        cacheIndex = p
        cacheColumn = c
        return c
    }

    @inline(__always)
    mutating func position(at p: Int) -> JSONPosition {
        JSONPosition(line: line, column: column(at: p))
    }

    // MARK: Errors

    mutating func error(_ message: String, at p: Int) -> JSONError {
        JSONError(message, at: position(at: min(p, end)))
    }

    /// "expected X, found Y", or "unexpected end of input: expected X" with `hitEnd` set.
    mutating func unexpected(_ expectation: String, at p: Int, unclosed: String? = nil) -> JSONError {
        if p >= end {
            hitEnd = true
            let context = unclosed.map { " (\($0) is not closed)" } ?? ""
            return error("unexpected end of input: \(expectation)\(context)", at: end)
        }
        return error("\(expectation), found \(describe(at: p))\(hint(at: p))", at: p)
    }

    /// Names the byte at `p` the way the reader sees it.
    func describe(at p: Int) -> String {
        guard p < end else { return "end of input" }
        let b = base[p]
        switch b {
        case ASCII.space: return "a space"
        case ASCII.tab: return "a tab"
        case ASCII.lineFeed: return "a line break"
        case ASCII.carriageReturn: return "a carriage return"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(b)))'"
        case 0..<0x20, 0x7F: return "control character \(hexScalar(UInt32(b)))"
        default:
            if let scalar = decodeScalar(at: p) { return "'\(Character(scalar))'" }
            return "invalid UTF-8 byte \(hexByte(b))"
        }
    }

    /// Explains the common ways people write almost-JSON.
    private func hint(at p: Int) -> String {
        switch base[p] {
        case ASCII.slash: return " (comments are not allowed in JSON)"
        case UInt8(ascii: "'"): return " (strings must be in double quotes)"
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            return hasPrefix("NaN", at: p) || hasPrefix("Infinity", at: p)
                ? " (NaN and Infinity are not JSON numbers)" : ""
        default: return ""
        }
    }

    private func hasPrefix(_ word: StaticString, at p: Int) -> Bool {
        let n = word.utf8CodeUnitCount
        guard end - p >= n else { return false }
        for k in 0..<n where base[p + k] != word.utf8Start[k] { return false }
        return true
    }

    private func decodeScalar(at p: Int) -> Unicode.Scalar? {
        let b = base[p]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        guard end - p >= length else { return nil }
        var iterator = UnsafeBufferPointer(start: base + p, count: length).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    // MARK: Values

    /// Where a container waits for its next member or element while a nested value is parsed.
    private struct Frame {
        var isObject: Bool
        var mark: Int
        var openLine: Int
        var key = ""
        var keyPosition = JSONPosition(line: 0, column: 0)
        var valuePosition = JSONPosition(line: 0, column: 0)

        var name: String { "the \(isObject ? "object" : "array") opened on line \(openLine)" }
    }

    /// Parses one value starting at `i` (whitespace already skipped) and leaves `i` just after it.
    mutating func parseValue() throws(JSONError) -> JSONValue {
        scratch.reset()
        var parents: [Frame] = []
        var current = Frame(isObject: false, mark: 0, openLine: 0)
        var level = 0
        var value: JSONValue

        nextValue: while true {
            guard i < end else {
                throw unexpected("expected a value", at: i, unclosed: level > 0 ? current.name : nil)
            }
            let b = base[i]
            switch b {
            case ASCII.quote:
                value = .string(try parseString())
            case ASCII.minus, ASCII.zero...ASCII.nine:
                value = .number(try parseNumber())
            case ASCII.openBrace, ASCII.openBracket:
                if baseDepth + level >= maxDepth {
                    throw error("nesting deeper than \(maxDepth) levels of arrays and objects", at: i)
                }
                let isObject = b == ASCII.openBrace
                let openLine = line
                i &+= 1
                skipWhitespace()
                if i < end && base[i] == (isObject ? ASCII.closeBrace : ASCII.closeBracket) {
                    i &+= 1
                    value = isObject ? .object([]) : .array([])
                } else {
                    if level > 0 { parents.append(current) }
                    level &+= 1
                    current = Frame(
                        isObject: isObject,
                        mark: isObject ? scratch.members.count : scratch.values.count,
                        openLine: openLine
                    )
                    if isObject { try readKey(into: &current, afterComma: false) }
                    continue nextValue
                }
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                value = .null
            default:
                throw unexpected("expected a value", at: i)
            }

            // A value is complete: hand it to the enclosing containers, closing those that end here.
            while level > 0 {
                skipWhitespace()
                if current.isObject {
                    scratch.members.push(
                        JSONMember(
                            key: current.key, value: value,
                            position: current.keyPosition, valuePosition: current.valuePosition
                        ))
                    guard i < end else {
                        throw unexpected("expected ',' or '}' after object member", at: i, unclosed: current.name)
                    }
                    let c = base[i]
                    if c == ASCII.comma {
                        i &+= 1
                        skipWhitespace()
                        try readKey(into: &current, afterComma: true)
                        continue nextValue
                    }
                    guard c == ASCII.closeBrace else {
                        throw unexpected("expected ',' or '}' after object member", at: i)
                    }
                    i &+= 1
                    value = .object(scratch.members.popArray(from: current.mark))
                } else {
                    scratch.values.push(value)
                    guard i < end else {
                        throw unexpected("expected ',' or ']' after array element", at: i, unclosed: current.name)
                    }
                    let c = base[i]
                    if c == ASCII.comma {
                        i &+= 1
                        skipWhitespace()
                        if i < end && base[i] == ASCII.closeBracket {
                            throw error(
                                "expected a value after ',', found ']' (trailing commas are not allowed)", at: i)
                        }
                        continue nextValue
                    }
                    guard c == ASCII.closeBracket else {
                        throw unexpected("expected ',' or ']' after array element", at: i)
                    }
                    i &+= 1
                    value = .array(scratch.values.popArray(from: current.mark))
                }
                level &-= 1
                if level > 0 { current = parents.removeLast() }
            }
            return value
        }
    }

    /// Reads `"key":` and leaves `i` at the start of the member's value.
    private mutating func readKey(into frame: inout Frame, afterComma: Bool) throws(JSONError) {
        guard i < end, base[i] == ASCII.quote else {
            if afterComma && i < end && base[i] == ASCII.closeBrace {
                throw error("expected a string key after ',', found '}' (trailing commas are not allowed)", at: i)
            }
            throw unexpected(
                afterComma ? "expected a string key after ','" : "expected a string key or '}'", at: i,
                unclosed: frame.name)
        }
        frame.keyPosition = position(at: i)
        frame.key = try parseString()
        skipWhitespace()
        guard i < end, base[i] == ASCII.colon else {
            throw unexpected("expected ':' after object key", at: i, unclosed: frame.name)
        }
        i &+= 1
        skipWhitespace()
        frame.valuePosition = position(at: i)
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        let letters = word.utf8Start
        for k in 0..<n {
            guard i + k < end else { throw unexpected("incomplete literal, expected '\(word)'", at: end) }
            guard base[i + k] == letters[k] else {
                throw error("invalid literal, expected '\(word)'", at: i)
            }
        }
        i &+= n
    }

    // MARK: Numbers

    @inline(__always)
    private func isDigit(at p: Int) -> Bool {
        p < end && base[p] &- ASCII.zero < 10
    }

    /// Checks the RFC 8259 number grammar and returns the literal text unchanged.
    private mutating func parseNumber() throws(JSONError) -> String {
        let start = i
        if base[i] == ASCII.minus { i &+= 1 }
        guard i < end else { throw unexpected("invalid number, expected a digit after '-'", at: i) }
        let first = base[i]
        if first == ASCII.zero {
            i &+= 1
            if isDigit(at: i) { throw error("invalid number: leading zeros are not allowed", at: start) }
        } else if first >= ASCII.one && first <= ASCII.nine {
            i &+= 1
            while isDigit(at: i) { i &+= 1 }
        } else {
            throw unexpected("invalid number, expected a digit after '-'", at: i)
        }
        if i < end && base[i] == ASCII.dot {
            i &+= 1
            guard isDigit(at: i) else { throw unexpected("invalid number, expected a digit after '.'", at: i) }
            while isDigit(at: i) { i &+= 1 }
        }
        if i < end && base[i] | 0x20 == ASCII.lowerE {
            i &+= 1
            if i < end && (base[i] == ASCII.plus || base[i] == ASCII.minus) { i &+= 1 }
            guard isDigit(at: i) else { throw unexpected("invalid number, expected a digit in the exponent", at: i) }
            while isDigit(at: i) { i &+= 1 }
        }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote. Strings without escapes, the usual case,
    /// are validated in place and copied once.
    mutating func parseString() throws(JSONError) -> String {
        let open = i
        i &+= 1
        let start = i
        while i < end {
            let b = base[i]
            if b == ASCII.quote {
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
                i &+= 1
                return text
            }
            if b == ASCII.backslash { return try parseEscapedString(open: open, start: start) }
            if b < 0x20 { throw controlCharacterError(at: i) }
            if b < 0x80 {
                i &+= 1
            } else {
                try skipUTF8Sequence(open: open)
            }
        }
        throw unterminatedString(open: open)
    }

    private mutating func parseEscapedString(open: Int, start: Int) throws(JSONError) -> String {
        var out = scratch.bytes
        scratch.bytes = []
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
        defer { scratch.bytes = out }
        while i < end {
            let b = base[i]
            if b == ASCII.quote {
                i &+= 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == ASCII.backslash {
                guard i + 1 < end else { break }
                let escaped = base[i + 1]
                switch escaped {
                case ASCII.quote, ASCII.backslash, ASCII.slash: out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(ASCII.lineFeed)
                case UInt8(ascii: "r"): out.append(ASCII.carriageReturn)
                case UInt8(ascii: "t"): out.append(ASCII.tab)
                case UInt8(ascii: "u"):
                    appendUTF8(try parseUnicodeEscape(open: open), to: &out)
                    continue
                case 0x21...0x7E:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escaped)))' in string", at: i)
                default:
                    throw error("invalid escape in string: '\\' followed by \(describe(at: i + 1))", at: i)
                }
                i &+= 2
            } else if b < 0x20 {
                throw controlCharacterError(at: i)
            } else if b < 0x80 {
                out.append(b)
                i &+= 1
            } else {
                let sequenceStart = i
                try skipUTF8Sequence(open: open)
                out.append(contentsOf: UnsafeBufferPointer(start: base + sequenceStart, count: i - sequenceStart))
            }
        }
        throw unterminatedString(open: open)
    }

    /// Decodes `\uXXXX`, or a `\uXXXX\uXXXX` surrogate pair, at `i`.
    private mutating func parseUnicodeEscape(open: Int) throws(JSONError) -> UInt32 {
        let escape = i
        let unit = try hex4(at: i + 2, escape: escape, open: open)
        switch unit {
        case 0xD800...0xDBFF:
            let next = i + 6
            let pairs =
                (next >= end || base[next] == ASCII.backslash)
                && (next + 1 >= end || base[next + 1] == UInt8(ascii: "u"))
            guard pairs else { throw unpairedSurrogate(unit, at: escape) }
            let low = try hex4(at: next + 2, escape: next, open: open)
            guard (0xDC00...0xDFFF).contains(low) else { throw unpairedSurrogate(unit, at: escape) }
            i = next + 6
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw unpairedSurrogate(unit, at: escape)
        default:
            i &+= 6
            return unit
        }
    }

    private mutating func hex4(at p: Int, escape: Int, open: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for k in p..<(p + 4) {
            guard k < end else { throw unterminatedString(open: open) }
            let b = base[k]
            let digit: UInt8
            switch b {
            case ASCII.zero...ASCII.nine: digit = b - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape in string, expected four hex digits", at: escape)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func unpairedSurrogate(_ unit: UInt32, at p: Int) -> JSONError {
        error("invalid \\u escape in string: unpaired surrogate \\u\(String(unit, radix: 16, uppercase: true))", at: p)
    }

    /// Validates one multi-byte UTF-8 sequence at `i` (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF) and steps over it.
    @inline(__always)
    private mutating func skipUTF8Sequence(open: Int) throws(JSONError) {
        let lead = base[i]
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xED:
            length = 3
            high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF4:
            length = 4
            high = 0x8F
        case 0xF1...0xF3: length = 4
        default: throw error("invalid UTF-8 byte \(hexByte(lead)) in string", at: i)
        }
        for k in 1..<length {
            guard i + k < end else { throw unterminatedString(open: open) }
            let b = base[i + k]
            let valid = k == 1 ? (b >= low && b <= high) : (b & 0xC0 == 0x80)
            guard valid else {
                let bytes = (0...k).map { hexByte(base[i + $0]) }.joined(separator: " ")
                throw error("invalid UTF-8 sequence \(bytes) in string", at: i)
            }
        }
        i &+= length
    }

    private mutating func controlCharacterError(at p: Int) -> JSONError {
        switch base[p] {
        case ASCII.lineFeed, ASCII.carriageReturn:
            return error("line break inside a string (write it as \\n, or is a closing '\"' missing?)", at: p)
        case ASCII.tab:
            return error("unescaped tab in string (write it as \\t)", at: p)
        default:
            return error("unescaped control character \(hexScalar(UInt32(base[p]))) in string", at: p)
        }
    }

    private mutating func unterminatedString(open: Int) -> JSONError {
        hitEnd = true
        return error("unterminated string: no closing '\"' before the end of input", at: open)
    }
}

func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | scalar >> 6))
        out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | scalar >> 12))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    default:
        out.append(UInt8(0xF0 | scalar >> 18))
        out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    }
}

func hexByte(_ b: UInt8) -> String {
    let digits = String(b, radix: 16, uppercase: true)
    return "0x" + (digits.count < 2 ? "0" + digits : digits)
}

func hexScalar(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
