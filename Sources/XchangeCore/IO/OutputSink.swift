import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer's bytes go: a file descriptor, written with large unbuffered writes.
/// Writers buffer their own output and hand over chunks.
public final class OutputSink: @unchecked Sendable {
    /// The path as the user gave it; nil for standard output.
    public let path: String?
    private let descriptor: Int32
    public private(set) var bytesWritten = 0

    init(path: String?, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Standard output.
    public static func standardOutput() -> OutputSink { OutputSink(path: nil, descriptor: 1) }

    /// The name diagnostics use.
    public var displayName: String { path ?? "<stdout>" }

    /// Writes all the bytes.
    public func write(_ bytes: some Collection<UInt8>) throws {
        try bytes.withContiguousStorageIfAvailable { try write(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { try write($0) }
    }

    /// Writes a string as UTF-8.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let written = SystemCalls.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Diagnostic.error("output.write", "cannot write \(displayName): \(SystemCalls.lastError)")
            }
            offset += written
        }
        bytesWritten += buffer.count
    }
}
