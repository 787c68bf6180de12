import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// A long CSV file (`report,key,value` rows) is cut into pieces only where the report changes:
/// converted in pieces it gives what reading it in order gives, errors included.
struct LongCSVPieceTests {
    let folder = TemporaryFolder()
    let conversions = PieceConversionTests()

    /// `count` generated reports in the long layout, their rows changed by `edit` (the header
    /// is row 0), written with cells quoted when they must be or all of them.
    func longCSV(
        _ count: Int, quotingAll: Bool = false, edit: (inout [[String]]) -> Void = { _ in }
    ) throws -> String {
        var rows = CSVTest.records(
            try CSVTest.writeHeld(Array(ReportGenerator(count: count, seed: 17)), options: ["layout": "long"]))
        edit(&rows)
        return folder.write("long.csv", CSVTest.text(rows, quotingAll: quotingAll))
    }

    /// The row of report `report` (0-based) that is its `row`-th (0-based).
    static func row(_ row: Int, ofReport report: Int, in rows: [[String]]) -> Int {
        var seen = -1
        var previous: String?
        for index in 1..<rows.count where rows[index][0] != previous {
            previous = rows[index][0]
            seen += 1
            if seen == report { return index + row }
        }
        return rows.count - 1
    }

    func expectReports(
        _ count: Int, in outcome: PieceConversionTests.Outcome, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .output(let lines) = outcome else {
            Issue.record("no JSON Lines: \(outcome)", sourceLocation: sourceLocation)
            return
        }
        #expect(lines.split(separator: "\n").count == count, sourceLocation: sourceLocation)
    }

    @Test(arguments: [false, true])
    func longCSVInPiecesGivesTheSameJSONLines(quotingAll: Bool) throws {
        let path = try longCSV(30, quotingAll: quotingAll)
        expectReports(30, in: conversions.expectSameOutcome(path, to: JSONFormat()))
    }

    @Test func blankRowsInsideAndBetweenReportsReadAsInOrder() throws {
        let path = try longCSV(20) { rows in
            // Inside report 12, and between reports 5 and 6, where a cut may fall.
            rows.insert(["", "", ""], at: Self.row(7, ofReport: 12, in: rows))
            rows.insert([""], at: Self.row(7, ofReport: 12, in: rows))
            rows.insert([""], at: Self.row(0, ofReport: 6, in: rows))
        }
        expectReports(20, in: conversions.expectSameOutcome(path, to: JSONFormat()))
    }

    @Test func errorsInALaterPieceAreReportedAsInOrder() throws {
        let unknown = try longCSV(25) { rows in rows[Self.row(40, ofReport: 18, in: rows)][1] += "x" }
        let unknownOutcome = conversions.expectSameOutcome(unknown, to: JSONFormat())
        #expect(unknownOutcome.description.contains("unknown key"), "\(unknownOutcome)")
        let twice = try longCSV(25) { rows in
            let row = Self.row(30, ofReport: 21, in: rows)
            rows.insert(rows[row], at: row + 5)
        }
        let twiceOutcome = conversions.expectSameOutcome(twice, to: JSONFormat())
        #expect(twiceOutcome.description.contains("is given twice"), "\(twiceOutcome)")
        let limited = conversions.expectSameOutcome(twice, to: JSONFormat(), reading: ["max-errors": "5"])
        #expect(limited.description.contains("csv.errors"), "\(limited)")
    }

    @Test func aPieceEndsWhereTheReportChanges() {
        func cut(_ text: String) -> InputCutter.Cut? {
            Array(text.utf8).withUnsafeBufferPointer { CSVPieces.lastReportStart(in: $0, delimiter: UInt8(ascii: ",")) }
        }
        // After A's rows, blank rows included; B's rows go to the next piece, blank rows too.
        let twoReports = cut("A,k,1\n,,\nA,k,2\n\nB,k,1\n,,\nB,k,2\nB,k")
        #expect(twoReports?.end == 16 && twoReports?.rows == 4 && twoReports?.lineFeeds == 4)
        // Rows of one report: no cut, whatever the quoting of its report cell.
        #expect(cut("A,k,1\nA,k,2\n") == nil)
        #expect(cut("\"A\"\"x\",k,1\nA\"x,k,2\n\"A\"\"x\",k,3\n") == nil)
        #expect(cut("\"A,1\",k,\"a\nb\"\n\"A,1\",k,2\n") == nil)
        // A quoted cell holding a line feed is no row's end.
        let quotedLineFeed = cut("A,k,\"x\ny\"\nB,k,\"1\n2\"\nB,k,3\n")
        #expect(quotedLineFeed?.end == 10 && quotedLineFeed?.rows == 1 && quotedLineFeed?.lineFeeds == 2)
        // Text after a closing quote is kept by the reader: such a cell is not guessed at.
        #expect(cut("\"A\"x,k,1\nB,k,1\nB,k,2\n") == nil)
        // Nor is an empty quoted cell: `"",,` is a blank row to the reader.
        #expect(cut("A,k,1\nB,k,1\n\"\",,\nB,k,2\n") == nil)
    }

    @Test func aLongFileIsCutIntoPiecesThatEachStartAReport() throws {
        let path = try longCSV(30)
        let pieces = CSVPieces(
            input: try InputSource(path: path),
            options: try CSVOptions(reading: .defaults(for: CSVFormat(), side: .read)), pieceSize: 3000)
        var count = 0
        var reports = 0
        var lastReport: Substring?
        while let piece = try pieces.nextPiece() {
            #expect(!piece.readsRest)
            let text = String(decoding: piece.bytes, as: UTF8.self)
            let rows = text.split(separator: "\r\n")
            if count > 0 { #expect(rows.first?.split(separator: ",").first != lastReport) }
            lastReport = rows.last?.split(separator: ",").first
            let reader = try pieces.reader(for: piece, diagnostics: DiagnosticList())
            while try reader.next() != nil { reports += 1 }
            count += 1
        }
        #expect(count > 4)
        #expect(reports == 30)
    }
}
