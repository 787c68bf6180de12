import Foundation
import Testing

@testable import XchangeYAML

/// Runs `build` against a fresh emitter inside one stream and returns the text written.
func emitYAML(_ build: (YAMLEmitter) throws -> Void) throws -> String {
    var bytes: [UInt8] = []
    let emitter = YAMLEmitter { bytes.append(contentsOf: $0) }
    try emitter.beginStream()
    try build(emitter)
    try emitter.endStream()
    return String(decoding: bytes, as: UTF8.self)
}

/// Emits a single document holding `value` as a string.
func emitStringDocument(_ value: String) throws -> String {
    try emitYAML { emitter in
        try emitter.beginDocument(explicitStart: false)
        try emitter.string(value)
        try emitter.endDocument()
    }
}

/// Parses all documents of `text`.
func parse(_ text: String) throws(YAMLError) -> [YAMLNode] {
    try parseYAMLDocuments(Array(text.utf8))
}

/// The error parsing `text` throws, or `nil` if it parses.
func parseError(_ text: String) -> YAMLError? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error
    }
}

/// A folder of the repository's test fixtures (`Tests/Fixtures/<name>`), found from this file's
/// location so the tests read nothing outside the clone; a missing folder fails the test.
func fixtureDirectory(_ name: String) throws -> URL {
    let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // XchangeYAMLTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")
        .appendingPathComponent(name)
        .standardizedFileURL
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
    try #require(exists && isDirectory.boolValue, "test fixture folder missing: \(directory.path)")
    return directory
}
