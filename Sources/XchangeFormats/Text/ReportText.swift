import Foundation
import XchangeCore

/// The text of one report as an array of Unicode scalars, with line positions, so that every
/// figure read from it can say where it came from.
///
/// Offsets are scalar indices into ``scalars``. Text extracted from HTML carries the position
/// of each extracted line in the HTML source, so provenance points into the file the user has.
struct ReportText {
    /// The file name diagnostics and provenance use.
    let file: String?
    let scalars: [Unicode.Scalar]
    /// Offset of the first scalar of each line.
    private let lineStarts: [Int]
    /// For extracted text: the 1-based source line of each text line.
    private let sourceLines: [Int]?

    init(_ text: String, file: String?, sourceLines: [Int]? = nil) {
        self.init(scalars: Self.scalars(of: text), file: file, sourceLines: sourceLines)
    }

    /// The scalars of a string, decoded from its UTF-8 bytes in one tight loop (iterating
    /// `unicodeScalars` costs several times as much).
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        // A string's bytes are well-formed UTF-8: decoding them cannot fail.
        return text.withUTF8 { UTF8Scalars.decode($0) } ?? Array(text.unicodeScalars)
    }

    /// Text already split into scalars (extracted from HTML), with the same line-break handling.
    init(scalars text: [Unicode.Scalar], file: String?, sourceLines: [Int]? = nil) {
        self.file = file
        self.sourceLines = sourceLines
        // Most texts have no CR: then they are kept as they are, only their lines found.
        if !text.contains("\r") {
            var starts = [0]
            for (offset, scalar) in text.enumerated() where scalar == "\n" { starts.append(offset + 1) }
            var scalars = text
            LookalikeIdeographs.fold(&scalars)
            PageNumberLines.blank(in: &scalars, lineStarts: starts)
            HardWrapping.join(in: &scalars, lineStarts: starts)
            self.scalars = scalars
            self.lineStarts = starts
            return
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.count)
        var starts = [0]
        var previousWasCR = false
        for scalar in text {
            // CRLF becomes one line break; a lone CR is a line break too.
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            let normalized: Unicode.Scalar = scalar == "\r" ? "\n" : scalar
            scalars.append(normalized)
            if normalized == "\n" { starts.append(scalars.count) }
        }
        LookalikeIdeographs.fold(&scalars)
        PageNumberLines.blank(in: &scalars, lineStarts: starts)
        HardWrapping.join(in: &scalars, lineStarts: starts)
        self.scalars = scalars
        self.lineStarts = starts
    }

    var count: Int { scalars.count }
    var lineCount: Int { lineStarts.count }

    /// The 0-based index of the line holding `offset`.
    func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The scalar range of a line, without its line break.
    func lineRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : scalars.count
        return start..<max(start, end)
    }

    /// The text of a range, without the joined breaks of a hard-wrapped paragraph
    /// (``HardWrapping``): a value read across one is the words either side of it.
    func string(_ range: Range<Int>) -> String {
        let slice = scalars[range.clamped(to: 0..<scalars.count)]
        guard slice.contains(HardWrapping.joinedBreak) else { return Self.utf8String(slice) }
        return Self.utf8String(slice.lazy.filter { $0 != HardWrapping.joinedBreak })
    }

    /// A string from scalars, encoded in one pass (building it scalar by scalar is several
    /// times slower, and snippets are made for every figure).
    static func utf8String(_ scalars: some Collection<Unicode.Scalar>) -> String {
        // Encoded straight into the string's own storage: no array to grow byte by byte and
        // copy afterwards. Four bytes a scalar at most.
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars { encode(scalar, into: buffer, at: &count) }
            return count
        }
    }

    /// Writes the UTF-8 bytes of `scalar` at `count`, which it advances; the buffer must have
    /// room for four.
    @inline(__always)
    static func encode(_ scalar: Unicode.Scalar, into buffer: UnsafeMutableBufferPointer<UInt8>, at count: inout Int) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            buffer[count] = UInt8(truncatingIfNeeded: value)
            count += 1
        case 0x80..<0x800:
            buffer[count] = UInt8(truncatingIfNeeded: 0xC0 | (value >> 6))
            buffer[count + 1] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            count += 2
        case 0x800..<0x10000:
            buffer[count] = UInt8(truncatingIfNeeded: 0xE0 | (value >> 12))
            buffer[count + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
            buffer[count + 2] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            count += 3
        default:
            buffer[count] = UInt8(truncatingIfNeeded: 0xF0 | (value >> 18))
            buffer[count + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F))
            buffer[count + 2] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
            buffer[count + 3] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            count += 4
        }
    }

    /// The text of a range with surrounding whitespace removed.
    func trimmedString(_ range: Range<Int>) -> String {
        let trimmed = trim(range)
        return string(trimmed)
    }

    /// The text of a range as a one-line snippet: trimmed, line breaks as spaces, cut to `limit`
    /// scalars and "…" — `shortened(trimmedString(range), limit:)`, without making the text of
    /// the whole range first (a section's provenance names a range of pages).
    func snippet(_ range: Range<Int>, limit: Int = 80) -> String {
        let trimmed = trim(range)
        return Self.oneLine(
            scalars[trimmed].lazy.filter { $0 != HardWrapping.joinedBreak }, limit: limit,
            room: min(trimmed.count, limit))
    }

    /// The range without leading and trailing whitespace.
    func trim(_ range: Range<Int>) -> Range<Int> {
        var start = max(range.lowerBound, 0)
        var end = min(range.upperBound, scalars.count)
        while start < end, Scalars.isWhitespace(scalars[start]) { start += 1 }
        while end > start, Scalars.isWhitespace(scalars[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Where `range` is, as provenance or a diagnostic location: its line and column, and its
    /// text (cut to a readable length) as the snippet.
    func reference(_ range: Range<Int>, snippet: String? = nil) -> SourceReference {
        let offset = min(max(range.lowerBound, 0), max(scalars.count - 1, 0))
        let index = lineIndex(of: offset)
        let text = snippet ?? self.snippet(range)
        if let sourceLines {
            return SourceReference(file: file, line: sourceLines[min(index, sourceLines.count - 1)], snippet: text)
        }
        return SourceReference(file: file, line: index + 1, column: offset - lineStarts[index] + 1, snippet: text)
    }

    /// Cuts long snippets so diagnostics stay one line.
    static func shortened(_ text: String, limit: Int = 80) -> String {
        // Most snippets are short single lines: nothing to cut. The limit counts scalars, and a
        // Chinese one takes three bytes: a text of more bytes than the limit may still be short.
        // Its length first: a long text is not searched end to end for a line break.
        let isShortLine = text.utf8.withContiguousStorageIfAvailable { bytes in
            (bytes.count <= limit || Self.hasAtMost(limit, scalarsIn: bytes)) && !bytes.contains(10)
        }
        if isShortLine == true { return text }
        return oneLine(text.unicodeScalars, limit: limit, room: limit)
    }

    /// Whether UTF-8 `bytes` hold at most `limit` scalars (each scalar has one lead byte).
    private static func hasAtMost(_ limit: Int, scalarsIn bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 4 * limit else { return false }
        return bytes.count(where: { $0 & 0xC0 != 0x80 }) <= limit
    }

    /// The scalars as one line (line breaks as spaces) of at most `limit`, "…" when cut;
    /// `room` is how many can be kept (at most `limit`, and `limit` when they may be cut).
    /// Encoded straight into the string's storage: no array of the kept scalars first.
    private static func oneLine(_ scalars: some Sequence<Unicode.Scalar>, limit: Int, room: Int) -> String {
        String(unsafeUninitializedCapacity: 4 * room + 3) { buffer in
            var count = 0
            var kept = 0
            for scalar in scalars {
                if kept == limit {
                    encode("…", into: buffer, at: &count)
                    break
                }
                encode(scalar == "\n" ? " " : scalar, into: buffer, at: &count)
                kept += 1
            }
            return count
        }
    }
}
