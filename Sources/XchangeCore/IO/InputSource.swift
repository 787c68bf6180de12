import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a file or standard input.
///
/// Readers get bytes through one API: streaming readers pull them with ``read(into:)`` or
/// ``read(upTo:)``; readers of formats that cannot stream call ``readAll()``. The file handle
/// stays inside, so no reader can bypass bytes held in memory.
public final class InputSource: @unchecked Sendable {
    /// The path as the user gave it; nil for standard input.
    public let path: String?
    private let fileHandle: FileHandle
    /// Bytes held in memory (an in-memory source), read before the file's; `pendingOffset` of
    /// them are used up.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
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

    /// The size in bytes of a regular file behind the source; nil for pipes and memory. Lets a
    /// reader refuse an oversized input before reading it.
    public var regularFileSize: Int? {
        guard !isInMemory else { return nil }
        var info = stat()
        guard fstat(fileHandle.fileDescriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The next chunk of at most `count` bytes; empty at the end.
    public func read(upTo count: Int) throws(Diagnostic) -> [UInt8] {
        try [UInt8](upTo: count) { (buffer) throws(Diagnostic) in try read(into: buffer) }
    }

    /// Fills the start of `buffer` with the next bytes and returns how many; 0 at the end.
    /// Bytes held in memory come first, then the file's. One call reads once: a pipe hands over
    /// what it has, so streamed input is read as it arrives.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Diagnostic) -> Int {
        guard buffer.count > 0 else { return 0 }
        if pendingOffset < pending.count {
            let count = min(buffer.count, pending.count - pendingOffset)
            pending.withUnsafeBytes { bytes in
                buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + pendingOffset, byteCount: count)
            }
            pendingOffset += count
            return count
        }
        if isInMemory { return 0 }
        // Straight to read(2): FileHandle reads in small pieces and copies through Data.
        var filled: Int
        repeat {
            filled = SystemCalls.read(fileHandle.fileDescriptor, buffer.baseAddress!, buffer.count)
        } while filled < 0 && errno == EINTR
        if filled < 0 {
            throw Diagnostic.error("input.read", "cannot read \(displayName): \(SystemCalls.lastError)")
        }
        return filled
    }

    /// Everything that is left. For formats that need the whole input at once (a report text).
    public func readAll() throws(Diagnostic) -> [UInt8] {
        var bytes = Array(pending[pendingOffset...])
        pendingOffset = pending.count
        if isInMemory { return bytes }
        // One reused buffer, not a fresh zeroed megabyte per read: that cost more than reading
        // a 20 KB report text.
        bytes.reserveCapacity(bytes.count + (regularFileSize ?? 0) + 1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try read(into: buffer)
            if count == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
