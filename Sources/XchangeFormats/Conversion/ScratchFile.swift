import Foundation
import XchangeCore

/// Files for data kept out of memory for a while (findings, reports to sort): made in the
/// temporary folder and removed from it as soon as they are open, so that nothing is left
/// behind however the process ends; their room is freed when the handle is closed.
enum ScratchFile {
    /// A new scratch file, open for reading and writing, named with `prefix` while it is made.
    static func open(prefix: String) throws(Diagnostic) -> FileHandle {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forUpdatingAtPath: path)
        else {
            throw Diagnostic.error("output.write", "cannot create a temporary file in \(NSTemporaryDirectory())")
        }
        unlink(path)
        return handle
    }
}
