import Foundation

@testable import XchangeFormats

/// Real programs for the external-module tests: scripts written into a temporary folder.
enum ExternalFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samplePlugins = root.appending(path: "samples/plugins").path
    static let hasPython = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }

    /// Writes an executable shell script named `name` into `folder`.
    @discardableResult
    static func script(_ name: String, in folder: TemporaryDirectory, _ body: String) throws -> String {
        let path = try folder.write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// Settings that find programs only in `folders`, with a time limit.
    static func settings(_ folders: [String], timeout: Double = 30) -> ExternalSettings {
        ExternalSettings(searchPath: folders, timeout: timeout)
    }
}
