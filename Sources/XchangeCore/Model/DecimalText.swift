import Foundation

/// Exact conversion between decimal literals and `Decimal`, independent of locale.
public enum DecimalText {
    /// Parses `-12.50`, `0.0001`, `1e3`: an optional sign, digits with an optional fraction,
    /// an optional exponent. Returns nil for anything else (including `.5`, `1.`, `NaN`).
    public static func parse(_ text: some StringProtocol) -> Decimal? {
        let bytes = Array(text.utf8)
        guard isLiteral(bytes) else { return nil }
        return Decimal(string: String(text), locale: posix)
    }

    /// The shortest exact literal for a decimal: `0.0001`, `12.5`, `233400`.
    public static func format(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 38, .plain)
        return rounded.description
    }

    /// Whether the bytes are a plain decimal literal (JSON number grammar, leading zeros allowed).
    static func isLiteral(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > integerStart else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart, index - exponentStart <= 3 else { return false }
        }
        return index == bytes.count
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static let posix = Locale(identifier: "en_US_POSIX")
}
