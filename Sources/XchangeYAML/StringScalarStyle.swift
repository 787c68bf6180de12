/// Chooses how ``YAMLWriter/string(_:)`` (and ``YAMLEmitter/string(_:)``) write a string so
/// that any YAML reader gets the same string back: same characters, and a string rather than a
/// number, bool or null.
///
/// The rules are deliberately conservative. Quoting a value that did not need it costs two
/// characters; leaving `2021-01-01` or `yes` plain turns text into a date or a bool in a
/// YAML 1.1 reader (PyYAML, many Ruby and Go libraries), which is a silent data change.
///
/// Works on the UTF-8 bytes: it runs for every string a writer writes, and most bytes of
/// report text (ASCII, CJK) need one table look-up each.
enum StringScalarStyle {
    static func style(for value: String) -> YAMLScalarStyle {
        var value = value
        return value.withUTF8 { style(forUTF8: $0) }
    }

    /// The style for a string given as valid UTF-8.
    static func style(forUTF8 bytes: UnsafeBufferPointer<UInt8>) -> YAMLScalarStyle {
        guard let first = bytes.first, let last = bytes.last else { return .doubleQuoted }
        var hasLineBreak = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard ByteClass.needsLook[Int(byte)] else {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\n") {
                // Trailing spaces on a line are lost or refused in every block style.
                if index > 0 && bytes[index - 1] == UInt8(ascii: " ") { return .doubleQuoted }
                hasLineBreak = true
                index += 1
            } else if let width = writtenAsIsWidth(bytes, at: index) {
                index += width
            } else {
                return .doubleQuoted
            }
        }
        if hasLineBreak {
            // A block scalar's first line decides its indentation, and its end is governed
            // by chomping; leading blanks or breaks and trailing spaces sit on those edges.
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\n") || last == UInt8(ascii: " ") {
                return .doubleQuoted
            }
            return .literal
        }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") || mayReadAsNonString(bytes) {
            return .doubleQuoted
        }
        // The writer itself switches to single quotes when indicators (`: `, ` #`, a leading
        // `-` or `[`, ...) make plain text ambiguous.
        return .plain
    }

    /// The width of the character at `index` (a byte that ``ByteClass/needsLook`` flags) when
    /// it can appear unescaped in plain and block scalars, nil otherwise: libyaml's own
    /// printable set (it escapes everything else, tabs and characters beyond U+FFFF
    /// included), minus the characters YAML treats as line breaks (U+0085, U+2028, U+2029).
    private static func writtenAsIsWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        switch bytes[index] {
        case 0xC2:
            // U+0080...U+009F are C1 controls, U+0085 among them.
            return ScalarAnalysis.lookahead(bytes, at: index + 1) >= 0xA0 ? 2 : nil
        case 0xE2:
            // U+2028, U+2029.
            let second = ScalarAnalysis.lookahead(bytes, at: index + 1)
            let third = ScalarAnalysis.lookahead(bytes, at: index + 2)
            return second == 0x80 && (third == 0xA8 || third == 0xA9) ? nil : 3
        case 0xEF:
            // U+FEFF (byte order mark), U+FFFE, U+FFFF.
            let second = ScalarAnalysis.lookahead(bytes, at: index + 1)
            let third = ScalarAnalysis.lookahead(bytes, at: index + 2)
            if second == 0xBB && third == 0xBF { return nil }
            if second == 0xBF && (third == 0xBE || third == 0xBF) { return nil }
            return 3
        default:
            // Controls, DEL, and the four-byte (non-BMP) characters.
            return nil
        }
    }

    /// Whether a plain scalar with this text could be resolved to something other than a
    /// string by a YAML 1.2 core-schema or YAML 1.1 reader.
    private static func mayReadAsNonString(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The longest special word (`false`, `+.inf`) has five letters; most values are
        // longer. Only ASCII letters lowercase to the letters of these words.
        if bytes.count <= 5 && isSpecialWord(bytes) { return true }
        guard let first = bytes.first else { return true }
        // Numbers of every base and notation, sexagesimal (1:30) and dates all start like a
        // number and use few other characters; anything close enough is quoted.
        guard
            isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: ".")
        else { return false }
        if bytes.allSatisfy(isNumberCharacter) { return true }
        // YAML 1.1 timestamps: 2021-12-31T10:00:00Z, 2021-12-31 10:00:00 +8.
        guard bytes.count >= 6 else { return false }
        for position in 0..<6 {
            let byte = bytes[position]
            guard position == 4 ? byte == UInt8(ascii: "-") : isDigit(byte) else { return false }
        }
        return true
    }

    private static let specialWords: [[UInt8]] = [
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
        ".inf", "+.inf", "-.inf", ".nan", "<<", "=",
    ].map { Array($0.utf8) }

    /// Whether the text is one of ``specialWords`` in any letter case.
    private static func isSpecialWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most text starts with none of the words' first characters.
        switch bytes[0] | (isUpperLetter(bytes[0]) ? 0x20 : 0) {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "y"),
            UInt8(ascii: "o"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "<"),
            UInt8(ascii: "="):
            break
        default:
            return false
        }
        return specialWords.contains { word in
            word.count == bytes.count
                && zip(word, bytes).allSatisfy { expected, byte in
                    expected == byte || (isUpperLetter(byte) && expected == byte | 0x20)
                }
        }
    }

    private static func isUpperLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Digits, hex letters, base prefixes, signs, separators and exponents.
    private static func isNumberCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66: true
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "O"): true
        case UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"): true
        default: false
        }
    }
}

/// Byte look-up tables shared by the scalar checks.
enum ByteClass {
    /// Bytes that need a closer look when deciding whether text can be written as is: ASCII
    /// controls (line feed included) and DEL, and the lead bytes of the few multi-byte
    /// characters that cannot (C1 controls, U+2028/9, U+FEFF/FFFE/FFFF, beyond U+FFFF).
    /// Everything else, most CJK text included, is fine without decoding.
    static let needsLook: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xEF || byte >= 0xF0
    }
}
