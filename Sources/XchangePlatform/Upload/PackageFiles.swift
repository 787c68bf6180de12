import Foundation
import XchangeCore

/// The package files an upload names: files as given, and the `.zip` files directly inside a
/// folder, in name order.
public enum PackageFiles {
    /// Expands the command's arguments; a name that is neither a file nor a folder is an error.
    public static func expand(_ arguments: [String]) throws(Diagnostic) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw Diagnostic.error("input.missing", "\(argument): no such file or folder")
            }
            guard isDirectory.boolValue else {
                paths.append(argument)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: argument)
            } catch {
                throw Diagnostic.error(
                    "input.unreadable", "cannot list the folder \(argument): \(error.localizedDescription)")
            }
            let zips = names.filter { $0.lowercased().hasSuffix(".zip") && !$0.hasPrefix(".") }.sorted()
            if zips.isEmpty { throw Diagnostic.error("input.empty", "the folder \(argument) holds no .zip package") }
            let folder = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            paths += zips.map { folder + "/" + $0 }
        }
        return paths
    }
}
