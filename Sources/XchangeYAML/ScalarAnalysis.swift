/// What a scalar's text allows, decided the way libyaml's emitter decides it
/// (`yaml_emitter_analyze_scalar`), so that ``YAMLWriter`` picks the very style libyaml would.
struct ScalarAnalysis {
    /// The text holds a line break (LF, CR, U+0085, U+2028, U+2029).
    var multiline: Bool
    /// It can be written plain in block context.
    var blockPlainAllowed: Bool
    /// It can be written in single quotes.
    var singleQuotedAllowed: Bool
    /// It can be written as a literal or folded block.
    var blockAllowed: Bool

    /// The full analysis of valid UTF-8 text, character by character.
    init(_ text: UnsafeBufferPointer<UInt8>) {
        let count = text.count
        guard count > 0 else {
            self.init(multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false)
            return
        }
        var blockIndicators =
            count >= 3
            && ((text[0] == UInt8(ascii: "-") && text[1] == UInt8(ascii: "-") && text[2] == UInt8(ascii: "-"))
                || (text[0] == UInt8(ascii: ".") && text[1] == UInt8(ascii: ".") && text[2] == UInt8(ascii: ".")))
        var lineBreaks = false
        var specialCharacters = false
        var leadingSpaceOrBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var precededByWhitespace = true
        var previousSpace = false
        var previousBreak = false
        var index = 0
        var followedByWhitespace = Self.isBlankOrEnd(text, at: Self.width(text[0]))
        while index < count {
            let byte = text[index]
            let width = Self.width(text, at: index)
            if index == 0 {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                    UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"),
                    UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                    UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    if followedByWhitespace { blockIndicators = true }
                default:
                    break
                }
            } else if byte == UInt8(ascii: ":") && followedByWhitespace {
                blockIndicators = true
            } else if byte == UInt8(ascii: "#") && precededByWhitespace {
                blockIndicators = true
            }
            if !Self.isPrintable(text, at: index) { specialCharacters = true }
            let isBreak = Self.isBreak(text, at: index)
            if byte == UInt8(ascii: " ") {
                if index == 0 { leadingSpaceOrBreak = true }
                if index + width == count { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak {
                lineBreaks = true
                if index == 0 { leadingSpaceOrBreak = true }
                if index + width == count { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = Self.isBlankOrEnd(text, at: index)
            index += width
            if index < count { followedByWhitespace = Self.isBlankOrEnd(text, at: index + Self.width(text[index])) }
        }
        let unsafeEverywhere = spaceBreak || specialCharacters
        self.init(
            multiline: lineBreaks,
            blockPlainAllowed:
                !(leadingSpaceOrBreak || trailingSpace || trailingBreak || breakSpace
                || unsafeEverywhere || lineBreaks || blockIndicators),
            singleQuotedAllowed: !(breakSpace || unsafeEverywhere),
            blockAllowed: !(trailingSpace || unsafeEverywhere))
    }

    init(multiline: Bool, blockPlainAllowed: Bool, singleQuotedAllowed: Bool, blockAllowed: Bool) {
        self.multiline = multiline
        self.blockPlainAllowed = blockPlainAllowed
        self.singleQuotedAllowed = singleQuotedAllowed
        self.blockAllowed = blockAllowed
    }

    /// Whether plain text that ``StringScalarStyle`` found safe (one line, no special
    /// characters, no edge spaces) holds an indicator that makes it ambiguous in block
    /// context: `: `, ` #`, a leading `-`, `[`, `'`, a `---` start, ... Such text goes in
    /// single quotes. Equivalent to the full analysis for such text, and scans only for the
    /// two bytes that matter after the first.
    static func hasBlockIndicators(plainSafe text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = text.count
        switch text[0] {
        case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            if isBlankOrEnd(text, at: 1) { return true }
            if count >= 3 && text[1] == text[0] && text[2] == text[0] && text[0] == UInt8(ascii: "-") { return true }
        case UInt8(ascii: "."):
            if count >= 3 && text[1] == UInt8(ascii: ".") && text[2] == UInt8(ascii: ".") { return true }
        default:
            break
        }
        var index = 1
        let base = text.baseAddress!
        while index < count {
            // Skip eight bytes at a time while none of them is `:` or `#`.
            if count - index >= 8 {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let colons = word ^ (ones &* UInt64(UInt8(ascii: ":")))
                let hashes = word ^ (ones &* UInt64(UInt8(ascii: "#")))
                let found = ((colons &- ones) & ~colons | (hashes &- ones) & ~hashes) & 0x8080_8080_8080_8080
                if found == 0 {
                    index += 8
                    continue
                }
            }
            let byte = text[index]
            if byte == UInt8(ascii: ":") && isBlankOrEnd(text, at: index + 1) { return true }
            if byte == UInt8(ascii: "#") && isBlankOrEnd(text, at: index - 1) { return true }
            index += 1
        }
        return false
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte,
    /// which valid text never has, so that scanning always moves on).
    static func width(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead & 0xE0 == 0xC0 { return 2 }
        if lead & 0xF0 == 0xE0 { return 3 }
        if lead & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    /// The width of the character at `index`, cut short at the end of the text (which valid
    /// UTF-8 never needs, but a caller's bytes might).
    static func width(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        min(width(text[index]), text.count - index)
    }

    /// The byte at `index`, or 0 past the end: look-ahead that cannot read beyond the text.
    static func lookahead(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt8 {
        index < text.count ? text[index] : 0
    }

    /// libyaml's `IS_BLANKZ`: space, tab, a line break, NUL, or the end of the text (libyaml
    /// reads the terminating NUL there).
    static func isBlankOrEnd(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < text.count else { return true }
        let byte = text[index]
        return byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0 || isBreak(text, at: index)
    }

    /// libyaml's `IS_BREAK`: LF, CR, U+0085, U+2028, U+2029.
    static func isBreak(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch text[index] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
        case 0xC2: return index + 1 < text.count && text[index + 1] == 0x85
        case 0xE2:
            return index + 2 < text.count && text[index + 1] == 0x80
                && (text[index + 2] == 0xA8 || text[index + 2] == 0xA9)
        default: return false
        }
    }

    /// libyaml's `IS_PRINTABLE` (line feed included; tab, U+0085, U+FEFF, U+FFFE/F and
    /// everything beyond U+FFFF not).
    static func isPrintable(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = text[index]
        switch byte {
        case 0x0A, 0x20...0x7E: return true
        case 0xC2: return lookahead(text, at: index + 1) >= 0xA0
        case 0xC3...0xEC, 0xEE: return true
        case 0xED: return lookahead(text, at: index + 1) < 0xA0
        case 0xEF:
            let second = lookahead(text, at: index + 1)
            let third = lookahead(text, at: index + 2)
            return !(second == 0xBB && third == 0xBF) && !(second == 0xBF && (third == 0xBE || third == 0xBF))
        default: return false
        }
    }

    /// Whether the text holds any line break; what decides, for a key libyaml would quote
    /// anyway, between a simple key and a `?` complex key.
    static func containsBreak(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < text.count {
            if isBreak(text, at: index) { return true }
            index += 1
        }
        return false
    }
}
