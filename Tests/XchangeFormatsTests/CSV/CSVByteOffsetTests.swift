import Testing
import XchangeCore

@testable import XchangeFormats

/// Errors name the byte offset of a bad byte in the file, however the input was read: in
/// chunks that end inside a record, or exactly at a record's end (as the pieces of a file
/// read again in order do).
struct CSVByteOffsetTests {
    /// The message of the error reading every cell of `text` gives, the text handed out in
    /// chunks of the given lengths (the rest in one).
    static func error(in text: [UInt8], chunks: [Int]) -> String? {
        var remaining = text[...]
        var lengths = chunks[...]
        let records = CSVRecordReader(path: "t.csv", fileName: "t.csv", encoding: .utf8, delimiter: nil) {
            (count) throws(Diagnostic) -> [UInt8] in
            let length = min(lengths.popFirst() ?? remaining.count, count, remaining.count)
            defer { remaining = remaining.dropFirst(length) }
            return Array(remaining.prefix(length))
        }
        do {
            while try records.next() {
                for index in 0..<records.record.count { _ = try records.string(index) }
            }
        } catch {
            return error.message
        }
        return nil
    }

    @Test func aBadByteIsPlacedWhereverTheChunksEnd() throws {
        let rows = (0..<6).map { "A/2021,key\($0),value \($0)\r\n" }
        var text = Array(rows.joined().utf8)
        let bad = text.count - 4
        text[bad] = 0xFF
        let ends = rows.reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1.utf8.count) }
        let byRecord = zip([0] + ends, ends).map { $1 - $0 }
        for chunks in [[], [5, 7, 3], byRecord, [ends[2], ends[4] - ends[2]], Array(repeating: 1, count: text.count)] {
            let message = Self.error(in: text, chunks: chunks)
            #expect(message?.contains("byte offset \(bad) ") == true, "chunks \(chunks): \(message ?? "no error")")
        }
    }

    /// In a quoted cell the bad byte stands past the opening quote and each doubled quote.
    @Test(arguments: [0, 1, 3])
    func aBadByteInAQuotedCellIsPlacedPastItsQuotes(pairs: Int) throws {
        let inner = String(repeating: "x\"\"", count: pairs)
        let head = Array("A/2021,key,\"\(inner)".utf8)
        let text = Array("report,key,value\r\n".utf8) + head + [0xFF] + Array("y\"\r\n".utf8)
        let bad = 18 + head.count
        #expect(text[bad] == 0xFF)
        for chunks in [[], [3, 5, 7, 11]] {
            let message = Self.error(in: text, chunks: chunks)
            #expect(message?.contains("byte offset \(bad) ") == true, "chunks \(chunks): \(message ?? "no error")")
        }
    }
}
