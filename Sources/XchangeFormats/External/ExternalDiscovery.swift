import Foundation
import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds external programs: executables named `xchange-format-ID` or `xchange-step-NAME` in
/// the folders of the search path. Discovery only lists folders; no program is run.
public enum ExternalDiscovery {
    /// Every program of `kind` in `folders`, in search-path order (names sorted within a folder).
    /// When two have one name the first wins and the later one is reported as a warning.
    /// Names are lower-case letters, digits, `-` and `_`; other files (`xchange-format-kv.bak`)
    /// are not programs of the protocol and are passed over.
    public static func find(
        _ kind: ExternalProgram.Kind, in folders: [String], diagnostics: any DiagnosticCollector
    ) -> [ExternalProgram] {
        var found: [ExternalProgram] = []
        var byName: [String: ExternalProgram] = [:]
        var seenFolders: Set<String> = []
        for folder in folders {
            // PATH often repeats a folder, and XCHANGE_PLUGIN_PATH may name one PATH has too.
            // Paths are made absolute, so that messages say where a module is whatever the cwd.
            let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
            let canonical = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
            guard seenFolders.insert(canonical).inserted else { continue }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries.sorted() where entry.hasPrefix(kind.prefix) {
                let name = String(entry.dropFirst(kind.prefix.count))
                guard isValidName(name) else { continue }
                let path = (folder as NSString).appendingPathComponent(entry)
                guard isExecutableFile(path) else { continue }
                let program = ExternalProgram(kind: kind, name: name, path: path)
                if let first = byName[name] {
                    diagnostics.report(
                        .warning(
                            "plugin.duplicate",
                            "ignoring \(path): \(first.label) comes first on the search path"))
                    continue
                }
                byName[name] = program
                found.append(program)
            }
        }
        return found
    }

    /// Whether `name` can be a format id or step name.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isLowercase || ("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
