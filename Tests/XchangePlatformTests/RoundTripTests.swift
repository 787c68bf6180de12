import Foundation
import Synchronization
import Testing
import XchangeCore
import XchangeFormats
import XchangePlatform

/// Report → package → report gives the same report, and the package is what the manifest says.
struct RoundTripTests {
    @Test(arguments: [FormatVersion.unified2021, .trial2019, .legacyPre2019])
    func aPackageGivesBackTheSameReport(format: FormatVersion) throws {
        let report = PackageFixtures.report(seed: 5, format: format)
        let folder = try TemporaryDirectory()
        let path = folder.path("submission.zip")
        let manifest = try SubmissionPackage.write(report: report, to: path)
        let package = try SubmissionPackage.read(from: path)
        #expect(package.report == report)
        #expect(package.manifest == manifest)
        #expect(try folder.listing() == ["submission.zip"])
    }

    @Test func theSampleReportSurvivesWithItsProvenanceAndSections() throws {
        let input = try InputSource(path: ProjectFiles.path("samples/report-2021.json"))
        let report = try #require(
            try JSONFormat().makeReader(
                input, options: .defaults(for: JSONFormat(), side: .read), diagnostics: DiagnosticList()
            ).next())
        let package = try SubmissionPackage.read(bytes: try PackageFixtures.package(report))
        #expect(package.report == report)
        #expect(package.report.overview == report.overview)
    }

    @Test func theManifestDescribesTheReportAndEveryEntry() throws {
        let report = PackageFixtures.report()
        let built = try SubmissionPackage.build(report: report)
        let manifest = built.manifest
        #expect(manifest.packageFormat == "xchange-submission/1")
        #expect(
            manifest.packageID.range(
                of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression
            ) != nil)
        #expect(manifest.createdAt.hasSuffix("+08:00"))
        #expect(manifest.sender.agencyUSCC == report["meta.agency_uscc"]?.plainText)
        #expect(manifest.sender.agencyName == report.agencyName)
        #expect(manifest.reportYear == report.reportYear)
        #expect(manifest.receiver.platformID == "xchange-default")
        #expect(manifest.entries.map(\.path) == ["report.json", "fields.json", "report.txt"])
        let entries = try PackageFixtures.entries(of: built.bytes)
        #expect(entries.map(\.path) == ["manifest.json", "report.json", "fields.json", "report.txt"])
        for listed in manifest.entries {
            let entry = try #require(entries.first { $0.path == listed.path })
            #expect(entry.bytes.count == listed.size)
            #expect(EntryDigest.sha256(entry.bytes) == listed.sha256)
        }
        #expect(entries[0].bytes == manifest.jsonBytes)
    }

    @Test func twoPackagesWithTheSameIdAndTimeAreTheSameBytes() throws {
        #expect(try PackageFixtures.package() == PackageFixtures.package())
    }

    @Test func packagesBuiltAtOnceKeepTheirOwnTimes() throws {
        // Packages of different days and hours, built on more threads than there are cores, so
        // that threads are switched in the middle of building.
        let report = PackageFixtures.report()
        let times = (0..<8).map { PackageFixtures.createdAt.addingTimeInterval(Double($0) * 90_061) }
        let expected = try times.map {
            try SubmissionPackage.build(report: report, packageID: PackageFixtures.packageID, createdAt: $0).bytes
        }
        let mismatches = Mutex(0)
        let group = DispatchGroup()
        for thread in 0..<16 {
            DispatchQueue.global().async(group: group) {
                for round in 0..<6 {
                    let index = (thread + round) % times.count
                    let bytes = try? SubmissionPackage.build(
                        report: report, packageID: PackageFixtures.packageID, createdAt: times[index]
                    ).bytes
                    if bytes != expected[index] { mismatches.withLock { $0 += 1 } }
                }
            }
        }
        group.wait()
        #expect(mismatches.withLock { $0 } == 0, "packages built at once differ from the same packages built alone")
    }

    @Test func newPackagesGetDistinctIds() throws {
        let report = PackageFixtures.report()
        let first = try SubmissionPackage.build(report: report).manifest.packageID
        let second = try SubmissionPackage.build(report: report).manifest.packageID
        #expect(first != second)
    }

    @Test func createdAtIsChinaStandardTime() throws {
        let built = try SubmissionPackage.build(
            report: PackageFixtures.report(), packageID: PackageFixtures.packageID, createdAt: PackageFixtures.createdAt
        )
        #expect(built.manifest.createdAt == "2026-11-27T10:00:00+08:00")
    }

    @Test func theEntriesAreTheJSONAndTextModulesOutput() throws {
        let report = PackageFixtures.report()
        let package = try SubmissionPackage.read(bytes: try PackageFixtures.package(report))
        let json = OutputSink.memory()
        let jsonWriter = try JSONFormat().makeWriter(
            json, options: .defaults(for: JSONFormat(), side: .write), diagnostics: DiagnosticList())
        try jsonWriter.write(report)
        try jsonWriter.finish()
        #expect(package.entries["report.json"] == json.collectedBytes)
        let text = OutputSink.memory()
        let textWriter = try TextFormat().makeWriter(
            text, options: .defaults(for: TextFormat(), side: .write), diagnostics: DiagnosticList())
        try textWriter.write(report)
        try textWriter.finish()
        #expect(package.entries["report.txt"] == text.collectedBytes)
    }
}
