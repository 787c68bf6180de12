import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a file or standard input.
///
/// Streaming readers pull chunks through ``read(upTo:)`` or use ``fileHandle``; readers of
/// formats that cannot stream call ``readAll()``.
public final class InputSource: @unchecked Sendable {
    /// The path as the user gave it; nil for standard input.
    public let path: String?
    public let fileHandle: FileHandle
    private var pending: [UInt8] = []
    /// In-memory sources have no file behind them: once `pending` is used up, they are at the end.
    private var isInMemory = false

    /// Opens a file for reading. A missing or unreadable file is an error that names it.
    public init(path: String) throws(Diagnostic) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic.error("input.missing", "no such file: \(path)")
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic.error("input.directory", "\(path) is a directory, not a file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Diagnostic.error("input.unreadable", "cannot read \(path): permission denied")
        }
        self.path = path
        self.fileHandle = handle
    }

    /// Reads from memory (tests, in-process conversions) through a pipe-free handle.
    public init(bytes: [UInt8], name: String? = nil) {
        self.path = name
        self.fileHandle = FileHandle.nullDevice
        self.pending = bytes
        self.isInMemory = true
    }

    private init(standardInput: Void) {
        self.path = nil
        self.fileHandle = FileHandle.standardInput
    }

    /// Standard input.
    public static func standardInput() -> InputSource { InputSource(standardInput: ()) }

    /// The name diagnostics use: the path, or `<stdin>`.
    public var displayName: String { path ?? "<stdin>" }

    /// The next chunk of at most `count` bytes; empty at the end.
    public func read(upTo count: Int) throws -> [UInt8] {
        if !pending.isEmpty {
            let chunk = Array(pending.prefix(count))
            pending.removeFirst(chunk.count)
            return chunk
        }
        if isInMemory { return [] }
        // Straight to read(2): FileHandle reads in small pieces and copies through Data.
        // One call: a pipe hands over what it has, so streamed input is read as it arrives.
        var bytes = [UInt8](repeating: 0, count: count)
        var filled: Int
        repeat {
            filled = bytes.withUnsafeMutableBytes { SystemCalls.read(fileHandle.fileDescriptor, $0.baseAddress!, count) }
        } while filled < 0 && errno == EINTR
        if filled < 0 {
            throw Diagnostic.error("input.read", "cannot read \(displayName): \(SystemCalls.lastError)")
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Everything that is left. For formats that need the whole input at once (a report text).
    public func readAll() throws -> [UInt8] {
        var bytes = pending
        pending = []
        while true {
            let chunk = try read(upTo: 1 << 20)
            if chunk.isEmpty { return bytes }
            bytes += chunk
        }
    }

    /// Whether bytes are buffered in memory (an in-memory source's): a reader working on
    /// ``fileHandle`` directly must take them first.
    public var hasBufferedBytes: Bool { !pending.isEmpty }

    /// Takes the buffered bytes.
    public func takeBufferedBytes() -> [UInt8] {
        defer { pending = [] }
        return pending
    }
}
