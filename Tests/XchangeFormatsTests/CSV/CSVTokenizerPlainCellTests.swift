import Testing

@testable import XchangeFormats

/// Unquoted cells are scanned eight bytes at a time: each must still end exactly at its
/// delimiter or line end, wherever that falls in a word and wherever a chunk is cut.
struct CSVTokenizerPlainCellTests {
    /// Rows of unquoted cells 0 to 24 bytes long (ASCII and Chinese), ending in each of the
    /// three line ends, with the records the tokenizer reads from them in chunks of `chunk`.
    static func rowsAndRecords(chunk: Int, delimiter: UInt8) -> (rows: [[String]], read: [[String]]) {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789政府信息公开")
        let lineEnds = ["\n", "\r\n", "\r"]
        var rows: [[String]] = []
        var text = ""
        for first in 0...24 {
            let row = (0..<4).map { cell in
                let length = (first + cell * 7) % 25
                return String((0..<length).map { alphabet[($0 + cell + first) % alphabet.count] })
            }
            rows.append(row)
            text += row.joined(separator: String(UnicodeScalar(delimiter))) + lineEnds[first % lineEnds.count]
        }
        return (rows, CSVTest.records(Array(text.utf8), chunk: chunk, delimiter: delimiter))
    }

    @Test(arguments: [1, 2, 3, 7, 8, 9, 15, 16, 17, 1 << 16])
    func plainCellsEndAtTheirDelimiterWhateverTheChunk(chunk: Int) {
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";")] {
            let (rows, read) = Self.rowsAndRecords(chunk: chunk, delimiter: delimiter)
            #expect(read == rows, "delimiter \(delimiter)")
        }
    }

    @Test func aShorterRecordAfterALongerOneHoldsOnlyItsOwnCells() {
        // The record's storage is overwritten in place: what a longer record left behind it
        // must not show in the next one's cells or make a blank row look filled.
        var tokenizer = CSVTokenizer()
        let bytes = Array("a long first row,with cells\nb\n,,\n\nlast\n".utf8)
        var records: [(cells: [String], blank: Bool)] = []
        var position = 0
        while let end = bytes.withUnsafeBufferPointer({ tokenizer.next(in: $0, from: position) }) {
            let record = tokenizer.record
            records.append(((0..<record.count).map { record.lossyString($0) }, record.isBlank))
            position = end
        }
        #expect(records.map(\.cells) == [["a long first row", "with cells"], ["b"], ["", "", ""], [""], ["last"]])
        #expect(records.map(\.blank) == [false, false, true, true, false])
    }
}
