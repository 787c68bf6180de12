import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// `validate` on many small files checks several at a time on worker threads and finds what
/// checking them one after another finds: the same findings, in the same order, with the same
/// files, report numbers, lines and columns, cross-year rules included.
struct ManyFileValidationTests {
    let folder: TemporaryDirectory
    let converter = Converter(registry: .builtin)

    init() throws { folder = try TemporaryDirectory() }

    /// One report per file, JSON and YAML in turn, with other years of some agencies in later
    /// files (the later year sometimes first), sums that do not add up, and files that cannot
    /// be read: broken, empty, missing, with a key the schema does not have. Report texts
    /// from the samples, whose reader warns, come between them.
    func files() throws -> [String] {
        let reports = try FindingReports.make(
            count: 48, seed: 23, brokenSums: stride(from: 7, to: 48, by: 11),
            otherYears: [(3, -1), (9, 1), (15, -1), (30, 1)], later: 12)
        var paths: [String] = []
        for (index, report) in reports.enumerated() {
            let path = folder.path("r\(index).\(index % 3 == 0 ? "yaml" : "json")")
            var remaining = [report][...]
            try converter.write(to: path, diagnostics: DiagnosticList()) { remaining.popFirst() }
            paths.append(path)
        }
        let text = try folder.read("r1.json")
        paths.insert(try folder.write("broken.json", String(text.dropLast(30))), at: 5)
        paths.insert(try folder.write("empty.json", ""), at: 12)
        paths.insert(folder.path("missing.json"), at: 20)
        paths.insert(try folder.write("unknown.json", "{\"remarks_extra\": 1," + text.dropFirst()), at: 26)
        for (offset, sample) in ["suifenhe-2017-report.txt", "pingtan-2021-report.txt"].enumerated() {
            paths.insert(ProjectFiles.path("samples/" + sample), at: 8 + 20 * offset)
        }
        return paths
    }

    /// The findings as the JSON document the command prints (positions included).
    func document(_ findings: [ValidationFinding], reports: Int) -> String {
        String(decoding: ValidationFindingsDocument.render(findings, reports: reports, failed: false), as: UTF8.self)
    }

    @Test func manySmallFilesFindWhatCheckingThemOneByOneFinds() throws {
        let paths = try files()
        var oneByOne: [ValidationFinding] = []
        let validator = Validator()
        var count = 0
        for path in paths {
            count += try converter.validate(path, with: validator, workers: 1) { oneByOne.append($0) }
        }
        var together: [ValidationFinding] = []
        let total = try converter.validate(files: paths, with: Validator(), workers: 2) { together.append($0) }
        #expect(total == count)
        #expect(document(together, reports: total) == document(oneByOne, reports: count))

        // The files hold every kind of finding the order must keep.
        let codes = Set(together.map(\.diagnostic.code))
        #expect(together.contains { $0.diagnostic.code.hasPrefix("T") && $0.diagnostic.location?.line != nil })
        #expect(together.contains { $0.file.hasSuffix("missing.json") && $0.report == nil })
        #expect(together.contains { $0.file.hasSuffix("broken.json") && $0.report == nil })
        #expect(together.contains { $0.file.hasSuffix("empty.json") })
        #expect(together.contains { $0.file.hasSuffix("unknown.json") })
        #expect(together.contains { $0.file.hasSuffix(".txt") && $0.report == 1 })
        // T3-6: carried over from the year before, a cross-year rule.
        #expect(codes.contains("T3-6"), "\(codes.sorted())")
    }

    @Test func findingsComeOutTheSameWhateverTheNumberOfWorkers() throws {
        let paths = try files()
        var reference: String?
        for workers in [2, 3, 8] {
            var found: [ValidationFinding] = []
            let total = try converter.validate(files: paths, with: Validator(), workers: workers) { found.append($0) }
            let rendered = document(found, reports: total)
            if let reference { #expect(rendered == reference, "\(workers) workers") } else { reference = rendered }
        }
    }
}
