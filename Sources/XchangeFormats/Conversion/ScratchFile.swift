import Foundation
import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files for data kept out of memory for a while (findings, reports to sort): made in the
/// temporary folder and removed from it as soon as they are open, so that nothing is left
/// behind however the process ends; their room is freed when the handle is closed.
enum ScratchFile {
    /// A new scratch file, open for reading and writing, named with `prefix` while it is made.
    static func open(prefix: String) throws(Diagnostic) -> FileHandle {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        let descriptor = createExclusively(path)
        guard descriptor >= 0 else {
            throw Diagnostic.error(
                "output.write",
                "cannot create a temporary file in \(NSTemporaryDirectory()): \(SystemErrorText.current)")
        }
        unlink(path)
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// `open(2)` of a new file, for reading and writing by its owner only.
    private static func createExclusively(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        #else
        Darwin.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        #endif
    }
}
