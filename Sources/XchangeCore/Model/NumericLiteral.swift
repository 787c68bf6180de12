import Foundation

/// The one reader of numeric literals (`-12`, `0.0001`, `1e3`) for every format.
///
/// The fast path reads the common shapes straight from bytes: a whole number of at most 18
/// digits becomes an `Int` without going through `Decimal`, and a plain decimal of at most 18
/// digits becomes an exact `Decimal` from its digits and scale. Everything else — exponents,
/// longer literals — goes to ``DecimalText/parse(_:)``, which is exact but slower.
public enum NumericLiteral {
    /// A whole number: an optional sign and 1–18 ASCII digits (leading zeros allowed). Nil for
    /// anything else, including a fraction or an exponent.
    @inlinable
    public static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var position = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { position = 1 }
        let count = bytes.count - position
        guard count > 0, count <= 18 else { return nil }
        var value = 0
        while position < bytes.count {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
            position &+= 1
        }
        return negative ? -value : value
    }

    /// ``integer(_:)`` for text, also for 19 digits (up to `Int.max`).
    public static func integer(_ text: some StringProtocol) -> Int? {
        var text = String(text)
        if let value = text.withUTF8({ integer($0) }) { return value }
        let body = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        return Int(text)
    }

    /// A decimal with no exponent: an optional `-`, 1–18 ASCII digits with at most one `.`
    /// between two of them, read exactly. Nil for anything else.
    @inlinable
    public static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        guard bytes.count > start, bytes.count - start <= 19 else { return nil }
        var significand: UInt64 = 0
        var scale = 0
        var point = -1
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ".") {
                guard point < 0, position > start, position < bytes.count - 1 else { return nil }
                point = position
            } else {
                let digit = byte &- 0x30
                guard digit < 10 else { return nil }
                significand = significand &* 10 &+ UInt64(digit)
                if point >= 0 { scale &+= 1 }
            }
            position &+= 1
        }
        // 19 bytes are 18 digits only when one of them is the point.
        guard point >= 0 || bytes.count - start <= 18 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
    }

    /// Any decimal literal of the JSON number grammar (leading zeros and `+` allowed), exactly:
    /// the fast path first, then ``DecimalText/parse(_:)``.
    public static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        if let plain = plainDecimal(bytes) { return plain }
        return DecimalText.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// ``decimal(_:)`` for text.
    public static func decimal(_ text: some StringProtocol) -> Decimal? {
        var text = String(text)
        return text.withUTF8 { decimal($0) }
    }

    /// A whole number in any literal form (`12`, `-3`, `1.0`, `1e3`); nil for a fraction or
    /// a value beyond `Int`.
    public static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let value = integer(bytes) { return value }
        guard let number = decimal(bytes) else { return nil }
        var value = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard rounded == number, abs(number) < Decimal(Int.max) else { return nil }
        return NSDecimalNumber(decimal: number).intValue
    }

    /// ``wholeNumber(_:)`` for text.
    public static func wholeNumber(_ text: some StringProtocol) -> Int? {
        var text = String(text)
        return text.withUTF8 { wholeNumber($0) }
    }

    /// Whether the bytes are a decimal literal that ``decimal(_:)`` reads; cheaper than reading
    /// it when the number itself is not needed (a percentage keeps its digits).
    public static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if plainDecimal(bytes) != nil { return true }
        return decimal(bytes) != nil
    }

    /// Folds full-width digits, signs, points and separators to ASCII and drops thousands
    /// separators that sit between digit groups (`１,２３４` → `1234`), so the readers above
    /// see the number a table cell or a report sentence prints.
    public static func folded(_ text: some StringProtocol) -> String {
        // Plain ASCII without a comma, most cells, has nothing to fold. (The comma is looked for
        // in the bytes: `String.contains` goes through Foundation's search, ~3,000 instructions.)
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: ",") }) { return String(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(fold(scalar)) }
        let folded = String(scalars)
        guard folded.utf8.contains(UInt8(ascii: ",")) else { return folded }
        // Only a well-formed grouping is a thousands separator; "1,2" stays as it is (and fails).
        let parts = folded.split(separator: ",", omittingEmptySubsequences: false)
        let head = parts[0].drop { $0 == "-" || $0 == "+" }
        guard (1...3).contains(head.count), head.allSatisfy(\.isASCIIDigit) else { return folded }
        for (position, part) in parts.enumerated().dropFirst() {
            let isLast = position == parts.count - 1
            guard part.prefix(while: \.isASCIIDigit).count == 3, isLast || part.count == 3 else { return folded }
        }
        return parts.joined()
    }

    /// One scalar folded: full-width digits, `＋－．，％` and the minus sign U+2212 to ASCII;
    /// anything else unchanged.
    @inlinable
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF10...0xFF19, 0xFF0B, 0xFF0D, 0xFF0E, 0xFF0C, 0xFF05: Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x2212: "-"
        default: scalar
        }
    }
}
