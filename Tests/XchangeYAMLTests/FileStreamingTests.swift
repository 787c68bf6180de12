import Foundation
import Testing
import XchangeYAML

@Suite("Streaming from files")
struct FileStreamingTests {
    @Test func manyDocumentsFromATemporaryFile() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("xchange-yaml-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        let count = 3_000
        var text = ""
        for index in 0..<count {
            text += "---\nagency: 第\(index)号机关\nyear: 2023\nbody: |\n  一、总体情况\n  　　本年度主动公开信息\(index)条。\n"
        }
        try Data(text.utf8).write(to: url)

        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let reader = YAMLDocumentReader(fileHandle: handle)
        var index = 0
        while let document = try reader.nextDocument() {
            #expect(document["agency"]?.scalar?.value == "第\(index)号机关")
            #expect(document["body"]?.scalar?.value == "一、总体情况\n　　本年度主动公开信息\(index)条。\n")
            // Marks count from the start of the stream, not of the document.
            #expect(document.mark.line == index * 6 + 2)
            index += 1
        }
        #expect(index == count)
    }

    @Test func fileErrorsCarryTheirLine() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("xchange-yaml-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("a: 1\n---\nb: [1, 2\n".utf8).write(to: url)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let reader = YAMLDocumentReader(fileHandle: handle)
        #expect(try reader.nextDocument() != nil)
        #expect(throws: YAMLError.self) { try reader.nextDocument() }
        do { _ = try reader.nextDocument() } catch { #expect(error.mark?.line == 4) }
    }

    /// A document is returned as soon as its end is readable, before the writer has sent
    /// the rest: proof that the reader does not wait for the whole input.
    @Test func documentsArriveBeforeTheStreamEnds() throws {
        let pipe = Pipe()
        let reader = YAMLDocumentReader(fileHandle: pipe.fileHandleForReading)
        let firstRead = DispatchSemaphore(value: 0)
        let writerGaveUp = Flag()
        pipe.fileHandleForWriting.write(Data("first: 1\n---\n".utf8))
        let writer = Thread {
            // Waits for the reader, but not forever: a blocked reader must fail the test, not hang it.
            if firstRead.wait(timeout: .now() + 5) == .timedOut { writerGaveUp.set() }
            pipe.fileHandleForWriting.write(Data("second: 2\n".utf8))
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let first = try reader.nextDocument()
        firstRead.signal()
        #expect(first?["first"]?.scalar?.value == "1")
        #expect(try reader.nextDocument()?["second"]?.scalar?.value == "2")
        #expect(try reader.nextDocument() == nil)
        #expect(!writerGaveUp.isSet, "the first document was only returned once the writer closed the pipe")
    }
}

/// A thread-safe boolean for the pipe test.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
