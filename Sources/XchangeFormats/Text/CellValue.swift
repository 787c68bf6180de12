import Foundation
import XchangeCore

/// A figure as a table cell prints it: `8`, `２４`, `251000元`, `24252.311082`, `-3`, `三`.
struct CellValue: Hashable {
    /// The number, exactly.
    let number: Decimal
    /// The unit printed with it, if any.
    let unit: String?
    /// The plain digit string when the cell is nothing but digits: the input of splitting
    /// cells that were printed without separators.
    let digits: String?
    /// The number as `Decimal.exactInteger` gives it, worked out once when the cell is read
    /// (asking a `Decimal` costs thousands of instructions, and every cell asks).
    let integer: Int?

    /// Units that cells and narrative print after figures, longest first.
    static let units = [
        "万平方米", "平方米", "万人次", "人次", "万元", "亿元", "元", "批次", "件次", "万人", "万次", "万条", "万件", "万",
        "小时", "公里",
        "件", "个", "项", "条", "次", "人", "名", "位", "家", "户", "份", "宗", "篇", "期", "场", "起", "批", "天",
        "亩", "米", "%", "％",
    ].map { Array($0.unicodeScalars) }

    /// The length of the longest unit, in scalars.
    static let longestUnit = units.map(\.count).max() ?? 0

    /// The unit `scalars` spell, whole (％ named %); nil when they are not one.
    static func unit(exactly scalars: ArraySlice<Unicode.Scalar>) -> String? {
        guard let unit = units.first(where: { $0.elementsEqual(scalars) }) else { return nil }
        return unit == ["％"] ? "%" : String(String.UnicodeScalarView(unit))
    }

    /// The characters a unit starts with.
    static let unitStarts = ScalarBitmap(units.compactMap(\.first))

    /// Reads a whole cell: a number (ASCII or full-width digits, thousands separators, a sign,
    /// a fraction) or a Chinese numeral, optionally followed by a unit. Nil for anything else.
    static func parse(_ scalars: ArraySlice<Unicode.Scalar>) -> CellValue? {
        guard let (value, end) = parsePrefix(scalars), end == scalars.endIndex else { return nil }
        return value
    }

    /// Reads a figure at the start of `scalars`; returns it and where it (with its unit) ends.
    static func parsePrefix(_ scalars: ArraySlice<Unicode.Scalar>) -> (CellValue, Int)? {
        var index = scalars.startIndex
        var isNegative = false
        if index < scalars.endIndex, let sign = sign(scalars[index]) {
            isNegative = sign < 0
            index += 1
        }
        // First where the figure ends, its whole value and its shape; then its ASCII spelling
        // ("-1234.5") in a buffer on the stack, for the exact decimal. Cells are read by the
        // hundred per report: no array to grow, nor a string, for each.
        let digitStart = index
        var digitCount = 0
        var sawPoint = false
        var magnitude = 0
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if let digit = Scalars.digit(scalar) {
                if !sawPoint, digitCount < 18 { magnitude = magnitude * 10 + digit }
                digitCount += 1
                index += 1
            } else if scalar == "." || scalar == "．", !sawPoint, index > digitStart,
                index + 1 < scalars.endIndex, Scalars.isDigit(scalars[index + 1])
            {
                sawPoint = true
                index += 1
            } else if scalar == ",", !sawPoint, index > digitStart, isThousandsGroup(scalars, at: index + 1) {
                index += 1
            } else {
                break
            }
        }
        var number: Decimal?
        var plainDigits: String?
        var integer: Int?
        if index > digitStart {
            let figure = scalars[digitStart..<index]
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: figure.count + 1) { buffer in
                var length = 0
                if isNegative {
                    buffer[0] = UInt8(ascii: "-")
                    length = 1
                }
                for scalar in figure {
                    if let digit = Scalars.digit(scalar) {
                        buffer[length] = UInt8(48 + digit)
                    } else if scalar == "," {
                        continue  // a thousands separator: not spelled
                    } else {
                        buffer[length] = UInt8(ascii: ".")
                    }
                    length += 1
                }
                let spelling = UnsafeBufferPointer(rebasing: buffer[..<length])
                number = NumericLiteral.decimal(spelling)
                // Without sign, point or thousands separators the spelling is the plain digits.
                if !sawPoint, !isNegative, digitCount == figure.count {
                    plainDigits = String(decoding: spelling, as: UTF8.self)
                }
            }
            if !sawPoint, digitCount <= 18 {
                integer = isNegative ? -magnitude : magnitude
            } else {
                integer = number?.exactInteger
            }
        } else if !isNegative {
            // A Chinese numeral ("三"), after a plus sign or none.
            var end = index
            while end < scalars.endIndex, ChineseNumeral.isNumeral(scalars[end]) { end += 1 }
            if end > index, let value = ChineseNumeral.value(scalars[index..<end]) {
                number = Decimal(value)
                integer = Decimal(value).exactInteger
                index = end
            }
        }
        guard let number else { return nil }
        var unit: String?
        // Most cells end with their figure; a unit is looked for only where one can start.
        if index < scalars.endIndex, unitStarts.contains(scalars[index]) {
            for candidate in units where matches(candidate, in: scalars, at: index) {
                unit = String(String.UnicodeScalarView(candidate))
                index += candidate.count
                break
            }
        }
        if unit == "％" { unit = "%" }
        return (
            CellValue(number: number, unit: unit, digits: unit == nil ? plainDigits : nil, integer: integer), index
        )
    }

    /// −1 or +1 for a sign a figure can start with ("-", "－", "−", "+", "＋"), else nil.
    private static func sign(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "-", "－", "−": -1
        case "+", "＋": 1
        default: nil
        }
    }

    private static func isThousandsGroup(_ scalars: ArraySlice<Unicode.Scalar>, at index: Int) -> Bool {
        guard index + 3 <= scalars.endIndex else { return false }
        for offset in 0..<3 where !Scalars.isDigit(scalars[index + offset]) { return false }
        return index + 3 == scalars.endIndex || !Scalars.isDigit(scalars[index + 3])
    }

    static func matches(_ pattern: [Unicode.Scalar], in scalars: ArraySlice<Unicode.Scalar>, at index: Int) -> Bool {
        guard index + pattern.count <= scalars.endIndex else { return false }
        for (offset, scalar) in pattern.enumerated() where scalars[index + offset] != scalar { return false }
        return true
    }

    /// The cell as a value of `field`, converting 元 to the 万元 a field is kept in; nil with a
    /// reason when it cannot be one (a fraction in a count, a negative count).
    func fieldValue(for field: FieldDescriptor) -> Result<FieldValue, ValueProblem> {
        var amount = number
        // The whole number the amount is, while it is the number as printed.
        var wholeAmount = integer
        if unit == "万" {
            amount = number * 10000
            wholeAmount = nil
        }
        if let fieldUnit = field.unit, let unit, unit != fieldUnit, unit != "万" {
            wholeAmount = nil
            switch (unit, fieldUnit) {
            case ("元", "万元"): amount = number / 10000
            case ("万元", "元"): amount = number * 10000
            case (_, _) where field.kind == .money:
                return .failure(ValueProblem("the cell is in \(unit), the field in \(fieldUnit)"))
            default: break
            }
        }
        switch field.kind {
        case .count, .signedCount:
            guard let integer = wholeAmount ?? amount.exactInteger else {
                return .failure(ValueProblem("\(LiteralBytes.string(number)) is not a whole number"))
            }
            let value = FieldValue.integer(integer)
            guard value.conforms(to: field.kind) else { return .failure(ValueProblem("a count cannot be negative")) }
            return .success(value)
        case .money:
            guard amount >= 0 else { return .failure(ValueProblem("an amount cannot be negative")) }
            return .success(.decimal(amount))
        case .percentage:
            guard let percentage = Percentage(reported: LiteralBytes.string(number)) else {
                return .failure(ValueProblem("not a percentage"))
            }
            return .success(.percentage(percentage))
        default:
            return .failure(ValueProblem("not a figure field"))
        }
    }
}

extension Decimal {
    /// The value as an `Int` when it is a whole number of a size counts have (below 10^15),
    /// read from the digits of its literal: asking Foundation took about 2,000 instructions.
    var exactInteger: Int? {
        LiteralBytes.withLiteral(self) { literal in
            var digits = literal[...]
            let isNegative = digits.first == UInt8(ascii: "-")
            if isNegative { digits = digits.dropFirst() }
            // A whole number's literal is its digits alone: no point, no exponent.
            guard (1...15).contains(digits.count) else { return nil }
            var value = 0
            for byte in digits {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return isNegative ? -value : value
        }
    }
}
