import Foundation
import XchangeCore
import XchangePlatform
import XchangeSynthetic
import ZIPFoundation

/// Packages for the upload tests, written to real files.
enum SubmissionFixtures {
    /// A generated report whose figures pass every rule; each seed is another agency or year.
    static func report(seed: UInt64) -> Report {
        var generator = ReportGenerator(count: 1, seed: seed, format: .unified2021)
        return generator.next()!
    }

    /// Writes a package of report `seed` to `folder/name` and returns its manifest.
    @discardableResult
    static func write(seed: UInt64, to folder: URL, name: String) throws -> Manifest {
        try SubmissionPackage.write(report: report(seed: seed), to: folder.appending(path: name).path)
    }

    /// The same package (same id, same content) in other bytes: its entries re-zipped in reverse
    /// order, uncompressed. It verifies, but its digest differs, as a second body under one id.
    static func rezipped(_ package: [UInt8]) throws -> [UInt8] {
        let source = try Archive(data: Data(package), accessMode: .read)
        let target = try Archive(accessMode: .create)
        for entry in Array(source).reversed() {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            try target.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](target.data!)
    }

    /// One entry of a ZIP to build.
    struct ZipEntry {
        var path: String
        var bytes: [UInt8]
        var type: ZIPFoundation.Entry.EntryType = .file
    }

    /// A package whose entries went through `edit`; the manifest is left as it was, so what it
    /// says no longer matches.
    static func tampered(_ package: [UInt8], _ edit: (inout [ZipEntry]) -> Void) throws -> [UInt8] {
        let source = try Archive(data: Data(package), accessMode: .read)
        var entries: [ZipEntry] = try source.map { entry in
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            return ZipEntry(path: entry.path, bytes: [UInt8](data))
        }
        edit(&entries)
        let target = try Archive(accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try target.addEntry(
                with: entry.path, type: entry.type, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](target.data!)
    }
}
