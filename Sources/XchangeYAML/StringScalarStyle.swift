/// Chooses how ``YAMLEmitter/string(_:)`` writes a string so that any YAML reader gets the
/// same string back: same characters, and a string rather than a number, bool or null.
///
/// The rules are deliberately conservative. Quoting a value that did not need it costs two
/// characters; leaving `2021-01-01` or `yes` plain turns text into a date or a bool in a
/// YAML 1.1 reader (PyYAML, many Ruby and Go libraries), which is a silent data change.
enum StringScalarStyle {
    static func style(for value: String) -> YAMLScalarStyle {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else {
            return .doubleQuoted
        }
        var hasLineBreak = false
        var previous: Unicode.Scalar = "\n"
        for scalar in value.unicodeScalars {
            if scalar == "\n" {
                // Trailing spaces on a line are lost or refused in every block style.
                if previous == " " { return .doubleQuoted }
                hasLineBreak = true
            } else if !isWrittenAsIs(scalar) {
                return .doubleQuoted
            }
            previous = scalar
        }
        if hasLineBreak {
            // A block scalar's first line decides its indentation, and its end is governed
            // by chomping; leading blanks or breaks and trailing spaces sit on those edges.
            if first == " " || first == "\n" || last == " " { return .doubleQuoted }
            return .literal
        }
        if first == " " || last == " " || mayReadAsNonString(value) { return .doubleQuoted }
        // libyaml itself switches to single quotes when indicators (`: `, ` #`, a leading
        // `-` or `[`, ...) make plain text ambiguous.
        return .plain
    }

    /// Whether the scalar can appear unescaped in plain and block scalars: libyaml's own
    /// printable set (it escapes everything else, tabs and characters beyond U+FFFF
    /// included), minus the characters YAML treats as line breaks.
    private static func isWrittenAsIs(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD: true
        default: false
        }
    }

    /// Whether a plain scalar with this text could be resolved to something other than a
    /// string by a YAML 1.2 core-schema or YAML 1.1 reader.
    private static func mayReadAsNonString(_ value: String) -> Bool {
        let bytes = value.utf8
        // The longest special word (`false`, `+.inf`) has five letters; most values are
        // longer and skip the case-folding copy.
        if bytes.count <= 5 {
            switch value.lowercased() {
            case "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
                ".inf", "+.inf", "-.inf", ".nan", "<<", "=":
                return true
            default:
                break
            }
        }
        guard let first = bytes.first else { return true }
        // Numbers of every base and notation, sexagesimal (1:30) and dates all start like a
        // number and use few other characters; anything close enough is quoted.
        guard
            isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: ".")
        else { return false }
        if bytes.allSatisfy(isNumberCharacter) { return true }
        // YAML 1.1 timestamps: 2021-12-31T10:00:00Z, 2021-12-31 10:00:00 +8.
        var index = bytes.startIndex
        for position in 0..<6 {
            guard index != bytes.endIndex else { return false }
            let byte = bytes[index]
            guard position == 4 ? byte == UInt8(ascii: "-") : isDigit(byte) else { return false }
            bytes.formIndex(after: &index)
        }
        return true
    }

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
