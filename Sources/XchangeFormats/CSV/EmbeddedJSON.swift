/// The small JSON that CSV cells carry for the parts of a report that are lists of records
/// (sub-sections, pre-2019 parts, facts). Numbers stay as their literal text, so amounts
/// round-trip exactly.
indirect enum EmbeddedJSON: Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([EmbeddedJSON])
    case object([(String, EmbeddedJSON)])

    static func == (lhs: EmbeddedJSON, rhs: EmbeddedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    subscript(key: String) -> EmbeddedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    // MARK: Writing

    var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.quote(text, into: &out)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(member.0, into: &out)
                out.append(UInt8(ascii: ":"))
                member.1.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON string literal, copying runs that need no escape in one go.
    private static func quote(_ text: String, into out: inout [UInt8]) {
        var text = text
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var run = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                default: out.append(contentsOf: ("\\u" + String(byte, radix: 16).leftPadded(to: 4)).utf8)
                }
                run = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Reading

    struct SyntaxError: Error {
        let message: String
        let offset: Int
    }

    static func parse(_ text: String) throws(SyntaxError) -> EmbeddedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.end else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0
        /// Where the text ends in `bytes`: a parser can read one cell of a record in place.
        let end: Int

        init(bytes: [UInt8]) {
            self.bytes = bytes
            self.end = bytes.count
        }

        /// Reads `bytes[range]`; offsets in errors still count from the start of `bytes`.
        init(bytes: [UInt8], range: Range<Int>) {
            self.bytes = bytes
            self.index = range.lowerBound
            self.end = range.upperBound
        }

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: index) }

        /// The next byte after blanks, without consuming it.
        mutating func peek() -> UInt8? {
            skipSpace()
            return index < end ? bytes[index] : nil
        }

        /// A string value where one is required.
        mutating func stringValue() throws(SyntaxError) -> String {
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a string") }
            return try string()
        }

        mutating func skipSpace() {
            while index < end {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
                index += 1
            }
        }

        mutating func expect(_ byte: UInt8) throws(SyntaxError) {
            skipSpace()
            guard index < end, bytes[index] == byte else { throw error("expected \"\(Character(Unicode.Scalar(byte)))\"") }
            index += 1
        }

        mutating func value(depth: Int) throws(SyntaxError) -> EmbeddedJSON {
            guard depth < 32 else { throw error("nested too deeply") }
            skipSpace()
            guard index < end else { throw error("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                index += 1
                var items: [EmbeddedJSON] = []
                skipSpace()
                if index < end, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < end else { throw error("unclosed array") }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    try expect(UInt8(ascii: ","))
                }
            case UInt8(ascii: "{"):
                index += 1
                var members: [(String, EmbeddedJSON)] = []
                skipSpace()
                if index < end, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
                    let name = try string()
                    try expect(UInt8(ascii: ":"))
                    members.append((name, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < end else { throw error("unclosed object") }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                    try expect(UInt8(ascii: ","))
                }
            case UInt8(ascii: "t"): return try word("true", .bool(true))
            case UInt8(ascii: "f"): return try word("false", .bool(false))
            case UInt8(ascii: "n"): return try word("null", .null)
            default:
                let start = index
                while index < end, Self.isNumberByte(bytes[index]) { index += 1 }
                guard index > start else { throw error("unexpected character") }
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        /// Whether the byte can be part of a number literal (`+-.eE` and digits).
        static func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }

        mutating func word(_ text: String, _ value: EmbeddedJSON) throws(SyntaxError) -> EmbeddedJSON {
            let word = Array(text.utf8)
            guard end - index >= word.count, Array(bytes[index..<index + word.count]) == word else { throw error("unexpected character") }
            index += word.count
            return value
        }

        mutating func string() throws(SyntaxError) -> String {
            index += 1
            var decoded: [UInt8] = []
            var run = index
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    // Validating here lets a parser read raw cell bytes: text that came from a
                    // `String` always passes.
                    let text: String?
                    if decoded.isEmpty {
                        text = bytes.withUnsafeBufferPointer { UTF8Text.string(UnsafeBufferPointer(rebasing: $0[run..<index])) }
                    } else {
                        decoded.append(contentsOf: bytes[run..<index])
                        text = UTF8Text.string(decoded)
                    }
                    guard let text else { throw error("invalid UTF-8 in a string") }
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") {
                    decoded.append(contentsOf: bytes[run..<index])
                    index += 1
                    guard index < end else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), index + 2 < end, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            code = 0x10000 + ((code - 0xD800) << 10) + (low &- 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                        decoded.append(contentsOf: String(Character(scalar)).utf8)
                    default: decoded.append(bytes[index])
                    }
                    index += 1
                    run = index
                    continue
                }
                index += 1
            }
            throw error("unclosed string")
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 < end else { throw error("short \\u escape") }
            let digits = String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self)
            guard let code = UInt32(digits, radix: 16) else { throw error("invalid \\u escape") }
            index += 4
            return code
        }
    }
}
