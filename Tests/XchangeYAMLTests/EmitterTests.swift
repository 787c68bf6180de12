import Testing
import XchangeYAML

@Suite("Emitting YAML")
struct EmitterTests {
    @Test func reportShapedDocument() throws {
        let text = try emitYAML { emitter in
            try emitter.beginDocument(explicitStart: false)
            try emitter.beginMapping()
            try emitter.string("title")
            try emitter.string("2023年度政府信息公开工作报告")
            try emitter.string("year")
            try emitter.plain("2023")
            try emitter.string("code")
            try emitter.string("0012")
            try emitter.string("counts")
            try emitter.beginMapping()
            try emitter.string("received")
            try emitter.plain("12")
            try emitter.string("missing")
            try emitter.plain("null")
            try emitter.endMapping()
            try emitter.string("pages")
            try emitter.beginSequence(flow: true)
            try emitter.plain("1")
            try emitter.plain("2")
            try emitter.endSequence()
            try emitter.string("notes")
            try emitter.beginSequence()
            try emitter.string("")
            try emitter.string(" padded ")
            try emitter.string("a: b")
            try emitter.endSequence()
            try emitter.string("text")
            try emitter.string("一、总体情况\n　　本年度……\n")
            try emitter.endMapping()
            try emitter.endDocument()
        }
        #expect(
            text == """
                title: 2023年度政府信息公开工作报告
                year: 2023
                code: "0012"
                counts:
                  received: 12
                  missing: null
                pages: [1, 2]
                notes:
                - ""
                - " padded "
                - 'a: b'
                text: |
                  一、总体情况
                  　　本年度……

                """)
    }

    @Test func documentsAfterTheFirstAreSeparated() throws {
        let text = try emitYAML { emitter in
            for value in ["一", "二"] {
                try emitter.beginDocument(explicitStart: false)
                try emitter.beginMapping()
                try emitter.string("第")
                try emitter.string(value)
                try emitter.endMapping()
                try emitter.endDocument()
            }
            try emitter.beginDocument(explicitStart: true)
            try emitter.string("三")
            try emitter.endDocument()
        }
        #expect(text == "第: 一\n---\n第: 二\n--- 三\n")
    }

    @Test func longLinesAreNotFolded() throws {
        let line = String(repeating: "政府信息公开 ", count: 2_000) + "完"
        let text = try emitStringDocument(line)
        #expect(text == line + "\n")
        #expect(try parse(text).first?.scalar?.value == line)
    }

    @Test func outputArrivesInLargeChunks() throws {
        var chunks: [[UInt8]] = []
        let emitter = YAMLEmitter { chunks.append($0) }
        try emitter.beginStream()
        for index in 0..<20_000 {
            try emitter.beginDocument(explicitStart: false)
            try emitter.beginMapping()
            try emitter.string("index")
            try emitter.plain(String(index))
            try emitter.string("text")
            try emitter.string("第\(index)份报告的正文内容")
            try emitter.endMapping()
            try emitter.endDocument()
        }
        #expect(chunks.count > 2)
        try emitter.endStream()
        for chunk in chunks.dropLast() {
            #expect(chunk.count >= 64 * 1024)
            #expect(chunk.count <= 96 * 1024)
        }
        let documents = try parseYAMLDocuments(chunks.flatMap { $0 })
        #expect(documents.count == 20_000)
        #expect(documents.last?["text"]?.scalar?.value == "第19999份报告的正文内容")
    }

    @Test func flushHandsOverWhatIsWritten() throws {
        var received: [UInt8] = []
        let emitter = YAMLEmitter { received.append(contentsOf: $0) }
        try emitter.beginStream()
        try emitter.beginDocument(explicitStart: false)
        try emitter.string("first")
        try emitter.endDocument()
        try emitter.flush()
        #expect(String(decoding: received, as: UTF8.self) == "first\n")
    }

    struct SinkFull: Error, Equatable {}

    @Test func sinkErrorsReachTheCaller() throws {
        let emitter = YAMLEmitter { _ in throw SinkFull() }
        try emitter.beginStream()
        try emitter.beginDocument(explicitStart: false)
        try emitter.beginSequence()
        #expect(throws: SinkFull.self) {
            for _ in 0..<100_000 { try emitter.string("filler text to fill the buffer") }
        }
        #expect(throws: SinkFull.self) { try emitter.endSequence() }
    }

    @Test func callsOutOfOrderAreErrors() throws {
        let emitter = YAMLEmitter { _ in }
        try emitter.beginStream()
        #expect(throws: YAMLError(message: "expected DOCUMENT-START or STREAM-END")) {
            try emitter.string("no document")
        }
    }

    @Test func plainWritesNumbersAsGiven() throws {
        for value in ["12", "-3.5", "1e6", "true", "null", "0x1F"] {
            #expect(
                try emitYAML { emitter in
                    try emitter.beginDocument(explicitStart: false)
                    try emitter.plain(value)
                    try emitter.endDocument()
                } == value + "\n")
        }
    }
}
