import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangePlatform
import XchangeSynthetic

/// A report that may not be sent is refused before anything is written.
struct PackagingRefusalTests {
    func refusal(_ report: Report, profile: PlatformProfile = .default) throws -> PackageError? {
        let folder = try TemporaryDirectory()
        do {
            try SubmissionPackage.write(report: report, profile: profile, to: folder.path("submission.zip"))
            Issue.record("the report was packaged")
            return nil
        } catch {
            #expect(try folder.listing().isEmpty, "nothing is written")
            return error
        }
    }

    @Test(arguments: PackagePreflight.manifestKeys)
    func aMissingManifestFieldRefusesThePackage(key: String) throws {
        var report = PackageFixtures.report()
        report.values[CanonicalSchema.v1.fieldID(key)!] = nil
        let error = try refusal(report)
        #expect(error?.code == "package.invalid-report")
        #expect(error?.message.contains(key) == true)
        #expect(error?.findings.contains { $0.code == "package.required-field" && $0.field == key } == true)
    }

    @Test func theDefaultProfileRequiresOnlyTheManifestFields() {
        #expect(Set(PlatformProfile.default.requiredKeys) == Set(PackagePreflight.manifestKeys))
        var report = Report()
        for key in PackagePreflight.manifestKeys {
            try? report.set(key, to: PackageFixtures.report()[key])
        }
        #expect(PackagePreflight.refusals(for: report, profile: .default).isEmpty)
    }

    @Test func aFieldTheProfileRequiresRefusesThePackage() throws {
        var profile = PlatformProfile.default
        let index = profile.fields.firstIndex { $0.key == "meta.contact.email" }!
        profile.fields[index].required = true
        var report = PackageFixtures.report()
        try report.set("meta.contact.email", to: nil)
        let error = try refusal(report, profile: profile)
        #expect(error?.findings.map(\.field) == ["meta.contact.email"])
        #expect(error?.findings.first?.message.contains("xchange-default profile requires it") == true)
    }

    @Test func aWrongUSCCCheckCharacterRefusesThePackage() throws {
        var report = PackageFixtures.report()
        var uscc = Array(report["meta.agency_uscc"]!.plainText)
        uscc[17] = uscc[17] == "0" ? "1" : "0"
        try report.set("meta.agency_uscc", to: .text(String(uscc)))
        let error = try refusal(report)
        #expect(error?.findings.contains { $0.code == "M-1" } == true, "\(error?.description ?? "")")
        #expect(error?.message.contains("M-1") == true)
    }

    @Test func aRuleErrorRefusesThePackageButAWarningDoesNot() throws {
        var generator = ReportGenerator(count: 1, seed: 3, faults: 1)
        let faulty = generator.next()!
        let error = try refusal(faulty)
        #expect(error?.findings.isEmpty == false)
        #expect(error?.findings.allSatisfy { $0.severity == .error } == true)
    }

    @Test func aRefusedPackageLeavesAnExistingFileAsItWas() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("submission.zip", Array("previous".utf8))
        var report = PackageFixtures.report()
        try report.set("meta.agency_name", to: nil)
        #expect(throws: PackageError.self) { try SubmissionPackage.write(report: report, to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("previous".utf8))
        #expect(try folder.listing() == ["submission.zip"])
    }

    @Test func severalReportsAreRefusedWithTheWayToWriteOnePackageEach() throws {
        let folder = try TemporaryDirectory()
        let input = folder.path("reports.jsonl")
        let sink = OutputSink.memory()
        let writer = try JSONFormat().makeWriter(
            sink, options: FormatOptions(["layout": "lines"], for: JSONFormat(), side: .write),
            diagnostics: DiagnosticList())
        for report in ReportGenerator(count: 2, seed: 4) { try writer.write(report) }
        try writer.finish()
        try folder.write("reports.jsonl", sink.collectedBytes)

        let registry = FormatRegistry.builtin
        try registry.register(PlatformFormat())
        let request = ConversionRequest(input: input, output: folder.path("out.zip"))
        do {
            try Converter(registry: registry).convert(request, diagnostics: DiagnosticList())
            Issue.record("two reports were packaged")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "package.several-reports")
            #expect(diagnostic.message.contains("out/{meta.agency_uscc}-{meta.report_year}.zip"))
        }
        #expect(try folder.listing() == ["reports.jsonl"])
    }

    @Test func theFormatModuleReportsEachFindingAndNamesTheOutput() throws {
        var report = PackageFixtures.report()
        try report.set("meta.admin_division_code", to: nil)
        let findings = DiagnosticList()
        let writer = try PlatformFormat().makeWriter(
            .memory(name: "s.zip"), options: .defaults(for: PlatformFormat(), side: .write), diagnostics: findings)
        try writer.write(report)
        do {
            try writer.finish()
            Issue.record("packaged")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "package.invalid-report")
            #expect(diagnostic.location?.file == "s.zip")
        }
        #expect(findings.diagnostics.map(\.field) == ["meta.admin_division_code"])
    }
}

extension PackagingRefusalTests {
    @Test func aReportWhoseManifestWouldBreakItsSchemaIsRefused() throws {
        var report = PackageFixtures.report()
        try report.set("meta.agency_name", to: .text(""))
        let error = try refusal(report)
        #expect(error?.code == "package.manifest")
        #expect(error?.message.contains("sender.agency_name") == true, "\(error?.description ?? "")")
    }
}
