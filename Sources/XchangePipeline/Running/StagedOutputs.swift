import Foundation
import XchangeCore

/// Every file a run writes (sinks, findings, rejects), held as temporary files until the whole
/// run has succeeded and then renamed into place together. A failed run discards them all and
/// removes the folders it created, so existing files are never touched and nothing partial is left.
///
/// In a dry run the outputs go to a scratch folder and are always discarded; ``paths`` lists
/// what would have been written.
public final class StagedOutputs: @unchecked Sendable {
    public let dryRun: Bool
    private var reserved: Set<String> = []
    private var opened: [AtomicFileOutput] = []
    private var createdFolders: [String] = []
    private var scratch: String?
    /// Paths the run writes (or, in a dry run, would write), in the order first opened.
    public private(set) var paths: [String] = []
    /// Inputs of the run: an output naming one of them is refused.
    var inputs: Set<String> = []

    public init(dryRun: Bool) {
        self.dryRun = dryRun
    }

    /// Claims a path for one output (a findings or rejects file, a sink without a template),
    /// so that two outputs cannot name the same file.
    public func reserve(_ path: String) throws(Diagnostic) -> String {
        let canonical = PipelinePaths.canonical(path)
        guard reserved.insert(canonical).inserted else {
            throw Diagnostic.error("pipeline.output-twice", "two outputs of the pipeline write \(path)")
        }
        return path
    }

    /// Opens the temporary file for an output, creating its folder if needed.
    public func open(_ path: String) throws(Diagnostic) -> AtomicFileOutput {
        if inputs.contains(PipelinePaths.canonical(path)) {
            throw Diagnostic.error("output.is-input", "refusing to write \(path): it is an input of the pipeline")
        }
        paths.append(path)
        let output: AtomicFileOutput
        if dryRun {
            output = try AtomicFileOutput(path: try scratchFolder() + "/\(paths.count)")
        } else {
            try createFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
            output = try AtomicFileOutput(path: path)
        }
        // Held until the run ends: a writer may keep only the output's sink, which closes with it.
        opened.append(output)
        return output
    }

    /// Makes every output visible. Called once, when the run has succeeded.
    public func commitAll() throws(Diagnostic) {
        if dryRun { return discardAll() }
        for output in opened { try output.commit() }
        opened = []
        removeScratch()
    }

    /// Throws every output away and removes the folders this run created.
    public func discardAll() {
        for output in opened { output.discard() }
        opened = []
        for folder in createdFolders.reversed() { rmdir(folder) }
        createdFolders = []
        removeScratch()
    }

    private func createFolder(_ folder: String) throws(Diagnostic) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) { return }
        try createFolder(URL(fileURLWithPath: folder).deletingLastPathComponent().path)
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw Diagnostic.error(
                "output.folder", "cannot create the folder \(folder): \(String(cString: strerror(errno)))")
        }
        createdFolders.append(folder)
    }

    private func scratchFolder() throws(Diagnostic) -> String {
        if let scratch { return scratch }
        let folder = NSTemporaryDirectory() + "xchange-dry-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(folder, 0o700) == 0 else {
            throw Diagnostic.error(
                "output.folder", "cannot create a scratch folder for the dry run: \(String(cString: strerror(errno)))")
        }
        scratch = folder
        return folder
    }

    private func removeScratch() {
        guard let scratch else { return }
        try? FileManager.default.removeItem(atPath: scratch)
        self.scratch = nil
    }

    deinit { discardAll() }
}
