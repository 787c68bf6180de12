import Foundation
import XchangeCore

/// A figure stated in running text: `2645条`, `32.65%`, `1万元`, `两起`.
struct NumberMention {
    /// The figure and its unit.
    let range: Range<Int>
    let value: Decimal
    let unit: String?
    /// "3000多人次", "约4900人次".
    let isApproximate: Bool
    /// The value as `Decimal.exactInteger` gives it, worked out once when the figure is read
    /// (asking a `Decimal` costs thousands of instructions, and every reader asks).
    let integer: Int?

    /// Whether the unit is `%`, and whether it is 元, 万元 or 亿元: asked of every figure by
    /// every reader, so known with the unit (comparing Chinese strings that differ is costly).
    let isPercent: Bool
    let isMoney: Bool

    init(
        range: Range<Int>, value: Decimal, unit: String?, isPercent: Bool, isMoney: Bool, isApproximate: Bool,
        integer: Int?
    ) {
        self.range = range
        self.value = value
        self.unit = unit
        self.isPercent = isPercent
        self.isMoney = isMoney
        self.isApproximate = isApproximate
        self.integer = integer
    }

    /// The amount in 元, for money.
    var yuan: Decimal? {
        guard isMoney else { return nil }
        return switch unit {
        case "元": value
        case "万元": value * 10000
        case "亿元": value * 100_000_000
        default: nil
        }
    }
}

/// Finds the figures of running text, leaving out the numbers that are not quantities: years,
/// dates and times, document numbers (〔2021〕39号), ordinals (第十四), list numbering (`1.`),
/// phone numbers, and digits inside addresses, codes and web addresses.
enum NumberScanner {
    static func mentions(in text: ReportText, range: Range<Int>) -> [NumberMention] {
        let scalars = text.scalars
        // A clause reaching past the text (seen once on a damaged pre-2019 report) must not trap.
        let range = range.clamped(to: 0..<scalars.count)
        var mentions: [NumberMention] = []
        let starts = figureStarts
        scalars.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            // From one character that can start a figure to the next.
            while let start = starts.firstIndex(in: buffer, index..<range.upperBound) {
                let (mention, end) =
                    Scalars.isDigit(buffer[start])
                    ? arabic(scalars, at: start, range: range) : chinese(scalars, at: start, range: range)
                if let mention { mentions.append(mention) }
                index = max(end, start + 1)
            }
        }
        return mentions
    }

    /// The characters a figure starts with: ASCII and full-width digits, and Chinese numerals.
    private static let figureStarts = ScalarBitmap(
        (UInt32(0x30)...0x39).compactMap(Unicode.Scalar.init)
            + (UInt32(0xFF10)...0xFF19).compactMap(Unicode.Scalar.init)
            + ChineseNumeral.numerals)

    private static func arabic(_ scalars: [Unicode.Scalar], at start: Int, range: Range<Int>) -> (NumberMention?, Int) {
        var end = start
        var digitCount = 0
        // Whole numbers are accumulated as they are scanned; only fractions and very long runs
        // are spelled out as text to parse (building text for every number is most of the cost).
        var whole = 0
        var leadingZero = false
        func take(_ scalar: Unicode.Scalar) {
            let digit = Scalars.digit(scalar) ?? 0
            if digitCount == 0 { leadingZero = digit == 0 }
            if digitCount < 18 { whole = whole * 10 + digit }
            digitCount += 1
        }
        while end < range.upperBound, Scalars.isDigit(scalars[end]) {
            take(scalars[end])
            end += 1
        }
        let leadingDigits = digitCount
        var hasFraction = false
        var fractionStart = end
        // Thousands groups ("1,234") and one fraction ("24252.311082").
        while end + 3 < range.upperBound, scalars[end] == ",",
            (1...3).allSatisfy({ Scalars.isDigit(scalars[end + $0]) }),
            end + 4 >= range.upperBound || !Scalars.isDigit(scalars[end + 4])
        {
            for offset in 1...3 { take(scalars[end + offset]) }
            end += 4
        }
        if end + 1 < range.upperBound, scalars[end] == "." || scalars[end] == "．", Scalars.isDigit(scalars[end + 1]) {
            hasFraction = true
            end += 1
            fractionStart = end
            while end < range.upperBound, Scalars.isDigit(scalars[end]) { end += 1 }
        }
        /// The figure as text, for the rare numbers an Int does not hold exactly.
        func literal() -> String {
            var digits = String.UnicodeScalarView()
            for offset in start..<(hasFraction ? fractionStart - 1 : end) where Scalars.isDigit(scalars[offset]) {
                digits.append(fold(scalars[offset]))
            }
            if hasFraction {
                digits.append(".")
                for offset in fractionStart..<end { digits.append(fold(scalars[offset])) }
            }
            return String(digits)
        }
        let before: Unicode.Scalar? = start > range.lowerBound ? scalars[start - 1] : nil
        let before2: Unicode.Scalar? = start - 1 > range.lowerBound ? scalars[start - 2] : nil
        let after: Unicode.Scalar? = end < range.upperBound ? scalars[end] : nil
        let after2: Unicode.Scalar? = end + 1 < range.upperBound ? scalars[end + 1] : nil
        // The words on either side past the spaces text copied from a PDF puts around a number
        // ("2021 年 1 月", "〔2019〕60 号", "（ 1 ）", "约 4900"): what makes it a date, a document
        // number, an ordinal or an estimate. Codes, times and ranges are glued to their numbers:
        // judged by the characters right beside them.
        let wordBefore = wordBefore(scalars, start, range)
        let wordAfter = wordAfter(scalars, end, range)
        let isYearLike = digitCount == 4 && leadingDigits == 4 && !hasFraction && (1900...2100).contains(whole)

        func skip() -> (NumberMention?, Int) {
            // Skip the whole run of digits and joiners (dates, phone numbers, codes).
            var skipEnd = end
            while skipEnd < range.upperBound,
                Scalars.isDigit(scalars[skipEnd]) || Scalars.isLatinLetter(scalars[skipEnd])
            { skipEnd += 1 }
            return (nil, skipEnd)
        }

        if let before {
            if Scalars.isLatinLetter(before) || ["@", "/", "_", "#", "=", "?", "&", "."].contains(before) {
                return skip()
            }
            // The minutes of a time ("16:34").
            if before == ":" || before == "：", let before2, Scalars.isDigit(before2) { return skip() }
            if ["-", "－", "—", "~", "～"].contains(before), let before2, Scalars.isDigit(before2) { return skip() }
        }
        if wordBefore == "第" { return skip() }
        if let after {
            if Scalars.isLatinLetter(after) || after == "@" { return skip() }
            if after == ":" || after == "：", let after2, Scalars.isDigit(after2) { return skip() }
            if isYearLike, ["-", "－", "—", "~", "～", "至", "/", "."].contains(after) { return skip() }
            if ["-", "－"].contains(after), let after2, Scalars.isDigit(after2) { return skip() }
            // "1." / "1、" at the head of a list item.
            if ["、", ".", "．"].contains(after), !hasFraction, leadingDigits <= 2, before.map(isItemBoundary) ?? true {
                return skip()
            }
        }
        switch wordAfter {
        case "月", "号", "〕", "]", "］", "】": return skip()
        case "日" where wordBefore == "月": return skip()
        case "年" where isYearLike: return skip()
        default: break
        }
        if wordBefore == "（" || wordBefore == "(", wordAfter == "）" || wordAfter == ")" { return skip() }
        if isYearLike, ["〔", "[", "［", "【"].contains(wordBefore) { return skip() }
        // Long digit runs are identifiers (postcodes, phone numbers), not counts.
        if leadingDigits >= 7, leadingZero { return skip() }

        let isWhole = !hasFraction && digitCount <= 18
        guard let value = isWhole ? Decimal(whole) : NumericLiteral.decimal(literal()) else {
            return (nil, end)
        }
        let (unit, unitEnd, approximate) = readUnit(scalars, at: end, range: range)
        // A bare year-like number names a year ("2019上海再出发"), not a quantity.
        if isYearLike, unit == nil { return (nil, end) }
        return (
            NumberMention(
                range: start..<unitEnd, value: value, unit: unit?.name, isPercent: unit?.isPercent ?? false,
                isMoney: unit?.isMoney ?? false,
                isApproximate: approximate || wordBefore == "约" || wordBefore == "近",
                integer: isWhole ? whole : value.exactInteger), unitEnd
        )
    }

    /// Chinese numerals count only before a measure word ("两起", "五个"), never as ordinals
    /// (第十四), and a lone 一 is left out: it is idiom far more often than a count (一网通办).
    private static func chinese(_ scalars: [Unicode.Scalar], at start: Int, range: Range<Int>) -> (NumberMention?, Int)
    {
        var end = start
        while end < range.upperBound, end - start < 6, ChineseNumeral.isNumeral(scalars[end]) { end += 1 }
        let run = scalars[start..<end]
        if start > range.lowerBound, ["第", "初", "周", "之", "统", "唯", "星"].contains(scalars[start - 1]) {
            return (nil, end)
        }
        if start > range.lowerBound, ChineseNumeral.isNumeral(scalars[start - 1]) { return (nil, end) }
        guard !(run.count == 1 && (run.first == "一" || run.first == "万" || run.first == "千" || run.first == "百")),
            !run.allSatisfy({ $0 == "〇" || $0 == "零" }),
            let value = ChineseNumeral.value(run)
        else { return (nil, end) }
        guard end < range.upperBound, let (unit, unitEnd) = chineseMeasure(scalars, at: end, range: range) else {
            return (nil, end)
        }
        // Measure words are neither percentages nor money.
        let mention = NumberMention(
            range: start..<unitEnd, value: Decimal(value), unit: unit, isPercent: false, isMoney: false,
            isApproximate: false,
            integer: (0..<1_000_000_000_000_000).contains(value) ? value : Decimal(value).exactInteger)
        return (mention, unitEnd)
    }

    private static let measures = ["个", "项", "件", "条", "次", "家", "户", "名", "位", "起", "批", "场", "期", "篇", "份", "人"].map {
        Array($0.unicodeScalars)
    }

    private static func chineseMeasure(_ scalars: [Unicode.Scalar], at index: Int, range: Range<Int>) -> (String, Int)?
    {
        for measure in measures
        where index + measure.count <= range.upperBound
            && scalars[index..<(index + measure.count)].elementsEqual(measure)
        {
            return (String(String.UnicodeScalarView(measure)), index + measure.count)
        }
        return nil
    }

    private static func readUnit(
        _ scalars: [Unicode.Scalar], at start: Int, range: Range<Int>
    ) -> (KnownUnit?, Int, Bool) {
        // "233400⏎元": the unit of a figure ending a hard-wrapped line opens the next one; "24 件":
        // text copied from a PDF spaces the unit off.
        var index = start
        while index < range.upperBound, isInlineSpace(scalars[index]) || scalars[index] == HardWrapping.joinedBreak {
            index += 1
        }
        if index < range.upperBound, Scalars.isDigit(scalars[index]) { index = start }
        var approximate = false
        if index < range.upperBound, scalars[index] == "多" || scalars[index] == "余" {
            approximate = true
            index += 1
        }
        // Most units are told apart by their first character: compared before the rest.
        if index < range.upperBound {
            let first = scalars[index]
            for (unit, known) in zip(CellValue.units, knownUnits)
            where unit.first == first && index + unit.count <= range.upperBound
                && scalars[index..<(index + unit.count)].elementsEqual(unit)
            {
                return (known, index + unit.count, approximate)
            }
        }
        return (nil, approximate ? index : start, approximate)
    }

    /// A unit figures are printed with: its name (％ is named %) and what readers ask of it.
    private struct KnownUnit {
        let name: String
        let isPercent: Bool
        let isMoney: Bool
    }

    /// The units, named and classed once.
    private static let knownUnits = CellValue.units.map { unit in
        let printed = String(String.UnicodeScalarView(unit))
        let name = printed == "％" ? "%" : printed
        return KnownUnit(name: name, isPercent: name == "%", isMoney: ["元", "万元", "亿元"].contains(name))
    }

    /// A space within a line (a line break ends what a number is judged by).
    private static func isInlineSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{3000}" || scalar == "\u{A0}"
    }

    /// The character before `start`, past spaces within the line; nil at the range's start.
    private static func wordBefore(_ scalars: [Unicode.Scalar], _ start: Int, _ range: Range<Int>) -> Unicode.Scalar? {
        var index = start
        while index > range.lowerBound, isInlineSpace(scalars[index - 1]) { index -= 1 }
        return index > range.lowerBound ? scalars[index - 1] : nil
    }

    /// The character at `end` or after it, past spaces within the line; nil at the range's end.
    private static func wordAfter(_ scalars: [Unicode.Scalar], _ end: Int, _ range: Range<Int>) -> Unicode.Scalar? {
        var index = end
        while index < range.upperBound, isInlineSpace(scalars[index]) { index += 1 }
        return index < range.upperBound ? scalars[index] : nil
    }

    private static func isItemBoundary(_ scalar: Unicode.Scalar) -> Bool {
        Scalars.isWhitespace(scalar) || Scalars.isSentenceEnd(scalar)
            || [":", "：", "）", ")", "、", "，", ","].contains(scalar)
    }

    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        NumericLiteral.fold(scalar)
    }
}
