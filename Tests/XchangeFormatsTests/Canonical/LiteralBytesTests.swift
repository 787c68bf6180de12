import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Writers format money, facts and dates as bytes; the text must be exactly what
/// `DecimalText.format` and `CalendarDate.description` give, or outputs would change.
struct LiteralBytesTests {
    func literal(_ value: Decimal) -> String {
        LiteralBytes.withLiteral(value) { String(decoding: $0, as: UTF8.self) }
    }

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

    @Test func datesMatchTheirDescription() throws {
        for (year, month, day) in [(1000, 1, 1), (2022, 12, 31), (2024, 2, 29), (9999, 9, 9), (1999, 10, 5)] {
            let date = try #require(CalendarDate(year: year, month: month, day: day))
            #expect(LiteralBytes.withText(date) { String(decoding: $0, as: UTF8.self) } == date.description)
        }
    }
}
