import Foundation
import Testing
import XchangeCore

/// Reading a whole input: files longer than one read, after part of them was read, and memory.
@Suite struct InputSourceTests {
    @Test func readAllReturnsEveryByteOfALongFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("input-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Several reads long, and not a multiple of any buffer size.
        let bytes = (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let path = folder.appendingPathComponent("long.bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        #expect(try InputSource(path: path).readAll() == bytes)
        let partly = try InputSource(path: path)
        let head = try partly.read(upTo: 1000)
        #expect(head == Array(bytes[..<1000]))
        #expect(try partly.readAll() == Array(bytes[1000...]))
        #expect(try partly.readAll().isEmpty)
    }

    @Test func readAllOfMemoryGivesWhatIsLeft() throws {
        let source = InputSource(bytes: Array("政府信息公开".utf8), name: "memory")
        #expect(try source.read(upTo: 3) == Array("政".utf8))
        #expect(try source.readAll() == Array("府信息公开".utf8))
        #expect(try source.readAll().isEmpty)
    }
}
