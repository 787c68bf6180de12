import Foundation

/// Paths in a pipeline file are relative to the file's folder.
public enum PipelinePaths {
    /// `path` made usable from the current folder.
    public static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return tidy(path) }
        return tidy(folder + "/" + path)
    }

    /// `samples/pipelines/../../out/a.json` → `out/a.json`: `.` and `name/..` removed without
    /// touching the file system, so that messages show short paths.
    static func tidy(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute, parts.isEmpty {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined.isEmpty ? "." : joined
    }

    /// A spelling-independent form of a path, to tell when two paths name one file.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
