import Testing
import XchangeYAML

@Suite("Writing YAML")
struct WriterTests {
    @Test func outputArrivesInLargeChunks() throws {
        var chunks: [[UInt8]] = []
        let writer = YAMLWriter { chunks.append($0) }
        for index in 0..<20_000 {
            try writer.beginDocument(explicitStart: false)
            try writer.beginMapping()
            try writer.string("index")
            try writer.integer(index)
            try writer.string("text")
            try writer.string("第\(index)份报告的正文内容")
            try writer.endMapping()
            try writer.endDocument()
        }
        #expect(chunks.count > 2)
        try writer.endStream()
        for chunk in chunks.dropLast() {
            #expect(chunk.count >= 64 * 1024)
            #expect(chunk.count <= 65 * 1024)
        }
        let documents = try parseYAMLDocuments(chunks.flatMap { $0 })
        #expect(documents.count == 20_000)
        #expect(documents.last?["text"]?.scalar?.value == "第19999份报告的正文内容")
    }

    struct SinkFull: Error, Equatable {}

    @Test func sinkErrorsReachTheCallerAndStick() throws {
        let writer = YAMLWriter { _ in throw SinkFull() }
        try writer.beginDocument(explicitStart: false)
        try writer.beginSequence()
        #expect(throws: SinkFull.self) {
            for _ in 0..<100_000 { try writer.string("filler text to fill the buffer") }
        }
        #expect(throws: SinkFull.self) { try writer.endSequence() }
    }

    @Test func callsOutOfOrderAreErrors() throws {
        #expect(throws: YAMLError.self) { try YAMLWriter { _ in }.string("no document") }
        #expect(throws: YAMLError.self) {
            let writer = YAMLWriter { _ in }
            try writer.beginDocument(explicitStart: false)
            try writer.endDocument()
        }
        #expect(throws: YAMLError.self) {
            let writer = YAMLWriter { _ in }
            try writer.beginDocument(explicitStart: false)
            try writer.beginMapping()
            try writer.endSequence()
        }
        #expect(throws: YAMLError.self) {
            let writer = YAMLWriter { _ in }
            try writer.beginDocument(explicitStart: false)
            try writer.beginMapping()
            try writer.beginMapping()
        }
    }

    @Test func truncatedUTF8IsNeverReadPastItsEnd() throws {
        for bytes: [UInt8] in [[0xC2], [0x61, 0xE2], [0xE2, 0x80], [0xEF, 0xBB], [0xF0, 0x9F, 0x98], [0xED]] {
            var written: [UInt8] = []
            let writer = YAMLWriter { written += $0 }
            try writer.beginDocument(explicitStart: false)
            try writer.beginMapping()
            try bytes.withUnsafeBufferPointer { try writer.string(utf8: $0) }
            try bytes.withUnsafeBufferPointer { try writer.key(permanent: $0) }
            try writer.endMapping()
            try writer.endDocument()
            try writer.endStream()
            #expect(!written.isEmpty)
        }
    }
}
