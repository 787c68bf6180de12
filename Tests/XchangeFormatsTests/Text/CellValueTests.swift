import Foundation
import Testing

@testable import XchangeFormats

/// A table cell's figure as the text reader reads it: its exact number, its whole value, its
/// plain digits (for splitting figures printed together), its unit, and where it ends.
@Suite struct CellValueTests {
    struct Case: CustomStringConvertible, Sendable {
        let cell: String
        let number: String?
        var integer: Int? = nil
        var digits: String? = nil
        var unit: String? = nil
        /// Scalars read, when not the whole cell.
        var end: Int? = nil

        var description: String { cell }
    }

    static let cases: [Case] = [
        Case(cell: "8", number: "8", integer: 8, digits: "8"),
        Case(cell: "２４", number: "24", integer: 24, digits: "24"),
        Case(cell: "251000元", number: "251000", integer: 251_000, unit: "元"),
        Case(cell: "24252.311082", number: "24252.311082"),
        Case(cell: "３．５", number: "3.5"),
        Case(cell: "-3", number: "-3", integer: -3),
        Case(cell: "－3", number: "-3", integer: -3),
        Case(cell: "−12", number: "-12", integer: -12),
        Case(cell: "+5", number: "5", integer: 5, digits: "5"),
        Case(cell: "＋5", number: "5", integer: 5, digits: "5"),
        Case(cell: "1,234", number: "1234", integer: 1234),
        Case(cell: "1,234.5", number: "1234.5"),
        Case(cell: "12,34", number: "12", integer: 12, digits: "12", end: 2),
        Case(cell: "3.", number: "3", integer: 3, digits: "3", end: 1),
        Case(cell: "3.5万", number: "3.5", unit: "万"),
        Case(cell: "50%", number: "50", integer: 50, unit: "%"),
        Case(cell: "50％", number: "50", integer: 50, unit: "%"),
        Case(cell: "2648-18", number: "2648", integer: 2648, digits: "2648", end: 4),
        Case(
            cell: "123456789012345678", number: "123456789012345678", integer: 123_456_789_012_345_678,
            digits: "123456789012345678"),
        Case(cell: "1234567890123456789", number: "1234567890123456789", digits: "1234567890123456789"),
        Case(cell: "三", number: "3", integer: 3),
        Case(cell: "十二件", number: "12", integer: 12, unit: "件"),
        Case(cell: "+三", number: "3", integer: 3),
        Case(cell: "-三", number: nil),
        Case(cell: "-", number: nil),
        Case(cell: "申请", number: nil),
        Case(cell: "", number: nil),
    ]

    @Test(arguments: cases)
    func figuresAreReadExactly(_ expected: Case) throws {
        let scalars = Array(expected.cell.unicodeScalars)[...]
        let parsed = CellValue.parsePrefix(scalars)
        guard let number = expected.number else {
            #expect(parsed == nil)
            return
        }
        let (value, end) = try #require(parsed)
        #expect(value.number == Decimal(string: number))
        #expect(value.integer == expected.integer)
        #expect(value.digits == expected.digits)
        #expect(value.unit == expected.unit)
        #expect(end == expected.end ?? scalars.count)
    }

    /// A figure read from the middle of a text: the slice's own indices.
    @Test func aFigureInsideATextEndsAtItsOwnIndex() throws {
        let scalars = Array("共收到1,024件申请".unicodeScalars)
        let (value, end) = try #require(CellValue.parsePrefix(scalars[3...]))
        #expect(value.integer == 1024 && value.unit == "件" && end == 9)
    }
}
