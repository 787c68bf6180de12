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
    /// The bytes of an in-memory sink; nil for a file descriptor.
    private var memory: [UInt8]?
    /// Where the kernel was last asked to start writing the file back; nil when it is not asked.
    private var writtenBackTo: Int?
    /// How far behind the writes the kernel is asked to write back.
    static let writeBackStretch = 8 << 20
    /// Whether this sink owns its file, open for reading too (``rewrite(_:)``).
    private var ownsFile = false

    init(path: String?, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// A sink that keeps the bytes in memory, for outputs assembled from several writers
    /// (the entries of a submission package) and for tests. `name` is what diagnostics show.
    public static func memory(name: String? = nil) -> OutputSink {
        let sink = OutputSink(path: name, descriptor: -1)
        sink.memory = []
        return sink
    }

    /// What an in-memory sink received (empty for a file descriptor).
    public var collectedBytes: [UInt8] { memory ?? [] }

    /// Asks the kernel to write the file back to disk as it grows, a stretch behind the
    /// writes, so that a closing `fsync` waits for the last stretch only instead of the whole
    /// file: for files that are synced when complete (``AtomicFileOutput``).
    func writeBackAsWritten() {
        if SystemCalls.syncFileRange != nil { writtenBackTo = 0 }
    }

    /// Marks the sink's file as its own, open for reading and writing: nothing else reads it
    /// while it is written, so it can be rewritten (``AtomicFileOutput``'s temporary file).
    func ownFile() { ownsFile = true }

    /// Whether ``rewrite(_:)`` can take back what was written: true for the temporary file of
    /// an ``AtomicFileOutput``, false for standard output and in-memory sinks.
    public var isRewritable: Bool { ownsFile }

    /// Empties the file and hands what it held to `body`, in chunks and in order, so that
    /// `body` can write it again, changed, through this sink. For writers that learn at the
    /// end that what they wrote needs changing: the old bytes are first copied to a temporary
    /// file of their own.
    public func rewrite(_ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> Void) throws(Diagnostic) {
        guard ownsFile else {
            throw Diagnostic.error("output.write", "cannot rewrite \(displayName): it is not a file of this program's")
        }
        guard let copy = tmpfile() else {
            throw Diagnostic.error(
                "output.spool", "cannot create a temporary file to rewrite \(displayName): \(SystemCalls.lastError)")
        }
        defer { fclose(copy) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var offset = 0
        while offset < bytesWritten {
            let read = pread(descriptor, chunk.baseAddress, min(chunk.count, bytesWritten - offset), off_t(offset))
            if read < 0, errno == EINTR { continue }
            guard read > 0, fwrite(chunk.baseAddress, 1, read, copy) == read else {
                throw Diagnostic.error(
                    "output.spool", "cannot copy \(displayName) to rewrite it: \(SystemCalls.lastError)")
            }
            offset += read
        }
        guard fflush(copy) == 0, ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw Diagnostic.error("output.write", "cannot rewrite \(displayName): \(SystemCalls.lastError)")
        }
        bytesWritten = 0
        if writtenBackTo != nil { writtenBackTo = 0 }
        rewind(copy)
        while true {
            let read = fread(chunk.baseAddress, 1, chunk.count, copy)
            if read == 0 {
                guard ferror(copy) == 0 else {
                    throw Diagnostic.error("output.spool", "cannot read back \(displayName) to rewrite it")
                }
                return
            }
            try body(UnsafeRawBufferPointer(rebasing: chunk[..<read]))
        }
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
        if memory != nil {
            memory!.append(contentsOf: buffer)
            bytesWritten += buffer.count
            return
        }
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
        if let start = writtenBackTo, bytesWritten - start >= Self.writeBackStretch * 2 {
            let end = bytesWritten - Self.writeBackStretch
            // Only a hint: when it fails, the closing fsync does the whole work.
            _ = SystemCalls.syncFileRange?(descriptor, Int64(start), Int64(end - start), SystemCalls.syncFileRangeWrite)
            writtenBackTo = end
        }
    }
}
