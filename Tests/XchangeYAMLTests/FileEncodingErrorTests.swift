import Foundation
import Testing
import XchangeYAML

/// libyaml reports bytes it cannot decode as an offset; read from a file, far into it, the
/// error still names the line and column.
struct FileEncodingErrorTests {
    @Test func invalidUTF8DeepInAFileNamesItsLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "xchange-yaml-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        // 40 000 lines, so that the bad byte lies well beyond libyaml's first buffers.
        var bytes = [UInt8]((0..<40_000).map { "key\($0): 值\($0)\n" }.joined().utf8)
        bytes += Array("bad: 值".utf8) + [0xFF] + Array("\n".utf8)
        try Data(bytes).write(to: url)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let reader = YAMLDocumentReader(fileHandle: handle)
        let error = #expect(throws: YAMLError.self) { while try reader.nextDocument() != nil {} }
        #expect(error?.mark == YAMLMark(line: 40_001, column: 7), "\(String(describing: error))")
    }

    /// A bad byte in the middle of a long stream, mid-line, after multi-byte characters:
    /// placed from where libyaml's reader stopped, whether the bytes come from a file or a
    /// read function that hands out small pieces.
    @Test(arguments: [7, 4096])
    func invalidUTF8InTheMiddleOfAStreamNamesLineAndColumn(_ pieceSize: Int) throws {
        var bytes = [UInt8]((0..<30_000).map { "- 键\($0): 值\($0)\n" }.joined().utf8)
        bytes += Array("- 坏: 值值".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        bytes += [UInt8]((0..<30_000).map { "- 键\($0): 值\($0)\n" }.joined().utf8)
        var offset = 0
        let reader = YAMLDocumentReader { (buffer) throws(YAMLError) -> Int in
            let count = min(pieceSize, buffer.count, bytes.count - offset)
            for index in 0..<count { buffer[index] = bytes[offset + index] }
            offset += count
            return count
        }
        let error = #expect(throws: YAMLError.self) { while try reader.nextDocument() != nil {} }
        #expect(error?.mark == YAMLMark(line: 30_001, column: 8), "\(String(describing: error))")
    }
}
