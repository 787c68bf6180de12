import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// `validate` reading an input in pieces on two threads finds what reading it in order finds:
/// the same findings in the same order, with the same report numbers, lines and columns.
struct PieceValidationTests {
    let folder: TemporaryDirectory
    let converter = Converter(registry: .builtin)

    init() throws { folder = try TemporaryDirectory() }

    /// 600 generated reports (several pieces as JSON Lines) with, spread over the pieces:
    /// reports breaking a sum rule, and other years of some agencies whose figures do not carry
    /// over (cross-year warnings, the later year sometimes first).
    func reports() throws -> [Report] {
        try FindingReports.make(
            count: 600, seed: 31, brokenSums: stride(from: 137, to: 600, by: 97),
            otherYears: [(5, -1), (20, 1), (46, -1), (61, 1), (87, -1), (102, 1)], later: 350)
    }

    /// Writes `reports` as `name` (its extension names the format) and returns its lines.
    @discardableResult
    func write(_ reports: [Report], as name: String) throws -> String {
        var remaining = reports[...]
        try converter.write(to: folder.path(name), diagnostics: DiagnosticList()) { remaining.popFirst() }
        return try folder.read(name)
    }

    /// The findings of `validate` with `workers` threads, as the JSON document the command
    /// prints (positions included), and the report count.
    func findings(_ name: String, workers: Int) throws -> (document: String, reports: Int, list: [ValidationFinding]) {
        var list: [ValidationFinding] = []
        let count = try converter.validate(folder.path(name), with: Validator(), workers: workers) { list.append($0) }
        let document = ValidationFindingsDocument.render(list, reports: count, failed: false)
        return (String(decoding: document, as: UTF8.self), count, list)
    }

    @Test func jsonLinesInPiecesFindWhatReadingInOrderFinds() throws {
        let text = try write(try reports(), as: "in.jsonl")
        #expect(text.utf8.count > 3 << 20, "the input must span several pieces")
        let inOrder = try findings("in.jsonl", workers: 1)
        let pieced = try findings("in.jsonl", workers: 2)
        #expect(pieced.reports == 606)
        #expect(pieced.document == inOrder.document)
        // Sum findings located by line (read again with positions), cross-year ones too.
        let sums = pieced.list.filter { $0.diagnostic.code.hasPrefix("T") && $0.diagnostic.location?.line != nil }
        #expect(sums.count >= 5)
        #expect(pieced.list.contains { $0.diagnostic.message.contains("but") && $0.subject != nil })
        #expect(Set(pieced.list.compactMap(\.report)).count >= 10)
    }

    @Test func csvInPiecesFindsWhatReadingInOrderFinds() throws {
        try write(try reports(), as: "in.csv")
        let inOrder = try findings("in.csv", workers: 1)
        let pieced = try findings("in.csv", workers: 2)
        #expect(pieced.reports == 606)
        #expect(pieced.document == inOrder.document)
        #expect(!pieced.list.isEmpty)
    }

    /// Reports without a year or an agency have no cross-year checks; the reports after them in
    /// a piece are still compared with their own figures (each report's figures were once
    /// placed by counting only the reports that had a year and an agency: the later reports of
    /// the piece were compared with another's figures, or `validate` crashed).
    @Test func reportsWithoutAYearOrAgencyLeaveTheOthersFiguresInPlace() throws {
        var reports = try reports()
        for index in [3, 4, 150, 348, 351, 500] { try reports[index].set("meta.report_year", to: nil) }
        for index in [7, 420] {
            try reports[index].set("meta.agency_uscc", to: nil)
            try reports[index].set("meta.agency_name", to: nil)
        }
        try write(reports, as: "gaps.jsonl")
        let inOrder = try findings("gaps.jsonl", workers: 1)
        let pieced = try findings("gaps.jsonl", workers: 2)
        #expect(pieced.reports == 606)
        #expect(pieced.document == inOrder.document)
        #expect(pieced.list.contains { $0.diagnostic.message.contains("but") && $0.subject != nil })
    }

    /// What the reader says of a report (an unknown key) comes with that report's number, and
    /// reading stops there, in pieces as in order.
    @Test func readerDiagnosticsKeepTheirReport() throws {
        var lines = try write(try reports(), as: "in.jsonl").split(separator: "\n", omittingEmptySubsequences: false)
        lines[250] = "{\"remarks_extra\":1," + lines[250].dropFirst()
        _ = try folder.write("unknown.jsonl", lines.joined(separator: "\n"))
        let inOrder = try findings("unknown.jsonl", workers: 1)
        let pieced = try findings("unknown.jsonl", workers: 2)
        #expect(pieced.document == inOrder.document)
        let unknown = pieced.list.filter { $0.diagnostic.code == "key.unknown" }
        #expect(unknown.map(\.report) == [251])
        #expect(unknown.first?.diagnostic.location?.line == 251)
        #expect(pieced.list.last?.report == nil && pieced.list.last?.diagnostic.severity == .error)
        #expect(pieced.reports == 250)
    }

    /// A damaged line halfway: the findings before it, then the error with its line, as in order.
    @Test func aDamagedLineEndsBothTheSameWay() throws {
        var lines = try write(try reports(), as: "in.jsonl").split(separator: "\n", omittingEmptySubsequences: false)
        lines[400] = lines[400].dropLast(40)
        _ = try folder.write("damaged.jsonl", lines.joined(separator: "\n"))
        let inOrder = try findings("damaged.jsonl", workers: 1)
        let pieced = try findings("damaged.jsonl", workers: 2)
        #expect(pieced.document == inOrder.document)
        let last = try #require(pieced.list.last)
        #expect(last.report == nil && last.diagnostic.severity == .error)
        #expect(last.diagnostic.location?.line == 401)
        #expect(pieced.reports == 400)
    }

    /// An empty input is read in order, so the format's own reader says what is wrong with it.
    @Test(arguments: [("empty.jsonl", "json.syntax"), ("empty.csv", "csv.empty")])
    func anEmptyInputIsWordedByItsReader(_ name: String, _ code: String) throws {
        _ = try folder.write(name, "")
        let inOrder = try findings(name, workers: 1)
        let pieced = try findings(name, workers: 2)
        #expect(pieced.document == inOrder.document)
        #expect(pieced.list.map(\.diagnostic.code) == [code])
    }
}
