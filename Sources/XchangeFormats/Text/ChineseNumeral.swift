/// Numbers written in Chinese characters: 两, 十一, 二十三, 一百零五, 〇/零.
enum ChineseNumeral {
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇", "零": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    static func multiplier(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十": 10
        case "百": 100
        case "千": 1000
        case "万": 10000
        default: nil
        }
    }

    /// Every numeral ``digit(_:)`` and ``multiplier(_:)`` read.
    static let numerals: [Unicode.Scalar] = Array("〇零一二两三四五六七八九十百千万".unicodeScalars)

    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        // Most scalars of a text are rejected by one test of their low six bits, before the
        // comparisons with each numeral (scanning prose asks this of every character).
        guard numeralLowBits & 1 << UInt64(scalar.value & 63) != 0 else { return false }
        return digit(scalar) != nil || multiplier(scalar) != nil
    }

    /// One bit per value of a numeral's low six bits (〇零一二两三四五六七八九十百千万), written
    /// as a literal so that it is a constant: worked out from the numerals, it would be fetched
    /// through its once-only initialisation check on every scalar. A test holds it to
    /// ``digit(_:)`` and ``multiplier(_:)``.
    static let numeralLowBits: UInt64 = 0x4040_2810_2810_128B

    /// The value of a whole numeral, or nil if the scalars are not one.
    static func value(_ scalars: some Collection<Unicode.Scalar>) -> Int? {
        guard !scalars.isEmpty else { return nil }
        var total = 0
        var section = 0
        var pending: Int?
        for scalar in scalars {
            if let digit = digit(scalar) {
                // "二〇三五" style: digits in a row are positional.
                if let previous = pending { pending = previous * 10 + digit } else { pending = digit }
            } else if let multiplier = multiplier(scalar) {
                if multiplier == 10000 {
                    section += pending ?? 0
                    total += max(section, 1) * multiplier
                    section = 0
                } else {
                    section += (pending ?? 1) * multiplier
                }
                pending = nil
            } else {
                return nil
            }
        }
        return total + section + (pending ?? 0)
    }
}
