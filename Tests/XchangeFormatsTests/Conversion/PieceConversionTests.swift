import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// Converting an input in pieces on several threads gives what converting it in one go gives:
/// the same bytes, and on bad input the same first error, at the same line and column.
struct PieceConversionTests {
    /// What a conversion gave: its output, or its error with code, place and message.
    enum Outcome: Equatable, CustomStringConvertible {
        case output(String)
        case failure(String)

        var description: String {
            switch self {
            case .output(let text): "output of \(text.utf8.count) bytes"
            case .failure(let text): text
            }
        }
    }

    /// Converts the JSON (or CSV, or YAML) at `path` with `module`'s writer: in pieces of
    /// `pieceSize` bytes on two workers, or (nil) with the ordinary reader; `reading` holds the
    /// reader's options.
    func convert(
        _ path: String, to module: any FormatModule, options: [String: String] = [:],
        reading: [String: String] = [:], pieceSize: Int?
    ) -> Outcome {
        let readerModule: any FormatModule =
            if path.hasSuffix(".csv") { CSVFormat() } else if path.hasSuffix(".yaml") { YAMLFormat() } else {
                JSONFormat()
            }
        let sink = OutputSink.memory()
        do {
            let writer = try module.makeWriter(
                sink, options: try FormatOptions(options, for: module, side: .write), diagnostics: DiagnosticList())
            let input = try InputSource(path: path)
            let readOptions = try FormatOptions(reading, for: readerModule, side: .read)
            if let pieceSize, let pieceWriter = writer as? any PieceEncodingWriter {
                let pieces: any PieceReading =
                    switch readerModule {
                    case is CSVFormat:
                        CSVPieces(
                            input: input, options: try CSVOptions(reading: readOptions), pieceSize: pieceSize)
                    case is YAMLFormat: YAMLPieces(input: input, recordsPositions: false, pieceSize: pieceSize)
                    default: JSONPieces(input: input, recordsPositions: false, pieceSize: pieceSize)
                    }
                let encoders = [pieceWriter.makePieceEncoder()!, pieceWriter.makePieceEncoder()!]
                _ = try PieceConversion.run(
                    pieces, into: pieceWriter, encoders: encoders, diagnostics: DiagnosticList())
            } else {
                let reader = try readerModule.makeReader(input, options: readOptions, diagnostics: DiagnosticList())
                while let report = try reader.next() { try writer.write(report) }
            }
            try writer.finish()
            return .output(String(decoding: sink.collectedBytes, as: UTF8.self))
        } catch let diagnostic as Diagnostic {
            let place = "\(diagnostic.location?.line ?? 0):\(diagnostic.location?.column ?? 0)"
            return .failure("\(diagnostic.code) at \(place): \(diagnostic.message)")
        } catch {
            return .failure("\(error)")
        }
    }

    /// Writes `count` generated reports as JSON (`layout` lines or array) and returns the path.
    func generated(_ count: Int, layout: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("reports.\(layout == "lines" ? "jsonl" : "json")")
        let file = try AtomicFileOutput(path: path)
        let writer = try JSONFormat().makeWriter(
            file.sink, options: try FormatOptions(["layout": layout], for: JSONFormat()), diagnostics: DiagnosticList())
        for report in ReportGenerator(count: count, seed: 31) { try writer.write(report) }
        try writer.finish()
        try file.commit()
        return path
    }

    func expectSameOutcome(
        _ path: String, to module: any FormatModule, options: [String: String] = ["layout": "lines"],
        reading: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) -> Outcome {
        let whole = convert(path, to: module, options: options, reading: reading, pieceSize: nil)
        for pieceSize in [64, 3000, 20000] {
            let pieces = convert(path, to: module, options: options, reading: reading, pieceSize: pieceSize)
            #expect(pieces == whole, "pieces of \(pieceSize) bytes", sourceLocation: sourceLocation)
        }
        return whole
    }

    @Test func jsonLinesInPiecesAreTheSameJSONLines() throws {
        let directory = try TemporaryDirectory()
        let path = try generated(60, layout: "lines", in: directory)
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome == .output(try directory.read("reports.jsonl")))
    }

    @Test func aPrettyArrayInPiecesGivesTheSameJSONLines() throws {
        let directory = try TemporaryDirectory()
        let path = try generated(40, layout: "array", in: directory)
        guard case .output(let lines) = expectSameOutcome(path, to: JSONFormat()) else {
            Issue.record("the array did not convert")
            return
        }
        #expect(lines.split(separator: "\n").count == 40)
    }

    @Test func jsonLinesInPiecesGiveTheSameWideCSV() throws {
        let directory = try TemporaryDirectory()
        let path = try generated(50, layout: "lines", in: directory)
        for columns in ["used", "all"] {
            let outcome = expectSameOutcome(path, to: CSVFormat(), options: ["columns": columns])
            guard case .output(let csv) = outcome else {
                Issue.record("no CSV: \(outcome)")
                continue
            }
            #expect(csv.hasPrefix("meta."))
        }
    }

    /// Strings that end a YAML document in every way: a literal block that keeps its line
    /// breaks (the stream must then end with `...`), clips or strips them, quoted text.
    static let awkwardEndings = [
        "件\n\n", "第一行\n第二行\n", "第一行\n第二行", "yes", " leading", "a: b", "多行\n\n\n", "#", "",
    ]

    /// Generated reports whose last fact ends each report with one of ``awkwardEndings`` in
    /// turn (the last report with `last`), written with `module` to `name`.
    func awkward(
        _ count: Int, last: String, as module: any FormatModule, options: [String: String] = [:], to name: String,
        in directory: TemporaryDirectory
    ) throws -> String {
        let path = directory.path(name)
        let file = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(
            file.sink, options: try FormatOptions(options, for: module, side: .write), diagnostics: DiagnosticList())
        for (index, generated) in ReportGenerator(count: count, seed: 17).enumerated() {
            var report = generated
            let ending = index == count - 1 ? last : Self.awkwardEndings[index % Self.awkwardEndings.count]
            report.overview?.text = "概述\n" + ending
            report.facts.append(Fact(label: "其他\n" + ending, value: 1, unit: ending))
            try writer.write(report)
        }
        try writer.finish()
        try file.commit()
        return path
    }

    @Test func jsonInPiecesGivesTheSameYAMLToTheLastByte() throws {
        let directory = try TemporaryDirectory()
        for last in ["件\n\n", "件"] {
            let lines = try awkward(
                45, last: last, as: JSONFormat(), options: ["layout": "lines"], to: "r.jsonl", in: directory)
            let array = try awkward(
                45, last: last, as: JSONFormat(), options: ["layout": "array"], to: "r.json", in: directory)
            for path in [lines, array] {
                let outcome = expectSameOutcome(path, to: YAMLFormat(), options: [:])
                guard case .output(let yaml) = outcome else {
                    Issue.record("no YAML: \(outcome)")
                    continue
                }
                // Only a stream whose last block keeps its line breaks ends with `...`.
                #expect(yaml.hasSuffix("件\n\n...\n") == (last == "件\n\n"), "\(path), last \(last.debugDescription)")
                #expect(yaml.components(separatedBy: "\n...\n").count == (last == "件\n\n" ? 2 : 1))
                #expect(yaml.components(separatedBy: "---\n").count == 46)
            }
        }
    }

    @Test func wideCSVInPiecesGivesTheSameYAMLToTheLastByte() throws {
        let directory = try TemporaryDirectory()
        let path = try awkward(45, last: "件\n\n", as: CSVFormat(), to: "r.csv", in: directory)
        let outcome = expectSameOutcome(path, to: YAMLFormat(), options: [:])
        guard case .output(let yaml) = outcome else {
            Issue.record("no YAML: \(outcome)")
            return
        }
        #expect(yaml.hasSuffix("件\n\n...\n"))
        #expect(yaml.components(separatedBy: "---\n").count == 46)
    }

    @Test func aCorruptLineInTheMiddleIsReportedAlikeWhenWritingYAML() throws {
        let directory = try TemporaryDirectory()
        let path = try lines(40, replacing: 27, with: "{\"meta\": {\"report_year\": 2021,, }}", in: directory)
        let outcome = expectSameOutcome(path, to: YAMLFormat(), options: [:])
        #expect(outcome.description.hasPrefix("json.syntax at 27:"), "\(outcome)")
    }

    /// Lines of generated reports with line `number` (1-based) replaced by `text`.
    func lines(
        _ count: Int, replacing number: Int, with text: String, in directory: TemporaryDirectory
    ) throws
        -> String
    {
        var lines = try directory.read(
            URL(fileURLWithPath: try generated(count, layout: "lines", in: directory))
                .lastPathComponent
        ).split(separator: "\n").map(String.init)
        lines[number - 1] = text
        return try directory.write("bad.jsonl", lines.joined(separator: "\n") + "\n")
    }

    @Test func aCorruptLineInTheMiddleIsReportedWithItsLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        let path = try lines(40, replacing: 27, with: "{\"meta\": {\"report_year\": 2021,, }}", in: directory)
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.hasPrefix("json.syntax at 27:"), "\(outcome)")
    }

    @Test func aBadValueInTheMiddleNamesItsReport() throws {
        let directory = try TemporaryDirectory()
        let path = try lines(40, replacing: 33, with: "{\"meta\": {\"report_year\": \"soon\"}}", in: directory)
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.contains("report 33 "), "\(outcome)")
    }

    @Test func aBoundaryInsideAMalformedItemStillGivesTheOrdinaryError() throws {
        let directory = try TemporaryDirectory()
        // `}` line break `{` inside one item: the split there is wrong, and found out.
        let item = "{\"meta\": {\"report_year\": 2021}\n{\"applications\": {}}}"
        let path = try lines(30, replacing: 12, with: item, in: directory)
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.hasPrefix("json.syntax at 13:"), "\(outcome)")
    }

    @Test func aTruncatedArrayIsReportedAsTheOrdinaryReaderReportsIt() throws {
        let directory = try TemporaryDirectory()
        let path = try generated(20, layout: "array", in: directory)
        let text = try directory.read("reports.json")
        try directory.write("reports.json", String(text.dropLast(40)))
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.hasPrefix("json.syntax"), "\(outcome)")
    }

    @Test(arguments: ["out.jsonl", "out.yaml", "out.json"])
    func aConversionThatFailsInAPieceWritesNothing(output: String) throws {
        let directory = try TemporaryDirectory()
        let path = try lines(700, replacing: 650, with: "{\"meta\": [}", in: directory)
        do {
            try Converter().convert(
                ConversionRequest(input: path, output: directory.path(output)), diagnostics: DiagnosticList())
            Issue.record("a corrupt line was accepted")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "json.syntax")
            #expect(diagnostic.location?.line == 650)
        }
        #expect(!directory.exists(output))
    }

    /// Generated reports as wide CSV with `badRow` (if any) put in after the `after`th report.
    func wideCSV(
        _ count: Int, badRow: String? = nil, after: Int = 0, in directory: TemporaryDirectory
    ) throws
        -> String
    {
        let path = directory.path("reports.csv")
        let file = try AtomicFileOutput(path: path)
        let writer = try CSVFormat().makeWriter(
            file.sink, options: .defaults(for: CSVFormat(), side: .write), diagnostics: DiagnosticList())
        for report in ReportGenerator(count: count, seed: 5) { try writer.write(report) }
        try writer.finish()
        try file.commit()
        guard let badRow else { return path }
        var bytes = Array(try directory.read("reports.csv").utf8)
        var quotes = 0
        var rows = 0
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "\"") { quotes += 1 }
            guard bytes[index] == UInt8(ascii: "\n"), quotes % 2 == 0 else { continue }
            rows += 1
            if rows == after + 1 {
                bytes.insert(contentsOf: Array((badRow + "\n").utf8), at: index + 1)
                break
            }
        }
        return try directory.write("reports.csv", Data(bytes))
    }

    @Test func wideCSVInPiecesGivesTheSameJSONLines() throws {
        let directory = try TemporaryDirectory()
        let path = try wideCSV(50, in: directory)
        let outcome = expectSameOutcome(path, to: JSONFormat())
        guard case .output(let lines) = outcome else {
            Issue.record("no JSON Lines: \(outcome)")
            return
        }
        #expect(lines.split(separator: "\n").count == 50)
    }

    @Test func aRaggedRowInTheMiddleOfWideCSVIsReportedAsInOrder() throws {
        let directory = try TemporaryDirectory()
        let path = try wideCSV(40, badRow: "2021,\"a\nb\"", after: 31, in: directory)
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.hasPrefix("csv.value"), "\(outcome)")
        #expect(outcome.description.contains("row 33,"), "\(outcome)")
    }

    @Test func inputsAreCutIntoManyPiecesAtRecordBoundaries() throws {
        let directory = try TemporaryDirectory()
        let csv = CSVPieces(
            input: try InputSource(path: try wideCSV(30, in: directory)),
            options: try CSVOptions(reading: .defaults(for: CSVFormat(), side: .read)), pieceSize: 3000)
        let lines = JSONPieces(
            input: try InputSource(path: try generated(30, layout: "lines", in: directory)), recordsPositions: false,
            pieceSize: 3000)
        let array = JSONPieces(
            input: try InputSource(path: try generated(30, layout: "array", in: directory)), recordsPositions: false,
            pieceSize: 3000)
        let all: [(any PieceReading, String)] = [(csv, "2"), (lines, "{"), (array, "  {")]
        for (pieces, start) in all {
            var count = 0
            var reports = 0
            var sawLast = false
            while let piece = try pieces.nextPiece() {
                #expect(!piece.readsRest && !sawLast)
                sawLast = piece.isLast
                if count > 0 { #expect(String(decoding: piece.bytes, as: UTF8.self).hasPrefix(start)) }
                let reader = try pieces.reader(for: piece, diagnostics: DiagnosticList())
                while try reader.next() != nil { reports += 1 }
                count += 1
            }
            #expect(count > 4)
            #expect(sawLast)
            #expect(reports == 30)
        }
    }

    /// Line feeds are counted sixteen bytes at a time; the count must equal a byte-by-byte count
    /// whatever surrounds them (bytes one bit away from a line feed, high bytes, odd lengths).
    @Test func countsLineFeedsLikeAByteByByteCount() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0A, 0x0B, 0x08, 0x8A, 0x0A, 0x00, 0xFF, 0x2A, 0x7F, 0x80, 0xE5]
        // Lanes of per-byte counts are summed every 255 blocks (4,080 bytes): lengths around that.
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4079, 4080, 4081, 4096, 8175, 10_000] {
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let expected = bytes.filter { $0 == 0x0A }.count
            #expect(bytes.withUnsafeBufferPointer { InputCutter.lineFeeds(in: $0) } == expected)
        }
        // Every lane full: a count that overflowed a lane would come out short.
        for count in [37, 4080, 4095, 10_000] {
            let allLineFeeds = [UInt8](repeating: 0x0A, count: count)
            #expect(allLineFeeds.withUnsafeBufferPointer { InputCutter.lineFeeds(in: $0) } == count)
        }
    }

    /// A CSV piece ends after the last line feed outside quotes, found eight bytes at a time;
    /// the cut and its counts must equal a byte-by-byte scan whatever surrounds them.
    @Test func findsCSVBoundariesLikeAByteByByteScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x22, 0x0A, 0x0D, 0x2C, 0x41, 0x23, 0x0B, 0x8A, 0xE5, 0x21, 0x41, 0x41, 0x41, 0x41]
        for _ in 0..<200 {
            let length = Int.random(in: 0..<300, using: &generator)
            var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            // Mostly CR LF pairs, now and then a lone CR.
            for index in bytes.indices where bytes[index] == 0x0D && index + 1 < bytes.count {
                if Int.random(in: 0..<10, using: &generator) > 0 { bytes[index + 1] = 0x0A }
            }
            let found = bytes.withUnsafeBufferPointer { CSVPieces.lastBoundary(in: $0) }
            let expected = Self.byteByByteBoundary(bytes)
            #expect(found?.end == expected?.end && found?.rows == expected?.rows, "\(bytes)")
            #expect(found?.lineFeeds == expected?.lineFeeds, "\(bytes)")
        }
    }

    /// The boundary, records and line feeds as a plain scan finds them.
    static func byteByByteBoundary(_ bytes: [UInt8]) -> (end: Int, rows: Int, lineFeeds: Int)? {
        var quotes = 0
        var rows = 0
        var lineFeeds = 0
        var found: (end: Int, rows: Int, lineFeeds: Int)?
        for (index, byte) in bytes.enumerated() {
            if byte == 0x22 { quotes += 1 }
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] != 0x0A { return nil }
            if byte == 0x0A {
                lineFeeds += 1
                if quotes % 2 == 0 {
                    rows += 1
                    found = (index + 1, rows, lineFeeds)
                }
            }
        }
        return found
    }
}
