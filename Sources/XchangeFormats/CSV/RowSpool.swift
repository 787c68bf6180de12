import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds encoded rows until the wide writer can write its header: in memory up to 4 MB,
/// then in blocks in an anonymous temporary file, so memory stays flat however many reports
/// stream through. (Blocks are small because a growing array may hold twice its size, and
/// replaying holds a block beside the output buffer.)
final class RowSpool {
    static let blockSize = 4 << 20

    private(set) var memory: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private var blockLengths: [Int] = []

    deinit { if let file { fclose(file) } }

    /// Appends to the in-memory block.
    func append(_ body: (inout [UInt8]) -> Void) { body(&memory) }

    /// Call after each complete report: moves a full block out to disk.
    func endReport() throws(Diagnostic) {
        guard memory.count >= Self.blockSize else { return }
        if file == nil {
            file = tmpfile()
            guard file != nil else {
                throw Diagnostic.error(
                    "output.spool",
                    "cannot create a temporary file to hold rows: \(String(cString: strerror(errno))); write with --option columns=all, which needs none"
                )
            }
        }
        let written = memory.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == memory.count else {
            throw Diagnostic.error(
                "output.spool", "cannot write rows to a temporary file: \(String(cString: strerror(errno)))")
        }
        blockLengths.append(memory.count)
        memory.removeAll(keepingCapacity: true)
    }

    /// Hands each block (whole reports only) to `body`, in the order written.
    func replay(_ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void) throws(Diagnostic) {
        if let file, !blockLengths.isEmpty {
            rewind(file)
            var block: [UInt8] = []
            for length in blockLengths {
                block = [UInt8](repeating: 0, count: length)
                let read = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, length, file) }
                guard read == length else {
                    throw Diagnostic.error("output.spool", "cannot read rows back from the temporary file")
                }
                try block.withUnsafeBufferPointer { buffer throws(Diagnostic) in try body(buffer) }
            }
        }
        try memory.withUnsafeBufferPointer { buffer throws(Diagnostic) in try body(buffer) }
    }
}
