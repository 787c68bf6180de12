import Foundation

/// A fresh directory for one test's real files, removed when the test ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "xchange-platform-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a file in the directory.
    func path(_ name: String) -> String { url.appending(path: name).path }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = self.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every file name in the directory (to check that nothing half-written was left).
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Paths of the project's own files.
enum ProjectFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appending(path: relative).path }

    static func text(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appending(path: relative)), as: UTF8.self)
    }
}

/// A program run for real, when it is installed.
enum ExternalTool {
    struct Result {
        let status: Int32
        let output: String
    }

    /// Runs `arguments` through `env`; nil when the program is not installed.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // env answers 127 when the program does not exist.
        if process.terminationStatus == 127 { return nil }
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }
}
