/// Character classes of report text, decided per Unicode scalar so that scanning stays linear
/// and free of `String` index arithmetic.
enum Scalars {
    /// Spaces of every width, including the full-width indent (U+3000) and no-break space.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x3000, 0xA0, 0x200B, 0xFEFF, 0x2002, 0x2003: true
        default: false
        }
    }

    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x0A || scalar.value == 0x0D
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { isSpace(scalar) || isNewline(scalar) }

    /// The value of an ASCII or full-width digit.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
        default: nil
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { digit(scalar) != nil }

    /// A CJK ideograph (the basic block and extension A), the script of labels and prose.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3007: true
        default: false
        }
    }

    /// ASCII letters, which mark URLs, e-mail addresses and codes.
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xFF21...0xFF3A, 0xFF41...0xFF5A: true
        default: false
        }
    }

    /// Ends a sentence: 。！？；and their half-width forms.
    static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B: true
        default: false
        }
    }

    /// Ends a clause: sentence ends plus ，, 、 and colons.
    static func isClauseBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFF0C, 0x2C, 0x3001, 0xFF1A, 0x3A: true
        default: isSentenceEnd(scalar)
        }
    }

    /// Table cell separators as text flattening writes them: ASCII and full-width bars and
    /// the box-drawing vertical.
    static func isCellBar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7C, 0xFF5C, 0x2502, 0x2503, 0x2551: true
        default: false
        }
    }

    /// Characters that draw table rules (`─┼╋`, `-`, `+`, `=`, `:`), which carry no cell text.
    static func isRuleDrawing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2500...0x257F, 0x2D, 0x2B, 0x3D, 0x3A: true
        default: false
        }
    }
}

extension Collection<Unicode.Scalar> {
    /// The scalars `keep` accepts, in order, in room made once for all of them: `filter` cannot
    /// know how many it will keep, and grows its result four or five times over a short line.
    func kept(where keep: (Unicode.Scalar) -> Bool) -> [Unicode.Scalar] {
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(count)
        for scalar in self where keep(scalar) { kept.append(scalar) }
        return kept
    }
}
