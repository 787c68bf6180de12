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
}
