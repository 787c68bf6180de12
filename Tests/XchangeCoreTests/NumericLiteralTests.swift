import Foundation
import Testing
import XchangeCore

/// The one numeric-literal reader: its fast path and its exact fallback agree.
struct NumericLiteralTests {
    func bytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test(arguments: [("0", 0), ("-12", -12), ("+7", 7), ("007", 7), ("999999999999999999", 999_999_999_999_999_999)])
    func wholeNumbersAreReadFromBytes(_ text: String, _ value: Int) {
        #expect(bytes(text) { NumericLiteral.integer($0) } == value)
        #expect(NumericLiteral.integer(text) == value)
    }

    @Test(arguments: ["", "-", "1.5", "1e3", "12a", " 1", "9223372036854775808"])
    func otherTextIsNoWholeNumber(_ text: String) {
        #expect(NumericLiteral.integer(text) == nil)
    }

    @Test func nineteenDigitsAreReadUpToIntMax() {
        #expect(NumericLiteral.integer("9223372036854775807") == Int.max)
    }

    @Test(arguments: [
        "0.0001", "12.50", "-3.25", "233400", "1e3", "-1.5E-2", "123456789012345678.5", "0.10000000000000000001",
    ])
    func decimalsAreExactOnBothPaths(_ text: String) throws {
        let expected = try #require(DecimalText.parse(text))
        #expect(NumericLiteral.decimal(text) == expected)
        #expect(bytes(text) { NumericLiteral.isDecimal($0) })
    }

    @Test(arguments: [".5", "1.", "1..2", "--1", "1e", "abc", ""])
    func malformedDecimalsAreRefused(_ text: String) {
        #expect(NumericLiteral.decimal(text) == nil)
        #expect(bytes(text) { NumericLiteral.plainDecimal($0) } == nil)
    }

    @Test(arguments: [("12", 12), ("1.0", 1), ("1e3", 1000), ("-4.00", -4)])
    func wholeNumbersInAnyForm(_ text: String, _ value: Int) {
        #expect(NumericLiteral.wholeNumber(text) == value)
    }

    @Test func fractionsAreNoWholeNumber() {
        #expect(NumericLiteral.wholeNumber("1.5") == nil)
    }

    @Test(arguments: [("１２３", "123"), ("－５．５％", "-5.5%"), ("1,234,567", "1234567"), ("1,2", "1,2"), ("−3", "-3")])
    func fullWidthAndGroupedDigitsAreFolded(_ text: String, _ folded: String) {
        #expect(NumericLiteral.folded(text) == folded)
    }
}
