import Foundation
import XchangeCore

/// Decimal literals and dates written straight into a byte buffer: the text
/// ``DecimalText/format(_:)`` and ``CalendarDate/description`` give, without making a `String`
/// (which costs an allocation and, for `Decimal`, a digit-by-digit division). Writers call
/// these for every money value and fact of every report.
enum LiteralBytes {
    /// Room for the longest literal the fast path writes: a sign, "0.", 38 zeros, 20 digits.
    static let capacity = 64

    /// Calls `body` with the literal of `value`, exactly as ``DecimalText/format(_:)`` words it.
    @inline(__always)
    static func withLiteral<Result>(
        _ value: Decimal, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            if isLayoutKnown, let start = write(value, into: buffer) {
                return try body(UnsafeBufferPointer(rebasing: buffer[start...]))
            }
            var text = DecimalText.format(value)
            return try text.withUTF8(body)
        }
    }

    /// The literal of `value` as a string, exactly as ``DecimalText/format(_:)`` words it:
    /// Foundation's `description`, which that asks, takes about two microseconds a value.
    static func string(_ value: Decimal) -> String {
        withLiteral(value) { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the literal right-aligned in `buffer` (at least ``capacity`` bytes) and returns
    /// where it starts; nil for a value the fast path leaves to Foundation (NaN, more than 64
    /// bits of digits, an exponent beyond ±38, a mantissa not in compact form).
    static func write(_ value: Decimal, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        // Foundation's layout: exponent (Int8), length (high 4 bits) | negative (0x08) |
        // compact (0x04), two reserved bytes, then the mantissa as 8 little-endian UInt16.
        // (Read from memory: the accessors of these parts are not public here.) `isLayoutKnown`
        // checks it once against Foundation's own text.
        let (exponent, flags, low, high) = withUnsafeBytes(of: value) { raw in
            (
                Int(raw.load(as: Int8.self)), raw.load(fromByteOffset: 1, as: UInt8.self),
                raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self)
            )
        }
        let length = flags >> 4
        let isNegative = flags & 0x08 != 0
        var end = buffer.count
        if length == 0 {
            // Zero, whatever its exponent; a "negative" zero is NaN.
            guard !isNegative else { return nil }
            end -= 1
            buffer[end] = UInt8(ascii: "0")
            return end
        }
        guard flags & 0x04 != 0, length <= 4, high == 0, (-38...38).contains(exponent) else { return nil }
        var mantissa = UInt64(littleEndian: low)
        for _ in 0..<max(exponent, 0) {
            end -= 1
            buffer[end] = UInt8(ascii: "0")
        }
        var fractionDigits = -min(exponent, 0)
        repeat {
            end -= 1
            buffer[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: mantissa % 10)
            mantissa /= 10
            fractionDigits -= 1
            if fractionDigits == 0 {
                end -= 1
                buffer[end] = UInt8(ascii: ".")
            }
        } while mantissa != 0
        if fractionDigits >= 0 {
            // Fewer digits than the fraction holds: "0.00ddd".
            while fractionDigits > 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "0")
                fractionDigits -= 1
                if fractionDigits == 0 {
                    end -= 1
                    buffer[end] = UInt8(ascii: ".")
                }
            }
            end -= 1
            buffer[end] = UInt8(ascii: "0")
        }
        if isNegative {
            end -= 1
            buffer[end] = UInt8(ascii: "-")
        }
        return end
    }

    /// Whether `Decimal` is laid out as ``write(_:into:)`` reads it: checked once against
    /// ``DecimalText/format(_:)``, so a different Foundation falls back to it rather than
    /// writing wrong digits.
    static let isLayoutKnown: Bool = {
        let samples = [
            "0", "7", "-12", "65536", "233400", "18446744073709551615", "-12.5", "0.00003", "42000", "12.34", "0.5",
        ].compactMap { DecimalText.parse($0) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            samples.allSatisfy { sample in
                guard let start = write(sample, into: buffer) else { return false }
                return String(decoding: buffer[start...], as: UTF8.self) == DecimalText.format(sample)
            }
        }
    }()

    /// Calls `body` with `YYYY-MM-DD`, exactly as ``CalendarDate/description`` words it.
    @inline(__always)
    static func withText<Result>(
        _ date: CalendarDate, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        guard (1000...9999).contains(date.year), (1...12).contains(date.month), (1...31).contains(date.day) else {
            var text = date.description
            return try text.withUTF8(body)
        }
        var bytes: (UInt64, UInt16) = (0, 0)
        return try withUnsafeMutableBytes(of: &bytes) { raw in
            let zero = UInt8(ascii: "0")
            let year = date.year
            raw[0] = zero &+ UInt8(truncatingIfNeeded: year / 1000)
            raw[1] = zero &+ UInt8(truncatingIfNeeded: year / 100 % 10)
            raw[2] = zero &+ UInt8(truncatingIfNeeded: year / 10 % 10)
            raw[3] = zero &+ UInt8(truncatingIfNeeded: year % 10)
            raw[4] = UInt8(ascii: "-")
            raw[5] = zero &+ UInt8(truncatingIfNeeded: date.month / 10)
            raw[6] = zero &+ UInt8(truncatingIfNeeded: date.month % 10)
            raw[7] = UInt8(ascii: "-")
            raw[8] = zero &+ UInt8(truncatingIfNeeded: date.day / 10)
            raw[9] = zero &+ UInt8(truncatingIfNeeded: date.day % 10)
            return try body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<10]))
        }
    }
}
