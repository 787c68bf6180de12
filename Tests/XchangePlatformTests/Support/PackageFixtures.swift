import Foundation
import XchangeCore
import XchangePlatform
import XchangeSynthetic
import ZIPFoundation

/// Reports and packages for the tests, and the means to take packages apart and build
/// tampered ones with the ZIP library.
enum PackageFixtures {
    static let packageID = "0f8fad5b-d9cb-469f-a165-70867728950e"
    /// 2026-11-27T10:00:00+08:00
    static let createdAt = Date(timeIntervalSince1970: 1_795_744_800)

    /// A realistic report whose figures satisfy every rule.
    static func report(seed: UInt64 = 11, format: FormatVersion = .unified2021) -> Report {
        var generator = ReportGenerator(count: 1, seed: seed, format: format)
        return generator.next()!
    }

    /// A package of `report()`, built with a fixed id and time.
    static func package(_ report: Report = report(), profile: PlatformProfile = .default) throws -> [UInt8] {
        try SubmissionPackage.build(report: report, profile: profile, packageID: packageID, createdAt: createdAt).bytes
    }

    /// One entry of a ZIP to build.
    struct Entry {
        var path: String
        var bytes: [UInt8]
        var type: ZIPFoundation.Entry.EntryType = .file
        var compression: CompressionMethod = .deflate
    }

    /// The entries of a ZIP, in order.
    static func entries(of zip: [UInt8]) throws -> [Entry] {
        let archive = try Archive(data: Data(zip), accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return Entry(path: entry.path, bytes: [UInt8](data))
        }
    }

    /// A ZIP of the entries, as given (paths are not checked: tests build bad ones).
    static func zip(_ entries: [Entry]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(
                with: entry.path, type: entry.type, uncompressedSize: Int64(data.count),
                compressionMethod: entry.compression
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data!)
    }

    /// A package whose entries went through `edit`, then whose manifest lists the edited
    /// entries with their true sizes and digests (unless `fixManifest` is false): a tampered
    /// package that only the check under test can catch.
    static func tampered(
        fixManifest: Bool = true, _ edit: (inout [Entry]) throws -> Void,
        manifest editManifest: (inout Manifest) -> Void = { _ in }
    ) throws -> [UInt8] {
        var entries = try entries(of: package())
        let original = try SubmissionPackage.read(bytes: package()).manifest
        try edit(&entries)
        var manifest = original
        if fixManifest {
            manifest.entries = entries.filter { $0.path != "manifest.json" }.map { entry in
                Manifest.Entry(
                    path: entry.path, size: entry.bytes.count, sha256: EntryDigest.sha256(entry.bytes),
                    mediaType: original.entry(entry.path)?.mediaType ?? "application/octet-stream")
            }
        }
        editManifest(&manifest)
        if let index = entries.firstIndex(where: { $0.path == "manifest.json" }) {
            entries[index].bytes = manifest.jsonBytes
        }
        return try zip(entries)
    }

    /// The same edit on a manifest's JSON text.
    static func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8)
    }
}
