import Foundation
import XchangeCore
import XchangeFormats
import XchangeJSON
import ZIPFoundation

/// Verifies a package's bytes, in the order that touches the least before refusing: ZIP
/// structure, each entry's path, type and declared size, the manifest, the set of entries,
/// each entry's size and digest, the report, and the manifest against the report.
struct PackageVerifier {
    let bytes: [UInt8]
    let limits: PackageLimits

    /// The entries a package holds besides the manifest: exactly one of the field layouts.
    static let fixedEntries = [SubmissionPackage.reportPath, SubmissionPackage.textPath]
    static let layoutEntries = PlatformProfile.Layout.allCases.map(\.entryPath)

    func verify() throws(PackageError) -> VerifiedPackage {
        let directory = try ZIPDirectory(bytes)
        guard directory.entryCount <= limits.maxEntries || directory.isZIP64 else {
            throw PackageError(
                code: "package.too-many-entries",
                message:
                    "the ZIP lists \(directory.entryCount) entries; a package holds 4 (at most \(limits.maxEntries) are read)"
            )
        }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw PackageError(code: "package.truncated", message: "the ZIP file is damaged or truncated: \(error)")
        }
        let zipEntries = try screenEntries(archive, declared: directory.entryCount, isZIP64: directory.isZIP64)

        guard let manifestEntry = zipEntries[SubmissionPackage.manifestPath] else {
            throw missing(SubmissionPackage.manifestPath, "the package has no manifest.json")
        }
        let manifestBytes = try extract(manifestEntry, from: archive)
        let manifest = try ManifestReader.read(manifestBytes)

        try matchEntries(zipEntries, manifest: manifest)
        var contents = [SubmissionPackage.manifestPath: manifestBytes]
        for listed in manifest.entries {
            let data = try extract(zipEntries[listed.path]!, from: archive)
            guard data.count == listed.size else {
                throw PackageError(
                    code: "package.size", entry: listed.path,
                    message: "entry \(listed.path) is \(data.count) bytes, but the manifest says \(listed.size)")
            }
            let digest = EntryDigest.sha256(data)
            guard digest == listed.sha256 else {
                throw PackageError(
                    code: "package.digest", entry: listed.path,
                    message: "entry \(listed.path) has SHA-256 \(digest), but the manifest says \(listed.sha256)")
            }
            contents[listed.path] = data
        }
        let report = try PackagedReport.decode(contents[SubmissionPackage.reportPath]!)
        try PackagedReport.check(manifest, against: report)
        return VerifiedPackage(manifest: manifest, report: report, entries: contents)
    }

    /// Every entry by path, after checking its path, type and declared sizes; nothing is
    /// inflated yet.
    private func screenEntries(_ archive: Archive, declared: Int, isZIP64: Bool) throws(PackageError) -> [String: Entry]
    {
        var found: [String: Entry] = [:]
        var total = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw PackageError(
                    code: "package.too-many-entries", message: "the ZIP holds more than \(limits.maxEntries) entries")
            }
            let path = entry.path
            if let problem = EntryPath.problem(path) {
                throw PackageError(
                    code: "package.path-escape", entry: path, message: "entry \(quoted(path)) \(problem)")
            }
            switch entry.type {
            case .symlink:
                throw PackageError(
                    code: "package.symlink", entry: path,
                    message: "entry \(path) is a symbolic link; a package holds files only")
            case .directory:
                throw PackageError(
                    code: "package.extra-entry", entry: path,
                    message: "entry \(path) is a folder; a package holds files only")
            case .file: break
            }
            guard found[path] == nil else {
                throw PackageError(
                    code: "package.duplicate-entry", entry: path, message: "entry \(path) appears twice in the ZIP")
            }
            let size = Int(clamping: entry.uncompressedSize)
            guard size <= limits.maxEntrySize else {
                throw PackageError(
                    code: "package.entry-too-large", entry: path,
                    message: "entry \(path) inflates to \(size) bytes; at most \(limits.maxEntrySize) are accepted")
            }
            let compressed = max(Int(clamping: entry.compressedSize), 1)
            if size >= limits.ratioCheckedFrom, size / compressed > limits.maxCompressionRatio {
                throw PackageError(
                    code: "package.compression-ratio", entry: path,
                    message: "entry \(path) inflates \(size / compressed) times (\(compressed) → \(size) bytes); "
                        + "more than \(limits.maxCompressionRatio) times is refused as a ZIP bomb")
            }
            total += size
            guard total <= limits.maxTotalSize else {
                throw PackageError(
                    code: "package.too-large", entry: path,
                    message: "the entries inflate to over \(limits.maxTotalSize) bytes (reached at entry \(path))")
            }
            found[path] = entry
        }
        guard isZIP64 || count == declared else {
            throw PackageError(
                code: "package.truncated",
                message:
                    "the ZIP directory lists \(declared) entries, but only \(count) can be read: the file is damaged or truncated"
            )
        }
        return found
    }

    /// The ZIP's entries must be the manifest's, and those the package format's.
    private func matchEntries(_ zipEntries: [String: Entry], manifest: Manifest) throws(PackageError) {
        var listed: Set<String> = []
        for entry in manifest.entries {
            guard listed.insert(entry.path).inserted else {
                throw PackageError(
                    code: "package.manifest", entry: SubmissionPackage.manifestPath,
                    message: "manifest.json lists entry \(entry.path) twice")
            }
            guard entry.path != SubmissionPackage.manifestPath else {
                throw PackageError(
                    code: "package.manifest", entry: SubmissionPackage.manifestPath,
                    message: "manifest.json lists itself")
            }
            guard Self.fixedEntries.contains(entry.path) || Self.layoutEntries.contains(entry.path) else {
                throw PackageError(
                    code: "package.extra-entry", entry: entry.path,
                    message: "the manifest lists entry \(entry.path), which a package does not hold "
                        + "(it holds \(([SubmissionPackage.manifestPath] + Self.fixedEntries + Self.layoutEntries).joined(separator: ", ")))"
                )
            }
            guard zipEntries[entry.path] != nil else {
                throw missing(entry.path, "the manifest lists entry \(entry.path), but the ZIP does not hold it")
            }
        }
        for path in zipEntries.keys.sorted() where path != SubmissionPackage.manifestPath && !listed.contains(path) {
            throw PackageError(
                code: "package.extra-entry", entry: path, message: "entry \(quoted(path)) is not listed in the manifest"
            )
        }
        for path in Self.fixedEntries where !listed.contains(path) {
            throw missing(path, "the package has no \(path)")
        }
        let layouts = Self.layoutEntries.filter(listed.contains)
        guard layouts.count == 1 else {
            if layouts.isEmpty {
                throw missing(Self.layoutEntries[0], "the package has neither fields.json nor fields.csv")
            }
            throw PackageError(
                code: "package.extra-entry", entry: layouts[1],
                message: "the package holds both fields.json and fields.csv; one is allowed")
        }
    }

    /// An entry's bytes, inflating no more than its size in the ZIP directory (which the
    /// limits have been checked against), and checking its CRC-32.
    private func extract(_ entry: Entry, from archive: Archive) throws(PackageError) -> [UInt8] {
        let path = entry.path
        let declared = Int(clamping: entry.uncompressedSize)
        var data = Data()
        do {
            let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                guard data.count <= declared else { throw Overflow() }
            }
            // The library computes the CRC-32 of what it read; comparing it is the caller's part.
            guard checksum == entry.checksum else {
                throw PackageError(
                    code: "package.corrupt", entry: path,
                    message: "entry \(path) is damaged: its CRC-32 does not match the ZIP directory")
            }
        } catch let error as PackageError {
            throw error
        } catch is Overflow {
            throw PackageError(
                code: "package.size", entry: path,
                message: "entry \(path) inflates to more than the \(declared) bytes the ZIP directory gives it")
        } catch {
            throw PackageError(
                code: "package.corrupt", entry: path,
                message: "entry \(path) cannot be read: \(Self.wording(ofUnreadableEntry: error))")
        }
        guard data.count == declared else {
            throw PackageError(
                code: "package.size", entry: path,
                message: "entry \(path) inflates to \(data.count) bytes, but the ZIP directory gives it \(declared)")
        }
        return [UInt8](data)
    }

    private func missing(_ path: String, _ message: String) -> PackageError {
        PackageError(code: "package.missing-entry", entry: path, message: message)
    }

    private func quoted(_ path: String) -> String {
        path.unicodeScalars.contains { $0.value < 0x20 || $0 == " " }
            ? "\"\(path.debugDescription.dropFirst().dropLast())\"" : path
    }

    private struct Overflow: Error {}

    /// What the ZIP library's error for an entry it cannot inflate means, in words (its errors
    /// are bare case names such as `corruptedData`).
    static func wording(ofUnreadableEntry error: any Error) -> String {
        switch String(describing: error) {
        case "corruptedData": "its compressed data is damaged"
        case "invalidStream": "its compressed data is not a deflate stream"
        case "invalidCRC32": "its CRC-32 does not match the ZIP directory"
        case "invalidCompressionMethod": "it is compressed with a method other than stored or deflate"
        case "invalidLocalHeaderDataOffset", "invalidLocalHeaderSize": "its local header is damaged"
        case "invalidEntrySize": "its size in the ZIP directory is not possible"
        case let other: "the ZIP library says \(other)"
        }
    }
}

/// Whether an entry's path stays inside the package: relative, forward slashes, no `..`.
enum EntryPath {
    /// What is wrong with the path, or nil.
    static func problem(_ path: String) -> String? {
        if path.isEmpty { return "has an empty path" }
        if path.contains("\\") { return "uses a backslash; entry paths use /" }
        if path.hasPrefix("/") { return "is an absolute path" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "has a control character in its path"
        }
        if let first = path.split(separator: "/").first, first.count == 2, first.hasSuffix(":") {
            return "names a drive"
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains("..") { return "escapes the package with .." }
        if parts.dropLast().contains(where: \.isEmpty) || parts.contains(".") {
            return "has an empty or . path segment"
        }
        return nil
    }
}
