import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file that appears only when complete: bytes go to a temporary file beside the
/// target, which is renamed over it on ``commit()``. A failed conversion leaves no output file
/// and never touches an existing one.
public final class AtomicFileOutput: @unchecked Sendable {
    public let path: String
    public let sink: OutputSink
    private let temporaryPath: String
    /// The temporary file's descriptor: the sink's, which a rewrite may change.
    private var descriptor: Int32 { sink.descriptor }
    private var finished = false
    private var sealed = false

    /// Creates the temporary file. Fails, naming the path, when its folder does not exist or
    /// cannot be written.
    public init(path: String) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic.error("output.folder", "cannot write \(path): the folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Diagnostic.error("output.directory", "cannot write \(path): it is a directory")
        }
        var template = Array((folder + "/." + url.lastPathComponent + ".xchange-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Diagnostic.error("output.unwritable", "cannot write \(path): \(SystemCalls.lastError)")
        }
        self.path = path
        self.temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.sink = OutputSink(path: path, descriptor: descriptor)
        sink.writeBackAsWritten()
        sink.own(path: temporaryPath)
    }

    /// Completes the temporary file and closes it, without making it visible yet: for callers
    /// that hold many outputs and commit them together later. ``commit()`` then only renames.
    public func seal() throws(Diagnostic) {
        guard !finished, !sealed else { return }
        sealed = true
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        // Closed whether or not the sync failed; the first failure is the one reported.
        var failure: String?
        if fsync(descriptor) != 0, errno != EINVAL { failure = SystemCalls.lastError }
        if sink.closeFile() != 0, failure == nil { failure = SystemCalls.lastError }
        if let failure {
            finished = true
            unlink(temporaryPath)
            throw Diagnostic.error("output.write", "cannot write \(path): \(failure)")
        }
    }

    /// Makes the output visible under its name, with the permissions a new file gets.
    public func commit() throws(Diagnostic) {
        guard !finished else { return }
        try seal()
        finished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = SystemCalls.lastError
            unlink(temporaryPath)
            throw Diagnostic.error("output.write", "cannot write \(path): \(reason)")
        }
    }

    /// Writes a whole file atomically: `path` ends up holding exactly `bytes`, or is left as it was.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(Diagnostic) {
        let output = try AtomicFileOutput(path: path)
        do {
            try output.sink.write(bytes)
        } catch {
            output.discard()
            throw Diagnostic.error("output.write", "cannot write \(path): \(error)")
        }
        try output.commit()
    }

    /// Throws the partial output away.
    public func discard() {
        guard !finished else { return }
        finished = true
        if !sealed { _ = sink.closeFile() }
        unlink(temporaryPath)
    }

    deinit { discard() }
}
