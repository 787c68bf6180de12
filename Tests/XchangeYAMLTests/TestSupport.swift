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

/// A small deterministic generator (SplitMix64), so property-style tests fail the same
/// way on every run and machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `shared/testdata`, found relative to this file: the repository sits beside `shared/`
/// both on the development machine and in CI.
func sharedTestdataDirectory() throws -> URL {
    let directory = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .appendingPathComponent("../../../shared/testdata")
        .standardizedFileURL
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
    try #require(
        exists && isDirectory.boolValue,
        "test data not found at \(directory.path): the shared/ folder must sit beside the repository")
    return directory
}
