import Foundation
import Testing
import XchangeCore

/// Outputs that appear only when complete, whatever their size: long files are written back
/// to disk while they grow, and that must change nothing of what the file holds.
@Suite struct AtomicFileOutputTests {
    private static func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// 40 MB in chunks of uneven sizes, each of its own byte: past several stretches that are
    /// written back early, and a lost or misplaced chunk shows.
    private static func chunks() -> [[UInt8]] {
        (0..<41).map { index in
            [UInt8](repeating: UInt8(truncatingIfNeeded: index &* 37 &+ 1), count: 1_000_003 + index * 977)
        }
    }

    @Test func aLongFileHoldsExactlyItsBytesOnlyOnceCommitted() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("long.bin").path
        let chunks = Self.chunks()

        let output = try AtomicFileOutput(path: path)
        for chunk in chunks { try output.sink.write(chunk) }
        #expect(!FileManager.default.fileExists(atPath: path))
        try output.commit()

        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == chunks.reduce(0) { $0 + $1.count })
        var offset = 0
        for chunk in chunks {
            #expect(written.subdata(in: offset..<offset + chunk.count) == Data(chunk))
            offset += chunk.count
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["long.bin"])
    }

    @Test func aDiscardedLongFileLeavesTheOldOneAndNoTemporaryFile() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kept.txt").path
        try Data("the old output\n".utf8).write(to: URL(fileURLWithPath: path))

        let output = try AtomicFileOutput(path: path)
        for chunk in Self.chunks() { try output.sink.write(chunk) }
        output.discard()

        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the old output\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.txt"])
    }

    @Test func aRewrittenFileHoldsOnlyWhatTheRewriteWrote() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rewritten.bin").path
        let chunks = Self.chunks()

        let output = try AtomicFileOutput(path: path)
        #expect(output.sink.isRewritable)
        for chunk in chunks { try output.sink.write(chunk) }
        // Each byte comes back once, in order, and is written again doubled.
        var seen: [UInt8] = []
        try output.sink.rewrite { old throws(Diagnostic) in
            seen.append(contentsOf: old)
            do {
                try output.sink.write(old.flatMap { [$0, $0 &+ 1] })
            } catch {
                throw Diagnostic.error("output.write", "\(error)")
            }
        }
        try output.sink.write([7, 7, 7])
        try output.commit()

        let original = chunks.flatMap { $0 }
        #expect(seen == original)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == original.flatMap { [$0, $0 &+ 1] } + [7, 7, 7])
        #expect(output.sink.bytesWritten == written.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["rewritten.bin"])
    }

    @Test func aRewriteThatFailsLeavesNothingOnceDiscarded() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kept.bin").path
        try AtomicFileOutput.write([1, 2, 3], to: path)

        let output = try AtomicFileOutput(path: path)
        for chunk in Self.chunks().prefix(3) { try output.sink.write(chunk) }
        #expect(throws: Diagnostic.self) {
            try output.sink.rewrite { _ throws(Diagnostic) in
                throw Diagnostic.error("output.write", "the rewrite went wrong")
            }
        }
        output.discard()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.bin"])
    }

    @Test func onlyAnOutputFileCanBeRewritten() {
        #expect(!OutputSink.memory().isRewritable)
        #expect(!OutputSink.standardOutput().isRewritable)
        #expect(throws: Diagnostic.self) { try OutputSink.memory().rewrite { _ in } }
    }
}
