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
    /// The file written; it changes when ``rewrite(_:)`` puts a new file in place of the old.
    private(set) var descriptor: Int32
    public private(set) var bytesWritten = 0
    /// The bytes of an in-memory sink; nil for a file descriptor.
    private var memory: [UInt8]?
    /// Where the kernel was last asked to start writing the file back; nil when it is not asked.
    private var writtenBackTo: Int?
    /// How far behind the writes the kernel is asked to write back.
    static let writeBackStretch = 8 << 20
    /// The path of the file when this sink owns it (``rewrite(_:)``).
    private var ownedPath: String?

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

    /// Marks the file at `path` as this sink's own, open for reading and writing: nothing else
    /// uses it while it is written, so it can be rewritten (``AtomicFileOutput``'s temporary file).
    func own(path: String) { ownedPath = path }

    /// Whether ``rewrite(_:)`` can take back what was written: true for the temporary file of
    /// an ``AtomicFileOutput``, false for standard output and in-memory sinks.
    public var isRewritable: Bool { ownedPath != nil }

    /// Starts a new file in place of the one written so far, and hands what the old one held to
    /// `body`, in chunks and in order, so that `body` can write it again, changed, through this
    /// sink. For writers that learn at the end that what they wrote needs changing. The new
    /// file replaces the old only when `body` succeeds; if it fails, the sink is left on the
    /// old file, for its owner to throw away.
    public func rewrite(_ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> Void) throws(Diagnostic) {
        guard let ownedPath else {
            throw Diagnostic.error("output.write", "cannot rewrite \(displayName): it is not a file of this program's")
        }
        var template = Array((ownedPath + "-XXXXXX").utf8CString)
        let fresh = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fresh >= 0 else {
            throw Diagnostic.error("output.write", "cannot rewrite \(displayName): \(SystemCalls.lastError)")
        }
        let freshPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let (old, oldLength, oldWrittenBack) = (descriptor, bytesWritten, writtenBackTo)
        (descriptor, bytesWritten) = (fresh, 0)
        if writtenBackTo != nil { writtenBackTo = 0 }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        do throws(Diagnostic) {
            var offset = 0
            while offset < oldLength {
                let read = pread(old, chunk.baseAddress, min(chunk.count, oldLength - offset), off_t(offset))
                if read < 0, errno == EINTR { continue }
                guard read > 0 else {
                    throw Diagnostic.error("output.write", "cannot read back \(displayName): \(SystemCalls.lastError)")
                }
                try body(UnsafeRawBufferPointer(rebasing: chunk[..<read]))
                offset += read
            }
            guard rename(freshPath, ownedPath) == 0 else {
                throw Diagnostic.error("output.write", "cannot rewrite \(displayName): \(SystemCalls.lastError)")
            }
        } catch {
            close(fresh)
            unlink(freshPath)
            (descriptor, bytesWritten, writtenBackTo) = (old, oldLength, oldWrittenBack)
            throw error
        }
        close(old)
    }

    /// Closes the file written. The sink forgets its descriptor first, so that a write that
    /// still comes fails rather than reaching whatever file is opened next under the number.
    /// Returns what `close(2)` returned.
    func closeFile() -> Int32 {
        let closing = descriptor
        descriptor = -1
        return close(closing)
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
