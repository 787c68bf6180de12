import Testing
import XchangeYAML

/// Documents written by one writer and put into another's stream
/// (``YAMLWriter/continueAfterDocuments(openEnded:)``) must give the bytes one writer gives.
@Suite("Documents written apart")
struct WriterContinuationTests {
    /// Values that end a document in every way a scalar can: plain, quoted, broken over
    /// lines, literal blocks that strip, clip or keep their line breaks, empty collections.
    static let endings: [String] =
        WriterDifferentialTests.awkward + ["kept\n\n", "clipped\n", "stripped\nlines", "多行\n\n\n", "\n\n"]

    /// Writes one document holding `value` last, at the end of nested collections, `---` first.
    static func document(_ value: String, _ writer: YAMLWriter) throws {
        try writer.beginDocument(explicitStart: true)
        try writer.beginMapping()
        try writer.string("text")
        try writer.string(value)
        try writer.string("list")
        try writer.beginSequence()
        try writer.beginMapping()
        try writer.string("value")
        try writer.string(value)
        if value.count % 3 == 0 {
            // Some documents end in an empty collection instead.
            try writer.string("none")
            try writer.beginSequence()
            try writer.endSequence()
        }
        try writer.endMapping()
        try writer.endSequence()
        try writer.endMapping()
        try writer.endDocument()
    }

    /// The bytes of `values` as documents, one writer throughout.
    static func inOneGo(_ values: some Sequence<String>) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let writer = YAMLWriter { bytes += $0 }
        for value in values { try document(value, writer) }
        try writer.endStream()
        return bytes
    }

    @Test func aDocumentAfterAnyOtherIsWhatAFreshWriterWrites() throws {
        var bytes: [UInt8] = []
        let writer = YAMLWriter { bytes += $0 }
        for (index, value) in Self.endings.enumerated() {
            // What the writer writes after the previous document, in every way it could end …
            bytes.removeAll()
            try Self.document(value, writer)
            try writer.flush()
            // … is what a writer that has written nothing writes.
            var fresh: [UInt8] = []
            let freshWriter = YAMLWriter { fresh += $0 }
            try Self.document(value, freshWriter)
            try freshWriter.flush()
            #expect(bytes == fresh, "document \(index), \(value.debugDescription)")
            #expect(writer.isOpenEnded == freshWriter.isOpenEnded)
        }
    }

    @Test func piecesWrittenApartGiveTheBytesOfOneWriter() throws {
        let values = Self.endings
        let expected = try Self.inOneGo(values)
        for pieceLength in [1, 2, 3, 7, 40] {
            var bytes: [UInt8] = []
            let main = YAMLWriter { bytes += $0 }
            // Every other piece goes through a writer of its own, into memory, used for piece after piece.
            let apart = YAMLWriter(chunkSize: .max) { _ in Issue.record("a piece went to the sink") }
            var start = 0
            var piece = 0
            while start < values.count {
                let end = min(start + pieceLength, values.count)
                if piece % 2 == 0 {
                    for value in values[start..<end] { try Self.document(value, apart) }
                    try main.flush()
                    apart.drain { bytes += $0 }
                    try main.continueAfterDocuments(openEnded: apart.isOpenEnded)
                } else {
                    for value in values[start..<end] { try Self.document(value, main) }
                }
                start = end
                piece += 1
            }
            try main.endStream()
            #expect(bytes == expected, "pieces of \(pieceLength) documents")
        }
    }

    @Test func aStreamEndingInAKeptBlockWrittenApartEndsWithDocumentEnd() throws {
        for values in [["a", "kept\n\n"], ["kept\n\n"], ["kept\n\n", "a"]] {
            let expected = try Self.inOneGo(values)
            var bytes: [UInt8] = []
            let main = YAMLWriter { bytes += $0 }
            let apart = YAMLWriter(chunkSize: .max) { _ in }
            for value in values { try Self.document(value, apart) }
            apart.drain { bytes += $0 }
            try main.continueAfterDocuments(openEnded: apart.isOpenEnded)
            try main.endStream()
            #expect(bytes == expected)
            #expect(
                String(decoding: bytes, as: UTF8.self).hasSuffix("\n...\n") == (values.last == "kept\n\n"),
                "\(values)")
        }
    }

    @Test func documentsWrittenApartAreRefusedInsideADocumentOrAheadOfBufferedOutput() throws {
        let inside = YAMLWriter { _ in }
        try inside.beginDocument(explicitStart: true)
        #expect(throws: YAMLError.self) { try inside.continueAfterDocuments(openEnded: false) }

        let buffered = YAMLWriter { _ in }
        try Self.document("a", buffered)
        #expect(throws: YAMLError.self) { try buffered.continueAfterDocuments(openEnded: false) }
        #expect(throws: YAMLError.self) { try buffered.endStream() }
    }

    @Test func drainingHandsOverEverythingAndEmptiesTheWriter() throws {
        let writer = YAMLWriter(chunkSize: .max) { _ in Issue.record("the sink was called") }
        for index in 0..<5_000 { try Self.document("第\(index)份", writer) }
        var drained: [UInt8] = []
        writer.drain { drained += $0 }
        #expect(drained == (try Self.inOneGo((0..<5_000).map { "第\($0)份" })))
        var again = 0
        writer.drain { again += $0.count }
        #expect(again == 0)
    }
}
