import Testing

@testable import XchangeYAML

@Suite("Marks over input chunks")
struct MarkTests {
    /// The word-at-a-time count over a chunk lands where the byte-by-byte walk does, for
    /// chunks with and without line breaks, Chinese text, and every length around a word.
    @Test func chunksAdvanceMarksAsBytesDo() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let pieces: [[UInt8]] = [Array("\n".utf8), Array("a".utf8), Array("中".utf8), Array(": ".utf8), [0x0B]]
        for length in 0..<200 {
            // Every fifth chunk has no line break at all.
            let choices = length % 5 == 0 ? Array(pieces.dropFirst()) : pieces
            var bytes: [UInt8] = []
            while bytes.count < length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes += choices[Int(state >> 33) % choices.count]
            }
            let start = YAMLMark(line: 3, column: 5)
            let fast = bytes.withUnsafeBufferPointer { start.advanced(overChunk: $0) }
            #expect(fast == start.advanced(over: bytes), "\(bytes)")
        }
        let noBreak = Array("某市人民政府".utf8)
        #expect(
            noBreak.withUnsafeBufferPointer { YAMLMark(line: 1, column: 2).advanced(overChunk: $0) }
                == YAMLMark(line: 1, column: 8))
    }
}
