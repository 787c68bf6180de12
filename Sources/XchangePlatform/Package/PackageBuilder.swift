import Crypto
import Foundation
import XchangeCore
import XchangeFormats
import ZIPFoundation

/// Assembles the entries of a package and zips them: manifest first, then `report.json`,
/// the field layout and `report.txt`, deflated, every entry timed at `created_at` (+08:00).
struct PackageBuilder {
    let report: Report
    let profile: PlatformProfile
    let packageID: String
    let createdAt: Date

    /// China Standard Time, the offset of `created_at` and of the entries' times.
    static let chinaOffset = 8 * 3600

    /// Held while entries are added: the ZIP library works out each entry's time with
    /// `gmtime()`, whose result lives in one buffer for the whole process, so two packages
    /// zipped at once could take each other's times.
    private static let zipping = NSLock()

    func build() throws(PackageError) -> SubmissionPackage.Built {
        let files: [(path: String, mediaType: String, bytes: [UInt8])]
        do {
            files = [
                (
                    SubmissionPackage.reportPath, "application/json",
                    try render(with: JSONFormat(), options: ["layout": "single"])
                ),
                (profile.layout.entryPath, profile.layout.mediaType, FieldLayout.render(report, profile: profile)),
                (SubmissionPackage.textPath, "text/plain; charset=utf-8", try render(with: TextFormat(), options: [:])),
            ]
        } catch {
            throw PackageError(code: "package.render", message: "cannot render the report: \(error)")
        }
        let manifest = Manifest(
            packageID: packageID, createdAt: Self.timestamp(createdAt),
            sender: Manifest.Sender(
                agencyName: report.agencyName ?? "", agencyUSCC: report["meta.agency_uscc"]?.plainText ?? "",
                adminDivisionCode: report["meta.admin_division_code"]?.plainText ?? ""),
            receiver: Manifest.Receiver(platformID: profile.platformID), reportYear: report.reportYear ?? 0,
            formatVersion: report.formatVersion?.rawValue ?? "",
            entries: files.map {
                Manifest.Entry(
                    path: $0.path, size: $0.bytes.count, sha256: EntryDigest.sha256($0.bytes), mediaType: $0.mediaType)
            })
        // The preflight makes this hold; checked so that no package is written that readers refuse.
        if let violation = ManifestSchema.violations(of: manifest.jsonValue).first {
            throw PackageError(
                code: "package.manifest", entry: SubmissionPackage.manifestPath,
                message: "the report cannot be packaged: manifest.json would break its schema: \(violation)")
        }
        let entries = [(SubmissionPackage.manifestPath, manifest.jsonBytes)] + files.map { ($0.path, $0.bytes) }
        do {
            let archive = try Archive(accessMode: .create)
            // gmtime() turns the date into the ZIP's wall-clock fields: shift it to show +08:00.
            let entryTime = createdAt.addingTimeInterval(TimeInterval(Self.chinaOffset))
            Self.zipping.lock()
            defer { Self.zipping.unlock() }
            for (path, bytes) in entries {
                let data = Data(bytes)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryTime,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let zipped = archive.data else {
                throw PackageError(code: "package.zip", message: "the ZIP archive could not be assembled")
            }
            return SubmissionPackage.Built(manifest: manifest, bytes: [UInt8](zipped))
        } catch let error as PackageError {
            throw error
        } catch {
            throw PackageError(code: "package.zip", message: "the ZIP archive could not be assembled: \(error)")
        }
    }

    /// Runs a format module's writer into memory.
    private func render(with module: some FormatModule, options: [String: String]) throws -> [UInt8] {
        let sink = OutputSink.memory()
        let writer = try module.makeWriter(
            sink, options: FormatOptions(options, for: module, side: .write), diagnostics: DiagnosticList())
        try writer.write(report)
        try writer.finish()
        return sink.collectedBytes
    }

    /// `2026-11-27T17:05:09+08:00`
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: chinaOffset)
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// SHA-256 in the manifest's form.
public enum EntryDigest {
    /// The SHA-256 of `bytes` as 64 lower-case hex digits.
    public static func sha256(_ bytes: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
