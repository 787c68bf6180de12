import Foundation
import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a source entry names: its path, or the files its glob matches, in name order.
/// A glob matching nothing is an error, not an empty success.
enum SourceFiles {
    static func expand(_ source: PipelineSource, pipelineFile: String) throws(Diagnostic) -> [String] {
        let at = SourceReference(file: pipelineFile, line: source.line)
        guard source.resolved.contains(where: { "*?[".contains($0) }) else {
            guard FileManager.default.fileExists(atPath: source.resolved) else {
                throw Diagnostic.error(
                    "input.missing", "no such file: \(source.resolved) (source \(source.pattern))", at: at)
            }
            return [source.resolved]
        }
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(source.resolved, 0, nil, &result)
        guard status == 0 else {
            throw Diagnostic.error(
                "pipeline.no-files", "the source \(source.pattern) matches no file (\(source.resolved))", at: at)
        }
        var files: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { files.append(String(cString: path)) }
        }
        let regular = files.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        guard !regular.isEmpty else {
            throw Diagnostic.error(
                "pipeline.no-files", "the source \(source.pattern) matches no file (\(source.resolved))", at: at)
        }
        return regular.sorted()
    }
}
