import Foundation
import Testing
import XchangeCore
import XchangePlatform

/// Every kind of bad package is refused with a stable code and the entry named.
struct TamperedPackageTests {
    /// Reads `bytes` and returns the refusal, failing the test if the package was accepted.
    func refusal(_ bytes: [UInt8], limits: PackageLimits = .default) -> PackageError? {
        do {
            _ = try SubmissionPackage.read(bytes: bytes, name: "bad.zip", limits: limits)
            Issue.record("the package was accepted")
            return nil
        } catch {
            #expect(error.package == "bad.zip")
            #expect(error.description.hasPrefix("bad.zip: error: [\(error.code)]"))
            if let entry = error.entry {
                #expect(error.message.contains(entry), "the message names the entry: \(error.message)")
            }
            return error
        }
    }

    func expectRefused(_ bytes: [UInt8], code: String, entry: String?, limits: PackageLimits = .default) {
        let error = refusal(bytes, limits: limits)
        #expect(error?.code == code, "\(error?.description ?? "")")
        #expect(error?.entry == entry, "\(error?.description ?? "")")
    }

    @Test func aChangedEntryFailsItsDigest() throws {
        let bytes = try PackageFixtures.tampered(fixManifest: false) { entries in
            let index = entries.firstIndex { $0.path == "report.txt" }!
            entries[index].bytes[10] ^= 0x01
        }
        expectRefused(bytes, code: "package.digest", entry: "report.txt")
    }

    @Test func anEntryOfAnotherSizeIsRefused() throws {
        let bytes = try PackageFixtures.tampered(fixManifest: false) { entries in
            let index = entries.firstIndex { $0.path == "fields.json" }!
            entries[index].bytes += Array(" ".utf8)
        }
        expectRefused(bytes, code: "package.size", entry: "fields.json")
    }

    @Test func aManifestSizeThatLiesIsRefused() throws {
        let bytes = try PackageFixtures.tampered({ _ in }, manifest: { $0.entries[0].size += 1 })
        expectRefused(bytes, code: "package.size", entry: "report.json")
    }

    @Test func aMissingEntryIsNamed() throws {
        let bytes = try PackageFixtures.tampered(fixManifest: false) { entries in
            entries.removeAll { $0.path == "report.txt" }
        }
        expectRefused(bytes, code: "package.missing-entry", entry: "report.txt")
    }

    @Test func anEntryNeitherTheZIPNorTheManifestHasIsNamed() throws {
        let bytes = try PackageFixtures.tampered { entries in
            entries.removeAll { $0.path == "report.txt" }
        }
        expectRefused(bytes, code: "package.missing-entry", entry: "report.txt")
    }

    @Test func aMissingManifestIsNamed() throws {
        let bytes = try PackageFixtures.tampered { entries in
            entries.removeAll { $0.path == "manifest.json" }
        }
        expectRefused(bytes, code: "package.missing-entry", entry: "manifest.json")
    }

    @Test func anExtraEntryIsNamed() throws {
        let unlisted = try PackageFixtures.tampered(fixManifest: false) { entries in
            entries.append(.init(path: "run.sh", bytes: Array("rm -rf /".utf8)))
        }
        expectRefused(unlisted, code: "package.extra-entry", entry: "run.sh")
        let listed = try PackageFixtures.tampered { entries in
            entries.append(.init(path: "notes.txt", bytes: Array("hello".utf8)))
        }
        expectRefused(listed, code: "package.extra-entry", entry: "notes.txt")
    }

    @Test func bothFieldLayoutsAreOneTooMany() throws {
        let bytes = try PackageFixtures.tampered { entries in
            entries.append(.init(path: "fields.csv", bytes: Array("code,value\n".utf8)))
        }
        expectRefused(bytes, code: "package.extra-entry", entry: "fields.csv")
    }

    @Test(arguments: ["../report.txt", "/etc/passwd", "a/../../evil", "dir\\evil.txt", "C:/evil.txt"])
    func aPathThatEscapesIsRefused(path: String) throws {
        let bytes = try PackageFixtures.tampered(fixManifest: false) { entries in
            entries.append(.init(path: path, bytes: Array("x".utf8)))
        }
        expectRefused(bytes, code: "package.path-escape", entry: path)
    }

    @Test func aSymlinkEntryIsRefused() throws {
        let bytes = try PackageFixtures.tampered(fixManifest: false) { entries in
            let index = entries.firstIndex { $0.path == "report.txt" }!
            entries[index] = .init(path: "report.txt", bytes: Array("/etc/passwd".utf8), type: .symlink)
        }
        expectRefused(bytes, code: "package.symlink", entry: "report.txt")
    }

    @Test func aDuplicatedEntryIsRefused() throws {
        let bytes = try PackageFixtures.tampered(fixManifest: false) { entries in
            entries.append(entries.first { $0.path == "report.json" }!)
        }
        expectRefused(bytes, code: "package.duplicate-entry", entry: "report.json")
    }

    @Test func anEntryOverTheSizeLimitIsRefusedBeforeInflating() throws {
        let bytes = try PackageFixtures.tampered { entries in
            entries.append(.init(path: "report.txt", bytes: [UInt8](repeating: 0x20, count: 3 << 20)))
            entries.removeAll { $0.path == "report.txt" && $0.bytes.count < 3 << 20 }
        }
        let limits = PackageLimits(maxEntrySize: 2 << 20, maxCompressionRatio: 10_000)
        expectRefused(bytes, code: "package.entry-too-large", entry: "report.txt", limits: limits)
    }

    @Test func aZipBombIsRefusedByItsCompressionRatio() throws {
        let bytes = try PackageFixtures.tampered { entries in
            let index = entries.firstIndex { $0.path == "report.txt" }!
            entries[index].bytes = [UInt8](repeating: 0, count: 8 << 20)
        }
        #expect(bytes.count < 64 << 10)
        expectRefused(bytes, code: "package.compression-ratio", entry: "report.txt")
    }

    @Test func aZipBombUnderTheRatioIsStoppedByTheTotal() throws {
        let bytes = try PackageFixtures.tampered { entries in
            let index = entries.firstIndex { $0.path == "report.txt" }!
            entries[index].bytes = [UInt8](repeating: 0, count: 3 << 20)
        }
        let limits = PackageLimits(maxTotalSize: 2 << 20, maxCompressionRatio: 100_000)
        expectRefused(bytes, code: "package.too-large", entry: "report.txt", limits: limits)
    }

    @Test func anEntryThatInflatesPastItsDeclaredSizeIsStopped() throws {
        // Lower the uncompressed size in the central directory and local header of report.txt.
        var bytes = try PackageFixtures.package()
        let entries = try PackageFixtures.entries(of: bytes)
        let size = entries.first { $0.path == "report.txt" }!.bytes.count
        let name = Array("report.txt".utf8)
        var patched = 0
        for offset in 0..<(bytes.count - 46) where bytes[offset] == 0x50 && bytes[offset + 1] == 0x4B {
            let (sizeAt, nameAt): (Int, Int)
            switch (bytes[offset + 2], bytes[offset + 3]) {
            case (0x03, 0x04): (sizeAt, nameAt) = (offset + 22, offset + 30)
            case (0x01, 0x02): (sizeAt, nameAt) = (offset + 24, offset + 46)
            default: continue
            }
            guard Array(bytes[nameAt..<min(nameAt + name.count, bytes.count)]) == name else { continue }
            let smaller = UInt32(size - 100)
            for byte in 0..<4 { bytes[sizeAt + byte] = UInt8(truncatingIfNeeded: smaller >> (8 * byte)) }
            patched += 1
        }
        #expect(patched == 2)
        let error = refusal(bytes)
        #expect(error?.entry == "report.txt")
        #expect(["package.size", "package.corrupt"].contains(error?.code ?? ""))
    }

    @Test func aCorruptedEntryFailsItsChecksum() throws {
        // Stored (not deflated), so that one flipped byte inside report.txt's data reaches the CRC-32 check.
        var bytes = try PackageFixtures.tampered(fixManifest: false) { entries in
            for index in entries.indices { entries[index].compression = .none }
        }
        bytes[try dataOffset(of: "report.txt", in: bytes) + 50] ^= 0x01
        expectRefused(bytes, code: "package.corrupt", entry: "report.txt")
    }

    @Test func aDamagedDeflateStreamIsRefusedInWords() throws {
        var bytes = try PackageFixtures.package()
        // The first block's type bits set to 11, which deflate reserves: the stream cannot be inflated.
        bytes[try dataOffset(of: "report.txt", in: bytes)] |= 0x06
        expectRefused(bytes, code: "package.corrupt", entry: "report.txt")
        let error = refusal(bytes)
        #expect(error?.message == "entry report.txt cannot be read: its compressed data is damaged")
    }

    /// Where an entry's data starts: after its local header, its name and its extra field.
    func dataOffset(of path: String, in bytes: [UInt8]) throws -> Int {
        let name = Array(path.utf8)
        let header = try #require(
            bytes.indices.first { offset in
                offset + 30 + name.count < bytes.count
                    && bytes[offset..<offset + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04])
                    && bytes[(offset + 30)..<(offset + 30 + name.count)].elementsEqual(name)
            })
        let extra = Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8
        return header + 30 + name.count + extra
    }

    @Test(arguments: [0.5, 0.9, 0.999])
    func aTruncatedPackageIsRefused(keeping fraction: Double) throws {
        let bytes = try PackageFixtures.package()
        let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
        expectRefused(cut, code: "package.truncated", entry: nil)
    }

    @Test func aPackageCutBeforeItsLastEntryIsRefused() throws {
        // Keep the end record but drop a directory entry's bytes: the library would skip it.
        let bytes = try PackageFixtures.package()
        let end = bytes.count - 22
        let count = Int(bytes[end + 10]) | Int(bytes[end + 11]) << 8
        #expect(count == 4)
        var edited = bytes
        edited[end + 10] = 5
        edited[end + 8] = 5
        expectRefused(edited, code: "package.truncated", entry: nil)
    }

    @Test(arguments: ["", "hello, this is not a zip file\n", "{\"package_format\": \"xchange-submission/1\"}"])
    func aFileThatIsNoZIPIsRefused(text: String) {
        expectRefused(Array(text.utf8), code: "package.not-zip", entry: nil)
    }

    @Test func aManifestThatBreaksItsSchemaIsRefusedNamingTheMember() throws {
        let upper = try PackageFixtures.tampered({ _ in }, manifest: { $0.packageID = $0.packageID.uppercased() })
        let error = refusal(upper)
        #expect(error?.code == "package.manifest")
        #expect(error?.entry == "manifest.json")
        #expect(error?.message.contains("package_id") == true)
        #expect(error?.message.contains("line 3") == true, "\(error?.message ?? "")")

        let badDigest = try PackageFixtures.tampered({ _ in }, manifest: { $0.entries[1].sha256 = "ABC" })
        #expect(refusal(badDigest)?.message.contains("entries[1].sha256") == true)
    }

    @Test func aManifestMemberOutsideTheSchemaIsRefusedWithTheNearestName() throws {
        var entries = try PackageFixtures.entries(of: PackageFixtures.package())
        entries[0].bytes = PackageFixtures.replacing("\"report_year\"", with: "\"report_yaer\"", in: entries[0].bytes)
        let error = refusal(try PackageFixtures.zip(entries))
        #expect(error?.code == "package.manifest")
        #expect(error?.message.contains("did you mean report_year?") == true, "\(error?.message ?? "")")
    }

    @Test func aManifestThatIsNotJSONIsRefused() throws {
        var entries = try PackageFixtures.entries(of: PackageFixtures.package())
        entries[0].bytes = Array("{\"package_format\": ".utf8)
        expectRefused(try PackageFixtures.zip(entries), code: "package.manifest", entry: "manifest.json")
    }

    @Test func aManifestNamingAnotherAgencyIsRefused() throws {
        let other = PackageFixtures.report(seed: 99)
        let bytes = try PackageFixtures.tampered(
            { _ in },
            manifest: { manifest in
                manifest.sender.agencyUSCC = other["meta.agency_uscc"]!.plainText
            })
        expectRefused(bytes, code: "package.manifest-mismatch", entry: "manifest.json")
    }

    @Test func aReportJSONThatIsNoReportIsRefused() throws {
        let bytes = try PackageFixtures.tampered { entries in
            let index = entries.firstIndex { $0.path == "report.json" }!
            entries[index].bytes = Array("[1, 2]".utf8)
        }
        expectRefused(bytes, code: "package.report", entry: "report.json")
    }

    @Test func anOversizedPackageFileIsRefusedBeforeReading() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("big.zip", try PackageFixtures.package())
        do {
            _ = try SubmissionPackage.read(from: path, limits: PackageLimits(maxPackageSize: 1000))
            Issue.record("accepted")
        } catch {
            #expect(error.code == "package.too-large")
            #expect(error.package == path)
        }
    }
}
