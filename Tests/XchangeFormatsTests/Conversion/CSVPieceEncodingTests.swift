import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Wide CSV in pieces, as spreadsheets save it in China (GB18030) and with bytes that are no
/// text: the same reports and the same errors, at the same byte offsets, as reading in order.
extension PieceConversionTests {
    /// The bytes of the wide CSV at `path` with the first byte of row `row`'s third cell (the
    /// agency's name, Chinese text) replaced by 0xFF, which no UTF-8 or GB18030 text holds;
    /// with that byte's offset in the file.
    func corrupting(row: Int, of bytes: [UInt8]) -> (bytes: [UInt8], offset: Int) {
        var bytes = bytes
        var line = 1
        var index = 0
        while line < row {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        var commas = 0
        while commas < 2 {
            if bytes[index] == UInt8(ascii: ",") { commas += 1 }
            index += 1
        }
        bytes[index] = 0xFF
        return (bytes, index)
    }

    @Test func aBadByteLateInWideCSVIsReportedAtItsOffsetInTheFile() throws {
        let directory = try TemporaryDirectory()
        let text = try directory.read(URL(fileURLWithPath: try wideCSV(40, in: directory)).lastPathComponent)
        let (bytes, offset) = corrupting(row: 33, of: Array(text.utf8))
        let path = try directory.write("bad.csv", bytes)
        // Found to be UTF-8 with a damaged byte, whether the encoding is named or not.
        for reading in [["encoding": "utf-8"], [:]] {
            let outcome = expectSameOutcome(path, to: JSONFormat(), reading: reading)
            #expect(outcome.description.hasPrefix("csv.encoding"), "\(outcome)")
            #expect(outcome.description.contains("row 33,"), "\(outcome)")
            #expect(outcome.description.contains("byte offset \(offset) "), "\(outcome)")
            #expect(!outcome.description.contains("gb18030"), "\(outcome)")
        }
    }

    @Test func wideCSVInGB18030IsReadInPiecesAsInOrder() throws {
        let directory = try TemporaryDirectory()
        let utf8 = try wideCSV(50, in: directory)
        let text = try directory.read(URL(fileURLWithPath: utf8).lastPathComponent)
        let path = try directory.write("gb18030.csv", try CSVTest.gb18030(text))
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome == convert(utf8, to: JSONFormat(), options: ["layout": "lines"], pieceSize: nil))

        // Cut into many pieces, each decoded on its own, not read in order from the first.
        let pieces = CSVPieces(
            input: try InputSource(path: path),
            options: try CSVOptions(reading: .defaults(for: CSVFormat(), side: .read)),
            pieceSize: 3000)
        var count = 0
        var reports = 0
        while let piece = try pieces.nextPiece() {
            let readsRest = piece.readsRest
            #expect(!readsRest)
            let reader = try pieces.reader(for: piece, diagnostics: DiagnosticList())
            while try reader.next() != nil { reports += 1 }
            count += 1
        }
        #expect(count > 4)
        #expect(reports == 50)
    }

    @Test func aBadByteLateInGB18030IsReportedAtItsOffsetInTheFile() throws {
        let directory = try TemporaryDirectory()
        let text = try directory.read(URL(fileURLWithPath: try wideCSV(40, in: directory)).lastPathComponent)
        let (bytes, offset) = corrupting(row: 33, of: try CSVTest.gb18030(text))
        let path = try directory.write("bad.csv", bytes)
        let outcome = expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.hasPrefix("csv.encoding"), "\(outcome)")
        #expect(outcome.description.contains("row 33,"), "\(outcome)")
        #expect(outcome.description.contains("byte offset \(offset))"), "\(outcome)")
    }

    /// Files that are not cut (UTF-16; the long layout) are read in order in the encoding they
    /// are in, as the ordinary reader reads them.
    @Test func csvThatIsNotCutIsReadInItsOwnEncoding() throws {
        let directory = try TemporaryDirectory()
        let utf8 = try wideCSV(20, in: directory)
        let expected = convert(utf8, to: JSONFormat(), options: ["layout": "lines"], pieceSize: nil)
        let text = try directory.read(URL(fileURLWithPath: utf8).lastPathComponent)
        let utf16 = try directory.write("utf16.csv", Array(text.data(using: .utf16)!))
        #expect(expectSameOutcome(utf16, to: JSONFormat()) == expected)

        let reports = try CSVTest.read(utf8)
        try CSVTest.write(reports, to: directory.path("long.csv"), options: ["layout": "long"])
        let long = try directory.write("long-gb18030.csv", try CSVTest.gb18030(try directory.read("long.csv")))
        #expect(expectSameOutcome(long, to: JSONFormat()) == expected)
    }
}
