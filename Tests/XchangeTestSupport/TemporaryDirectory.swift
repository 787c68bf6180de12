import Foundation

/// A fresh directory for one test's real files, removed when the test ends.
public final class TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "xchange-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a file in the directory.
    public func path(_ name: String) -> String { url.appending(path: name).path }

    /// Writes a file and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    /// Writes a file and returns its path.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let path = self.path(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes a file and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try write(name, Data(bytes))
    }

    /// A file's text.
    public func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appending(path: name)), as: UTF8.self)
    }

    /// Whether the file exists.
    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Every file name in the directory (to check that nothing half-written was left).
    public func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Paths of the project's own files.
public enum ProjectFiles {
    /// The package folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The path of a file of the package.
    public static func path(_ relative: String) -> String { root.appending(path: relative).path }

    /// A file of the package, as text.
    public static func text(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appending(path: relative)), as: UTF8.self)
    }

    /// The public test suites copied into the repository (`Tests/Fixtures`).
    public static let fixtures = root.appending(path: "Tests/Fixtures")
}
