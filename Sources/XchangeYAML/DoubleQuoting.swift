/// Escapes for double-quoted scalars, as libyaml writes them (`yaml_emitter_write_double_quoted_scalar`
/// with unicode output): printable characters as they are, everything else as `\n`, `\t`, `\x1F`,
/// `\u2028`, `\U0001F600`, … with upper-case hex digits.
enum DoubleQuoting {
    /// Bytes that may start a character needing an escape: ``ByteClass/needsLook`` plus `"` and `\`.
    static let needsLook: [Bool] = (0...255).map { byte in
        ByteClass.needsLook[byte] || byte == 0x22 || byte == 0x5C
    }

    /// Whether the character at `index` goes between the quotes unchanged.
    static func isWrittenAsIs(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = text[index]
        if byte == 0x22 || byte == 0x5C { return false }
        if byte == 0xEF && ScalarAnalysis.lookahead(text, at: index + 1) == 0xBB
            && ScalarAnalysis.lookahead(text, at: index + 2) == 0xBF
        {
            return false  // U+FEFF
        }
        return ScalarAnalysis.isPrintable(text, at: index) && !ScalarAnalysis.isBreak(text, at: index)
    }

    /// The code point of the valid UTF-8 character at `index`.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
        let lead = UInt32(text[index])
        let width = ScalarAnalysis.width(text, at: index)
        var value: UInt32 =
            switch width {
            case 1: lead
            case 2: lead & 0x1F
            case 3: lead & 0x0F
            default: lead & 0x07
            }
        for offset in 1..<max(width, 1) {
            value = value << 6 | UInt32(text[index + offset] & 0x3F)
        }
        return value
    }

    /// Writes the escape for `value` at `destination`; returns its length (at most 10).
    static func writeEscape(of value: UInt32, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        destination[0] = UInt8(ascii: "\\")
        let short: Unicode.Scalar? =
            switch value {
            case 0x00: "0"
            case 0x07: "a"
            case 0x08: "b"
            case 0x09: "t"
            case 0x0A: "n"
            case 0x0B: "v"
            case 0x0C: "f"
            case 0x0D: "r"
            case 0x1B: "e"
            case 0x22: "\""
            case 0x5C: "\\"
            case 0x85: "N"
            case 0xA0: "_"
            case 0x2028: "L"
            case 0x2029: "P"
            default: nil
            }
        if let short {
            destination[1] = UInt8(short.value)
            return 2
        }
        let (letter, digits): (UInt8, Int) =
            value <= 0xFF ? (UInt8(ascii: "x"), 2) : value <= 0xFFFF ? (UInt8(ascii: "u"), 4) : (UInt8(ascii: "U"), 8)
        destination[1] = letter
        for position in 0..<digits {
            let digit = UInt8((value >> UInt32(4 * (digits - 1 - position))) & 0x0F)
            destination[2 + position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10
        }
        return 2 + digits
    }
}
