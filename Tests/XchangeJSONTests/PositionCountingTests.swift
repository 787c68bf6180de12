import Testing
import XchangeSynthetic

@testable import XchangeJSON

/// ``JSONPosition/advanced(to:in:from:)`` counts eight bytes at a time where it can: its line
/// and column must be those of counting byte by byte, at every offset, over Chinese text,
/// four-byte scalars, line feeds and carriage returns in any place.
struct PositionCountingTests {
    /// Line and column of every offset of `bytes`, counted one byte at a time from (1, 1).
    func countedOneByOne(_ bytes: [UInt8]) -> [JSONPosition] {
        var positions: [JSONPosition] = []
        var line = 1
        var column = 1
        for byte in bytes {
            positions.append(JSONPosition(line: line, column: column))
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        positions.append(JSONPosition(line: line, column: column))
        return positions
    }

    @Test(arguments: 0..<20)
    func everyOffsetHasTheLineAndColumnOfCountingOneByOne(_ seed: Int) {
        let pieces = ["政府信息公开", "\"key\": 12, ", "\n", "\r\n", "😀", "a", "é", "  ", "\n\n"]
        var generator = SyntheticRandom(seed: UInt64(seed))
        var text = ""
        for _ in 0..<(40 + seed * 10) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
        let bytes = Array(text.utf8)
        let expected = countedOneByOne(bytes)
        // Every offset, and a sparse ascending selection, from the start and from within.
        let start = seed % 3
        let all = Array(start...bytes.count)
        let sparse = all.filter { _ in generator.next() % 5 == 0 }
        bytes.withUnsafeBufferPointer { buffer in
            for offsets in [all, sparse] {
                let found = expected[start].advanced(to: offsets, in: buffer.baseAddress!, from: start)
                #expect(found == offsets.map { expected[$0] })
            }
        }
    }
}
