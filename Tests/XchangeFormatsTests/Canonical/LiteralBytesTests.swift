import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Writers format money, facts and dates as bytes; the text must be exactly what
/// `DecimalText.format` and `CalendarDate.description` give, or outputs would change.
struct LiteralBytesTests {
    func literal(_ value: Decimal) -> String { LiteralBytes.string(value) }

    @Test func decimalLayoutIsRecognised() {
        // Otherwise every value takes the slow path: right, but the speed is gone.
        #expect(LiteralBytes.isLayoutKnown)
        var buffer = [UInt8](repeating: 0, count: LiteralBytes.capacity)
        let start = buffer.withUnsafeMutableBufferPointer { LiteralBytes.write(DecimalText.parse("-0.05")!, into: $0) }
        #expect(start.map { String(decoding: buffer[$0...], as: UTF8.self) } == "-0.05")
    }

    @Test func parsedDecimalsMatchDecimalText() throws {
        var literals = ["0", "0.0", "-0", "0.00", "1e3", "1E-5", "120e-1", "007.50", "-12.50", "233400", "1.000"]
        for digits in ["1", "5", "12", "105", "999", "1234567", "90071992547409931", "18446744073709551615"] {
            for exponent in [-40, -38, -21, -20, -7, -3, -2, -1, 0, 1, 2, 5, 19, 38, 40] {
                literals.append(digits + "e" + String(exponent))
                literals.append("-" + digits + "e" + String(exponent))
            }
        }
        literals += [
            "18446744073709551616", "123456789012345678901234567890.5", "-0.000000000000000000000000000000000000001",
        ]
        for text in literals {
            let value = try #require(DecimalText.parse(text), "\(text)")
            #expect(literal(value) == DecimalText.format(value), "\(text)")
        }
    }

    @Test func computedDecimalsMatchDecimalText() {
        // Arithmetic can leave a mantissa that is not in compact form; those take Foundation's path.
        var values: [Decimal] = [.nan, Decimal(0), Decimal(-7), Decimal(Int.max), Decimal(Int.min), Decimal(0.1)]
        var value = Decimal(1)
        for _ in 0..<45 {
            value *= 10
            values += [value, 1 / value, value + Decimal(0.5), -value / 3]
        }
        values += [Decimal(1) / Decimal(3), Decimal(2) / Decimal(8) * Decimal(100), Decimal(12.5) - Decimal(12.5)]
        for value in values {
            #expect(literal(value) == DecimalText.format(value), "\(value)")
        }
    }

    @Test func wholeNumbersAreReadAsFoundationReadsThem() throws {
        // Foundation's own answer: whole (rounding down changes nothing) and below 10^15. (It
        // would take NaN for 0: NaN equals itself rounded there.)
        #expect(Decimal.nan.exactInteger == nil)
        func foundationInteger(_ value: Decimal) -> Int? {
            var copy = value
            var whole = Decimal()
            NSDecimalRound(&whole, &copy, 0, .down)
            guard value == whole, abs(value) < 1_000_000_000_000_000 else { return nil }
            return NSDecimalNumber(decimal: value).intValue
        }
        var values: [Decimal] = [Decimal(0), Decimal(-7), Decimal(Int.max), Decimal(Int.min)]
        for text in [
            "0.5", "-0.5", "12.50", "120e-1", "999999999999999", "1000000000000000", "-999999999999999", "1e14",
        ] {
            values.append(try #require(DecimalText.parse(text)))
        }
        var power = Decimal(1)
        for _ in 0..<20 {
            power *= 10
            values += [power, power - 1, -power + 1, power / 4, power * 3 / 10, Decimal(1) / power]
        }
        for value in values {
            #expect(value.exactInteger == foundationInteger(value), "\(value)")
        }
    }

    @Test func datesMatchTheirDescription() throws {
        for (year, month, day) in [(1000, 1, 1), (2022, 12, 31), (2024, 2, 29), (9999, 9, 9), (1999, 10, 5)] {
            let date = try #require(CalendarDate(year: year, month: month, day: day))
            #expect(LiteralBytes.withText(date) { String(decoding: $0, as: UTF8.self) } == date.description)
        }
    }
}
