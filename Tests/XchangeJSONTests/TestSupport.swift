import Foundation
import Testing

@testable import XchangeJSON

/// A folder of the repository's test fixtures (`Tests/Fixtures/<relativePath>`), found from this
/// file's location so the tests read nothing outside the clone.
func fixture(_ relativePath: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()  // XchangeJSONTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")
        .appendingPathComponent(relativePath)
        .standardizedFileURL
}

/// The error `body` throws, or `nil` (recorded as a test failure) if it succeeds.
func jsonError(_ body: () throws(JSONError) -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> JSONError? {
    do {
        try body()
        Issue.record("expected a JSONError, but parsing succeeded", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The error text parsing `text` produces.
func parseErrorDescription(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    jsonError({ () throws(JSONError) in _ = try parseJSON(text) }, sourceLocation: sourceLocation)?.description
}

/// A file in a fresh temporary directory, removed when the value is released.
final class TemporaryFile {
    let url: URL

    init(contents: [UInt8], name: String = "input.json") throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("xchange-json-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent(name)
        try Data(contents).write(to: url)
    }

    convenience init(_ text: String) throws {
        try self.init(contents: Array(text.utf8))
    }

    deinit {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}

/// Every item a stream reader over `file` yields, read `chunkSize` bytes at a time.
func streamItems(
    of file: TemporaryFile, chunkSize: Int
) throws -> (items: [JSONValue], reader: JSONStreamReader, handle: FileHandle) {
    let handle = try FileHandle(forReadingFrom: file.url)
    let reader = JSONStreamReader(fileHandle: handle, chunkSize: chunkSize)
    var items: [JSONValue] = []
    while let item = try reader.next() { items.append(item) }
    return (items, reader, handle)
}

func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}
