import Foundation
import XchangeCore

/// The provincial submission package (`.zip`) as a format module: writing packages exactly
/// one report after checking it; reading verifies the whole package and gives the report back.
public struct PlatformFormat: FormatModule {
    public let id = "platform"
    public let name = "Submission package"
    public let summary =
        "a provincial platform submission: one report as a verified ZIP (manifest, report.json, fields, report.txt)"
    public let fileExtensions = ["zip"]
    public let capabilities: FormatCapabilities = [.read, .write]
    public let options: [FormatOption] = [
        FormatOption(
            name: "profile",
            summary:
                "a platform profile (YAML file): the platform's field codes and required fields; default: the built-in profile",
            for: .write)
    ]

    public init() {}

    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        PackageReportReader(input: input)
    }

    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        let profile =
            try options.string("profile").map { path throws(Diagnostic) in try PlatformProfile.load(path: path) }
            ?? .default
        return PackageReportWriter(output: output, profile: profile, diagnostics: diagnostics)
    }
}

/// Gives the one report of a verified package.
final class PackageReportReader: ReportReader {
    private let input: InputSource
    private var done = false

    init(input: InputSource) {
        self.input = input
    }

    func next() throws -> Report? {
        guard !done else { return nil }
        done = true
        do {
            let bytes = try PackageFile.load(input, limit: PackageLimits.default.maxPackageSize)
            return try SubmissionPackage.read(bytes: bytes, name: input.displayName).report
        } catch {
            throw error.diagnostic
        }
    }
}

/// Holds the one report and writes its package when the input is done: a second report, a
/// missing required field or an error finding refuses the package before any byte is written.
final class PackageReportWriter: ReportWriter {
    private let output: OutputSink
    private let profile: PlatformProfile
    private let diagnostics: any DiagnosticCollector
    private var report: Report?

    init(output: OutputSink, profile: PlatformProfile, diagnostics: any DiagnosticCollector) {
        self.output = output
        self.profile = profile
        self.diagnostics = diagnostics
    }

    func write(_ report: Report) throws {
        guard self.report == nil else {
            throw Diagnostic.error(
                "package.several-reports",
                "a submission package holds one report, but the input holds more; write one package per report, "
                    + "e.g. with a pipeline whose sink is `path: out/{meta.agency_uscc}-{meta.report_year}.zip` (format platform)",
                at: SourceReference(file: output.displayName))
        }
        self.report = report
    }

    func finish() throws {
        guard let report else { return }
        do {
            let built = try SubmissionPackage.build(report: report, profile: profile, source: nil)
            try output.write(built.bytes)
        } catch let error as PackageError {
            for finding in error.findings {
                diagnostics.report(finding)
            }
            var refusal = error.diagnostic
            refusal.location = SourceReference(file: output.displayName)
            throw refusal
        }
    }
}
