import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// A wide CSV file is written row by row under a header guessed from the first reports, and
/// rewritten when later reports fill columns the guess lacks. Either way it must hold the
/// bytes of writing every row once the header is known, which is what writing to a sink that
/// cannot be read back (standard output) still does.
struct CSVGuessedHeaderTests {
    /// Reports of three templates in turn, with faults that put quotes, delimiters and line
    /// breaks in text cells: the 2019 and 2021 reports fill columns the pre-2019 ones do not.
    static let mixedEras: [Report] =
        Array(ReportGenerator(count: 900, seed: 21, format: .legacyPre2019, faults: 30))
        + Array(ReportGenerator(count: 700, seed: 22, format: .trial2019, faults: 30))
        + Array(ReportGenerator(count: 700, seed: 23, format: .unified2021, faults: 30))
        + Array(ReportGenerator(count: 200, seed: 24, format: .legacyPre2019))

    static let dialects: [[String: String]] = [
        [:], ["encoding": "gb18030", "header": "zh"], ["delimiter": "tab", "newline": "lf"], ["bom": "true"],
        ["delimiter": "semicolon", "columns": "all"],
    ]

    /// Writes the reports one by one into a sink; returns the writer.
    @discardableResult
    static func write(_ reports: [Report], to sink: OutputSink, options: [String: String]) throws -> WideWriter {
        let writer = try CSVTest.module.makeWriter(
            sink, options: FormatOptions(options, for: CSVTest.module), diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        return try #require(writer as? WideWriter)
    }

    @Test("rows written under a narrower guess are rewritten with the empty cells they lacked", arguments: dialects)
    func rewrittenRows(_ options: [String: String]) throws {
        let folder = TemporaryFolder()
        let path = folder.file("mixed.csv")
        let output = try AtomicFileOutput(path: path)
        let writer = try Self.write(Self.mixedEras, to: output.sink, options: options)
        try output.commit()
        #expect(writer.rewroteRows == (options["columns"] != "all"))
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == (try CSVTest.writeHeld(Self.mixedEras, options: options)))
        let reading = options.filter { $0.key == "delimiter" }
        #expect(try CSVTest.read(path, options: reading) == Self.mixedEras)
    }

    @Test("a guess that lists every column is kept: the file is written once")
    func guessKept() throws {
        let reports = Array(ReportGenerator(count: 1500, seed: 25, faults: 20))
        let folder = TemporaryFolder()
        let output = try AtomicFileOutput(path: folder.file("same.csv"))
        let writer = try Self.write(reports, to: output.sink, options: [:])
        try output.commit()
        #expect(!writer.rewroteRows)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("same.csv"))))
        #expect(written == (try CSVTest.writeHeld(reports, options: [:])))
    }

    @Test(
        "pieces converted on two threads widen the guess for each other and give the held rows",
        arguments: [[:], ["encoding": "gbk", "header": "zh", "newline": "lf"]])
    func pieces(_ options: [String: String]) throws {
        let folder = TemporaryFolder()
        let input = folder.file("mixed.jsonl")
        let lines = try Self.mixedEras.map { report in
            let sink = OutputSink.memory()
            let writer = try JSONFormat().makeWriter(
                sink, options: FormatOptions(["layout": "lines"], for: JSONFormat()), diagnostics: DiagnosticList())
            try writer.write(report)
            try writer.finish()
            return sink.collectedBytes
        }
        FileManager.default.createFile(atPath: input, contents: Data(lines.joined()))

        let path = folder.file("mixed.csv")
        let output = try AtomicFileOutput(path: path)
        let module = CSVTest.module
        let writer = try module.makeWriter(
            output.sink, options: FormatOptions(options, for: module, side: .write), diagnostics: DiagnosticList())
        let pieceWriter = try #require(writer as? any PieceEncodingWriter)
        // Small pieces, so that many are rendered under a guess and some meet new columns.
        let pieces = JSONPieces(input: try InputSource(path: input), recordsPositions: false, pieceSize: 40_000)
        let count = try PieceConversion.run(
            pieces, into: pieceWriter, encoders: [pieceWriter.makePieceEncoder()!, pieceWriter.makePieceEncoder()!],
            diagnostics: DiagnosticList())
        try writer.finish()
        try output.commit()
        #expect(count == Self.mixedEras.count)
        #expect((writer as? WideWriter)?.rewroteRows == true)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == (try CSVTest.writeHeld(Self.mixedEras, options: options)))
    }

    @Test("no reports: the header of a file lists no column, as when rows are held")
    func noReports() throws {
        let folder = TemporaryFolder()
        let output = try AtomicFileOutput(path: folder.file("empty.csv"))
        try Self.write([], to: output.sink, options: [:])
        try output.commit()
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("empty.csv"))))
        #expect(written == (try CSVTest.writeHeld([], options: [:])))
    }

    @Test("the empty cells a row needs under a wider header: before, between and after its fields")
    func gaps() {
        let wide = WideRowLayout([1, 2, 3, 5, 8, 9])
        let gaps = WideRowWidening.Gaps(from: WideRowLayout([2, 5]), to: wide)
        #expect(gaps.leading == 1)
        #expect(gaps.between == [0, 1])
        #expect(gaps.trailing == 2)
        #expect(WideRowWidening.Gaps(from: wide, to: wide).isEmpty)
        let none = WideRowWidening.Gaps(from: WideRowLayout([]), to: wide)
        #expect(none.leading == 0 && none.trailing == 5)
    }

    /// Rewrites `rows` (written after a header row `h`) from `narrow` to `wide` in a real file.
    private static func widen(_ rows: String, from narrow: [Int], to wide: [Int], crlf: Bool) throws -> String {
        let folder = TemporaryFolder()
        let path = folder.file("rows.csv")
        let output = try AtomicFileOutput(path: path)
        let writer = try CSVRowWriter(
            sink: output.sink, encoding: .utf8, bom: false, delimiter: UInt8(ascii: ","), crlf: crlf)
        let header = crlf ? "h\r\n" : "h\n"
        try writer.write(raw: Array((header + rows).utf8))
        let widening = WideRowWidening(
            headerStart: 0, rowsStart: header.utf8.count,
            runs: [.init(end: (header + rows).utf8.count, layout: WideRowLayout(narrow))], final: WideRowLayout(wide))
        try widening.rewrite(writer) { () throws(Diagnostic) in try writer.row(["H"]) }
        try writer.flush()
        try output.commit()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("widening inserts empty cells between fields, never inside quotes", arguments: [true, false])
    func widensQuotedRows(_ crlf: Bool) throws {
        let end = crlf ? "\r\n" : "\n"
        // Quoted cells hold the delimiter, doubled quotes and line breaks of both kinds.
        let rows = ["1,\"a,b\",x", "\"say \"\"hi\"\", then,\",\"line\r\nbreak\",", ",,"].map { $0 + end }.joined()
        let widened = try Self.widen(rows, from: [2, 5, 7], to: [1, 2, 3, 5, 7, 9], crlf: crlf)
        let expected = [
            "H", ",1,,\"a,b\",x,", ",\"say \"\"hi\"\", then,\",,\"line\r\nbreak\",,", ",,,,,",
        ].map { $0 + end }.joined()
        #expect(widened == expected)
    }

    @Test("a row with more cells than its header stops the rewrite with an error")
    func mismatchedRow() {
        #expect(throws: Diagnostic.self) { try Self.widen("1,2,3\r\n", from: [0], to: [0, 1], crlf: true) }
    }
}
