/// One CSV record: the unescaped bytes of its fields laid end to end, one separator byte
/// between neighbours, with where each ends.
///
/// Kept as bytes so that numeric cells parse without ever becoming `String`s; the storage is
/// reused from record to record. The separator (the delimiter as read) lets the tokenizer copy
/// a line of plain fields in one piece; field `i` starts one byte after field `i - 1` ends.
struct CSVRecord {
    /// The fields' bytes, up to the last field's end; bytes past it are left from an earlier
    /// record (the storage is overwritten in place, not emptied, from record to record).
    var bytes: [UInt8] = []
    /// The end of each field in `bytes`.
    var ends: [Int] = []
    /// Where each field starts in the decoded stream (for byte offsets in errors); a quoted
    /// field's is its opening quote's, stored as ``quotedOffset(_:)`` gives it.
    var offsets: [Int] = []
    /// 1-based record number: the row a spreadsheet shows, counting the header as row 1.
    var row = 0
    /// 1-based line the record starts on (differs from `row` after cells with line breaks).
    var line = 0

    var count: Int { ends.count }

    func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1] + 1)..<ends[index]
    }

    func isEmpty(_ index: Int) -> Bool {
        index >= ends.count || ends[index] == (index == 0 ? 0 : ends[index - 1] + 1)
    }

    /// Whether every field is empty (a blank line, or a row of bare delimiters): the bytes are
    /// then only the separators.
    var isBlank: Bool { (ends.last ?? 0) < max(ends.count, 1) }

    /// The field as text; invalid UTF-8 is an error naming the byte.
    func string(_ index: Int) throws(CSVCellError) -> String {
        guard index < count else { return "" }
        let range = range(index)
        return try bytes.withUnsafeBufferPointer { buffer throws(CSVCellError) in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            // One validating pass for good text; the slower scan only to locate a bad byte.
            if let text = UTF8Text.string(slice) { return text }
            let bad = EncodingDetector.invalidUTF8Offset(in: slice) ?? 0
            let sample = Array(slice[bad..<min(bad + 4, slice.count)])
            throw CSVCellError.invalidUTF8(offset: fileOffset(of: bad, in: index, slice), bytes: sample)
        }
    }

    /// A quoted field's start, told apart from a plain one's by its sign.
    static func quotedOffset(_ offset: Int) -> Int { -offset - 1 }

    /// Where byte `position` of field `index`'s text (`text`) stands in the decoded stream: in
    /// a quoted field, past the opening quote and the second quote of each pair before it.
    private func fileOffset(of position: Int, in index: Int, _ text: UnsafeBufferPointer<UInt8>) -> Int {
        let start = offsets[index]
        guard start < 0 else { return start + position }
        let doubled = text[..<position].reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
        return Self.quotedOffset(start) + 1 + position + doubled
    }

    /// The field as text, replacing bytes that are not UTF-8 (for messages about a bad cell).
    func lossyString(_ index: Int) -> String {
        guard index < count else { return "" }
        return String(decoding: bytes[range(index)], as: UTF8.self)
    }
}

/// A cell whose bytes cannot be read as text.
enum CSVCellError: Error {
    case invalidUTF8(offset: Int, bytes: [UInt8])
}
