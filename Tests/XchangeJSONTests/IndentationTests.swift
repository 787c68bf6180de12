import Testing

@testable import XchangeJSON

/// Indentation is skipped eight bytes at a time: every run length, wherever it ends against
/// the word boundaries and the end of the input, stops at the first byte that is not a space.
@Suite struct IndentationTests {
    @Test func stopsAtTheFirstByteThatIsNotASpace() {
        for offset in 0..<9 {
            for run in 0..<27 {
                for last: UInt8 in [UInt8(ascii: "{"), UInt8(ascii: "\t"), UInt8(ascii: "\n"), 0x21, 0x1F, 0xE4] {
                    let bytes =
                        [UInt8](repeating: UInt8(ascii: "x"), count: offset)
                        + [UInt8](repeating: 0x20, count: run) + [last, 0x20, 0x20]
                    let end = bytes.withUnsafeBufferPointer {
                        Indentation.end(of: $0.baseAddress!, from: offset, before: $0.count)
                    }
                    #expect(end == offset + run, "offset \(offset), \(run) spaces, then \(last)")
                }
            }
        }
    }

    @Test func aRunOfSpacesToTheEndStopsAtTheEnd() {
        for run in 0..<20 {
            let bytes = [UInt8](repeating: 0x20, count: run) + [UInt8(ascii: "{")]
            // The byte past `end` is a brace: it must not be read as part of the run.
            let end = bytes.withUnsafeBufferPointer { Indentation.end(of: $0.baseAddress!, from: 0, before: run) }
            #expect(end == run)
        }
    }

    @Test func positionsAfterIndentedLinesKeepTheirColumns() throws {
        let text = "{\n" + String(repeating: " ", count: 13) + "\"a\": 1\n" + String(repeating: " ", count: 9) + "x}"
        #expect(parseErrorDescription(text) == "line 3, column 10: expected ',' or '}' after object member, found 'x'")
    }
}
