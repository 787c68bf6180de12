import Foundation
import XchangeCore

/// Loads a package file whole, after checking that its size is within the limit (a package
/// holds one report, so it is small; reading it whole lets the ZIP directory be checked).
enum PackageFile {
    static func load(_ path: String, limit: Int) throws(PackageError) -> [UInt8] {
        let input: InputSource
        do {
            input = try InputSource(path: path)
        } catch {
            throw PackageError(code: error.code, message: error.message, package: path)
        }
        var info = stat()
        if fstat(input.fileHandle.fileDescriptor, &info) == 0, Int(info.st_size) > limit {
            throw PackageError(
                code: "package.too-large", message: "the package is \(info.st_size) bytes; at most \(limit) are accepted",
                package: path)
        }
        var bytes: [UInt8] = []
        do {
            while true {
                let chunk = try input.read(upTo: 1 << 20)
                if chunk.isEmpty { return bytes }
                bytes += chunk
                guard bytes.count <= limit else {
                    throw PackageError(
                        code: "package.too-large", message: "the package is over \(limit) bytes, the most accepted",
                        package: path)
                }
            }
        } catch let error as PackageError {
            throw error
        } catch {
            throw PackageError(code: "input.read", message: "cannot read \(path): \(error)", package: path)
        }
    }
}
