import Foundation

/// Paths in a pipeline file are relative to the file's folder.
public enum PipelinePaths {
    /// `path` made usable from the current folder.
    public static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        return folder + "/" + path
    }

    /// A spelling-independent form of a path, to tell when two paths name one file.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
