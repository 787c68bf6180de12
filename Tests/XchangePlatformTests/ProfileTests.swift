import Foundation
import Testing
import XchangeCore
import XchangePlatform

/// Platform profiles: the compiled-in default, loading a province's file, and its errors.
struct ProfileTests {
    @Test func theCompiledInDefaultIsTheShippedFile() throws {
        let file = try ProjectFiles.text("schemas/platform/default-profile.yaml")
        #expect(PlatformProfile.defaultSource + "\n" == file)
        #expect(try PlatformProfile.load(path: ProjectFiles.path("schemas/platform/default-profile.yaml")) == .default)
    }

    @Test func theDefaultProfileCoversEverySchemaField() {
        let profile = PlatformProfile.default
        #expect(profile.platformID == "xchange-default")
        #expect(profile.layout == .json)
        #expect(profile.fields.map(\.key) == CanonicalSchema.v1.fields.map(\.key))
    }

    @Test func theShippedExampleProvinceProfileLoadsAndPackagesTheSample() throws {
        let profile = try PlatformProfile.load(
            path: ProjectFiles.path("schemas/platform/example-province-profile.yaml"))
        #expect(profile.platformID == "example-province")
        #expect(profile.layout == .csv)
        let package = try SubmissionPackage.read(bytes: try PackageFixtures.package(profile: profile))
        #expect(
            package.entries["fields.csv"].map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("code,value\nBGND,")
                == true)
    }

    @Test func aProvinceProfileGivesItsCodesAndCSV() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(
            "zj.yaml",
            Array(
                """
                platform_id: zj-gov-open
                name: 浙江省政务公开平台
                layout: csv
                fields:
                  - {code: ND, key: meta.report_year, required: true}
                  - {code: DWMC, key: meta.agency_name, required: true}
                  - {code: XYDM, key: meta.agency_uscc, required: true}
                  - code: SQ_XS_ZJ
                    key: applications.new_received.total
                    required: true
                  - {code: LXDH, key: meta.contact.phone}

                """.utf8))
        let profile = try PlatformProfile.load(path: path)
        #expect(profile.layout == .csv)
        #expect(
            profile.requiredKeys == [
                "meta.report_year", "meta.agency_name", "meta.agency_uscc", "applications.new_received.total",
            ])

        var report = PackageFixtures.report()
        try report.set("meta.agency_name", to: .text("某市\"测试\",办公室"))
        let package = try SubmissionPackage.read(bytes: try PackageFixtures.package(report, profile: profile))
        #expect(package.manifest.receiver.platformID == "zj-gov-open")
        #expect(package.entries["fields.json"] == nil)
        let csv = String(decoding: try #require(package.entries["fields.csv"]), as: UTF8.self)
        let year = report.reportYear!
        let total = report["applications.new_received.total"]!.plainText
        let uscc = report["meta.agency_uscc"]!.plainText
        var expected = "code,value\nND,\(year)\nDWMC,\"某市\"\"测试\"\",办公室\"\nXYDM,\(uscc)\nSQ_XS_ZJ,\(total)\n"
        if let phone = report["meta.contact.phone"] { expected += "LXDH,\(phone.plainText)\n" }
        #expect(csv == expected)
        #expect(package.manifest.entry("fields.csv")?.mediaType == "text/csv; charset=utf-8")
    }

    @Test func fieldsJSONHoldsTypedValuesUnderTheCodes() throws {
        let report = PackageFixtures.report()
        let package = try SubmissionPackage.read(bytes: try PackageFixtures.package(report))
        let text = String(decoding: try #require(package.entries["fields.json"]), as: UTF8.self)
        #expect(
            text.hasPrefix(
                "{\n  \"platform_id\": \"xchange-default\",\n  \"fields\": {\n    \"meta.report_year\": \(report.reportYear!),"
            ))
        #expect(text.contains("\"meta.agency_uscc\": \"\(report["meta.agency_uscc"]!.plainText)\""))
    }

    func loadError(_ yaml: String) throws -> Diagnostic? {
        let folder = try TemporaryDirectory()
        let path = try folder.write("p.yaml", Array(yaml.utf8))
        do {
            _ = try PlatformProfile.load(path: path)
            Issue.record("the profile loaded")
            return nil
        } catch {
            #expect(error.location?.file == path)
            return error
        }
    }

    @Test func aMisspeltMemberIsNamedWithItsLineAndTheNearestName() throws {
        let error = try loadError(
            "platform_id: p\nname: P\nlayout: json\nfeilds:\n  - {code: A, key: meta.report_year}\n")
        #expect(error?.code == "profile.unknown-key")
        #expect(error?.location?.line == 4)
        #expect(error?.message.contains("did you mean fields?") == true)
    }

    @Test func anUnknownCanonicalKeyIsNamedWithTheNearestKey() throws {
        let error = try loadError(
            "platform_id: p\nname: P\nlayout: json\nfields:\n  - {code: A, key: meta.report_yaer}\n")
        #expect(error?.code == "profile.unknown-field")
        #expect(error?.location?.line == 5)
        #expect(error?.message.contains("meta.report_year") == true)
    }

    @Test func aDuplicateCodeIsRefused() throws {
        let error = try loadError(
            "platform_id: p\nname: P\nlayout: json\nfields:\n  - {code: A, key: meta.report_year}\n  - {code: A, key: meta.agency_name}\n"
        )
        #expect(error?.code == "profile.duplicate")
        #expect(error?.location?.line == 6)
    }

    @Test(arguments: [
        ("platform_id: p\nname: P\nlayout: xml\nfields:\n  - {code: A, key: meta.report_year}\n", "profile.value", 3),
        ("platform_id: p\nlayout: json\nfields:\n  - {code: A, key: meta.report_year}\n", "profile.missing", 1),
        (
            "platform_id: p q\nname: P\nlayout: json\nfields:\n  - {code: A, key: meta.report_year}\n", "profile.value",
            1
        ),
        ("platform_id: p\nname: P\nlayout: json\nfields: []\n", "profile.value", 4),
        (
            "platform_id: p\nname: P\nlayout: json\nfields:\n  - {code: A, key: meta.report_year, required: maybe}\n",
            "profile.value", 5
        ),
        ("platform_id: [p\n", "profile.syntax", 2),
    ])
    func aBadProfileIsRefusedWhereItIsWrong(yaml: String, code: String, line: Int) throws {
        let error = try loadError(yaml)
        #expect(error?.code == code, "\(error?.description ?? "")")
        #expect(error?.location?.line == line, "\(error?.description ?? "")")
    }

    @Test func theWriterTakesAProfileOption() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(
            "p.yaml",
            Array(
                "platform_id: test-platform\nname: T\nlayout: csv\nfields:\n  - {code: Y, key: meta.report_year}\n".utf8
            ))
        let sink = OutputSink.memory()
        let writer = try PlatformFormat().makeWriter(
            sink, options: FormatOptions(["profile": path], for: PlatformFormat(), side: .write),
            diagnostics: DiagnosticList())
        try writer.write(PackageFixtures.report())
        try writer.finish()
        let package = try SubmissionPackage.read(bytes: sink.collectedBytes)
        #expect(package.manifest.receiver.platformID == "test-platform")
        #expect(package.entries["fields.csv"] == Array("code,value\nY,\(package.report.reportYear!)\n".utf8))
    }
}
