import Foundation
import Testing
import XchangePlatform

/// A package is checked with the tools a platform in any language would use: `unzip -t`,
/// `sha256sum` and a JSON Schema validator. Each part runs where the tool is installed.
struct StandardToolsTests {
    @Test func unzipFindsNoErrorAndSha256sumAgreesWithTheManifest() throws {
        let folder = try TemporaryDirectory()
        let manifest = try SubmissionPackage.write(report: PackageFixtures.report(), to: folder.path("submission.zip"))
        guard let test = try ExternalTool.run(["unzip", "-t", "submission.zip"], in: folder.url) else { return }
        #expect(test.status == 0, "\(test.output)")
        #expect(test.output.contains("No errors detected"))
        for path in ["manifest.json", "report.json", "fields.json", "report.txt"] {
            #expect(test.output.contains("testing: \(path)"))
        }

        let unpacked = folder.url.appending(path: "unpacked")
        let unzip = try #require(
            try ExternalTool.run(["unzip", "-q", "submission.zip", "-d", "unpacked"], in: folder.url))
        #expect(unzip.status == 0, "\(unzip.output)")
        guard let sums = try ExternalTool.run(["sha256sum"] + manifest.entries.map(\.path), in: unpacked) else {
            return
        }
        let expected = manifest.entries.map { "\($0.sha256)  \($0.path)" }.joined(separator: "\n") + "\n"
        #expect(sums.output == expected)
        for entry in manifest.entries {
            let size =
                try FileManager.default.attributesOfItem(atPath: unpacked.appending(path: entry.path).path)[.size]
                as? Int
            #expect(size == entry.size)
        }

        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(3)
            jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])),
                                cls=jsonschema.Draft202012Validator)
            print("valid")
            """
        try folder.write("check.py", Array(script.utf8))
        let schema = ProjectFiles.path("schemas/platform/manifest.v1.schema.json")
        guard
            let valid = try ExternalTool.run(
                ["python3", "check.py", schema, "unpacked/manifest.json"], in: folder.url),
            valid.status != 3
        else { return }
        #expect(valid.output == "valid\n", "\(valid.output)")
    }

    @Test func unzipShowsTheEntriesAtCreatedAtInChinaStandardTime() throws {
        let folder = try TemporaryDirectory()
        try folder.write("s.zip", try PackageFixtures.package())
        guard let listing = try ExternalTool.run(["unzip", "-l", "s.zip"], in: folder.url) else { return }
        #expect(listing.output.components(separatedBy: "2026-11-27 10:00").count == 5, "\(listing.output)")
    }

    /// A package zipped by another program (Python's zipfile) from the same entries is read:
    /// nothing in the format depends on how xchange lays out the ZIP.
    @Test func aPackageZippedByPythonIsAccepted() throws {
        let folder = try TemporaryDirectory()
        let report = PackageFixtures.report()
        let entries = try PackageFixtures.entries(of: PackageFixtures.package(report))
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
                for name in reversed(sys.argv[2:]):
                    archive.write(name, arcname=name)
            """
        try folder.write("pack.py", Array(script.utf8))
        for entry in entries { try folder.write(entry.path, entry.bytes) }
        let arguments = ["python3", "pack.py", "python.zip"] + entries.map(\.path)
        guard let packed = try ExternalTool.run(arguments, in: folder.url) else { return }
        #expect(packed.status == 0, "\(packed.output)")
        let package = try SubmissionPackage.read(from: folder.path("python.zip"))
        #expect(package.report == report)
    }
}
