import Foundation

/// A temporary folder for the files one suite run writes and reads, removed afterwards.
final class ScratchFolder: Sendable {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "xchange-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// A path in the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes bytes to a file in the folder and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Reads a file of the folder.
    func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
