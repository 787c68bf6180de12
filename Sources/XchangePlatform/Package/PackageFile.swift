import Foundation
import XchangeCore

/// Loads a package whole, refusing it once it passes the size limit (a package holds one
/// report, so it is small; holding it whole lets the ZIP directory be checked first).
enum PackageFile {
    /// The file at `path`; its size is checked before it is read.
    static func load(_ path: String, limit: Int) throws(PackageError) -> [UInt8] {
        let input: InputSource
        do {
            input = try InputSource(path: path)
        } catch {
            throw PackageError(code: error.code, message: error.message, package: path)
        }
        if let size = input.regularFileSize, size > limit {
            throw PackageError(
                code: "package.too-large", message: "the package is \(size) bytes; at most \(limit) are accepted",
                package: path)
        }
        return try load(input, limit: limit)
    }

    /// What is left of `input` (a file or standard input), up to `limit` bytes.
    static func load(_ input: InputSource, limit: Int) throws(PackageError) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            while true {
                let chunk = try input.read(upTo: 1 << 20)
                if chunk.isEmpty { return bytes }
                bytes += chunk
                guard bytes.count <= limit else {
                    throw PackageError(
                        code: "package.too-large", message: "the package is over \(limit) bytes, the most accepted",
                        package: input.displayName)
                }
            }
        } catch let error as PackageError {
            throw error
        } catch {
            throw PackageError(
                code: "input.read", message: "cannot read \(input.displayName): \(error)", package: input.displayName)
        }
    }
}
