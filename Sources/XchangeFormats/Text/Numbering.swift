/// The enumeration in front of a heading or row label: `一、`, `（三）`, `2.`, `(4)`.
///
/// Reports write the same number in different styles (`1.` / `1、` / `1．`), so rows compare by
/// value and script (Arabic or Chinese digits), not by the exact characters.
struct Numbering: Hashable, Sendable {
    let value: Int
    let isChinese: Bool
    let isParenthesized: Bool

    /// Splits an official label into its numbering and body, both in comparison form:
    /// `（一）予以公开` → (一) + `予以公开`.
    static func split(_ label: [Unicode.Scalar]) -> (numbering: Numbering?, body: [Unicode.Scalar]) {
        if let (end, numbering) = parse(label, at: 0), end < label.count {
            return (numbering, Array(label[end...]))
        }
        return (nil, label)
    }

    /// Reads a numbering that starts at `index` of normalized scalars; returns where it ends.
    static func parse(_ scalars: [Unicode.Scalar], at index: Int) -> (end: Int, numbering: Numbering)? {
        guard index < scalars.count else { return nil }
        if scalars[index] == "(" {
            guard let (end, value, chinese) = digits(scalars, from: index + 1), end < scalars.count, scalars[end] == ")"
            else { return nil }
            return (end + 1, Numbering(value: value, isChinese: chinese, isParenthesized: true))
        }
        guard let (end, value, chinese) = digits(scalars, from: index), end < scalars.count, scalars[end] == "." else {
            return nil
        }
        return (end + 1, Numbering(value: value, isChinese: chinese, isParenthesized: false))
    }

    /// Finds this numbering written immediately before normalized index `index` (not before
    /// `lowerBound`); returns where it starts. Arabic numbering may be glued to a preceding
    /// figure (`00000002.其他法律…`): only the expected digits are taken.
    func start(endingAt index: Int, in scalars: [Unicode.Scalar], lowerBound: Int) -> Int? {
        if isChinese {
            let text = Array(Self.chineseText(value).unicodeScalars)
            for candidate in [["("] + text + [")"], text + ["."]] {
                let start = index - candidate.count
                if start >= lowerBound, Array(scalars[start..<index]) == candidate { return start }
            }
            return nil
        }
        let text = Array(String(value).unicodeScalars)
        let dotted = text + ["."]
        let start = index - dotted.count
        if start >= lowerBound, Array(scalars[start..<index]) == dotted { return start }
        let parenthesized = ["("] + text + [")"]
        let parenStart = index - parenthesized.count
        if parenStart >= lowerBound, Array(scalars[parenStart..<index]) == parenthesized { return parenStart }
        return nil
    }

    /// Whether two numberings name the same item (style aside).
    func sameItem(as other: Numbering) -> Bool { value == other.value && isChinese == other.isChinese }

    private static func digits(_ scalars: [Unicode.Scalar], from start: Int) -> (end: Int, value: Int, chinese: Bool)? {
        var end = start
        var value = 0
        while end < scalars.count, let digit = Scalars.digit(scalars[end]), end - start < 3 {
            value = value * 10 + digit
            end += 1
        }
        if end > start { return (end, value, false) }
        while end < scalars.count, ChineseNumeral.isNumeral(scalars[end]), end - start < 3 { end += 1 }
        guard end > start, let chinese = ChineseNumeral.value(scalars[start..<end]) else { return nil }
        return (end, chinese, true)
    }

    /// 1 → 一, 12 → 十二, for the small numbers headings use.
    static func chineseText(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch value {
        case 0..<10: return digits[value]
        case 10: return "十"
        case 11..<20: return "十" + digits[value - 10]
        case 20..<100: return digits[value / 10] + "十" + (value % 10 == 0 ? "" : digits[value % 10])
        default: return String(value)
        }
    }
}
