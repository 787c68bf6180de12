import XchangeCore
import XchangeJSON

/// Splits JSON Lines, or a top-level array laid out one element after another, into pieces of
/// about `pieceSize` bytes (1 MB by default) for ``PieceConversion``.
///
/// A piece ends just after a line break that is followed, at the indentation of the input's
/// first item, by `{`, and preceded by `}` (JSON Lines) or `},` (an array). JSON strings hold
/// no line breaks, so in well-formed input that is always between two items; when it is not
/// (a malformed item), the piece before it fails to read, and the input is read again in
/// order from there, which reports the error as the ordinary reader does.
final class JSONPieces: PieceReading, @unchecked Sendable {
    /// A piece may grow to 16 times its size while looking for a boundary; beyond that the
    /// rest of the input is read in order.
    private let pieceSize: Int

    private let input: InputSource
    private let recordsPositions: Bool
    /// Bytes taken from the input and not yet handed out; `carriedLine` is the line of the first.
    private var carried: [UInt8] = []
    private var carriedLine = 1
    private var atEnd = false
    private var handedOut = 0
    private var finished = false
    /// Known from the first piece: JSON Lines or an array, and how far the items are indented.
    private var layout: JSONStreamReader.Layout?
    private var indent = 0

    init(input: InputSource, recordsPositions: Bool, pieceSize: Int = 1 << 20) {
        self.input = input
        self.pieceSize = max(pieceSize, 64)
        self.recordsPositions = recordsPositions
    }

    func nextPiece() throws -> InputPiece? {
        guard !finished else { return nil }
        try fill(to: pieceSize)
        guard !carried.isEmpty else { return nil }
        if handedOut == 0 && !detectLayout() { return handOut(carried.count, readsRest: true) }
        while true {
            if atEnd { return handOut(carried.count) }
            if let cut = lastBoundary() { return handOut(cut) }
            if carried.count >= pieceSize * 16 { return handOut(carried.count, readsRest: true) }
            try fill(to: carried.count * 2)
        }
    }

    func reader(for piece: InputPiece, diagnostics: any DiagnosticCollector) throws -> any ReportReader {
        let stream = JSONStreamReader(
            bytes: piece.bytes,
            piece: JSONStreamPiece(
                firstLine: piece.firstLine, layout: piece.index == 0 ? nil : layout, isLast: piece.isLast))
        return JSONReportReader(
            stream: stream, fileName: input.displayName, diagnostics: diagnostics, recordsPositions: recordsPositions)
    }

    func restReader(
        from piece: InputPiece, then later: [InputPiece], reportsBefore: Int, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        let source = RestOfInput(pieces: [piece] + later, carried: carried, input: input)
        carried = []
        let stream = JSONStreamReader(
            piece: JSONStreamPiece(firstLine: piece.firstLine, layout: piece.index == 0 ? nil : layout, isLast: true)
        ) { (buffer) throws(JSONError) -> Int in
            do throws(Diagnostic) {
                return try source.read(into: buffer)
            } catch {
                throw JSONError(error.message)
            }
        }
        return JSONReportReader(
            stream: stream, fileName: input.displayName, reportsBefore: reportsBefore, diagnostics: diagnostics,
            recordsPositions: recordsPositions)
    }

    // MARK: Splitting

    /// Reads until `carried` holds `size` bytes or the input ends.
    private func fill(to size: Int) throws {
        while !atEnd && carried.count < size {
            let old = carried.count
            carried.append(contentsOf: repeatElement(0, count: size - old))
            let filled = try carried.withUnsafeMutableBytes { buffer throws(Diagnostic) in
                try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[old...]))
            }
            carried.removeLast(size - old - filled)
            if filled == 0 { atEnd = true }
        }
    }

    /// Takes the first `length` carried bytes as the next piece.
    private func handOut(_ length: Int, readsRest: Bool = false) -> InputPiece {
        let isLast = atEnd && length == carried.count
        let bytes = Array(carried[..<length])
        carried.removeFirst(length)
        let piece = InputPiece(
            index: handedOut, bytes: bytes, firstLine: carriedLine, isLast: isLast || readsRest, readsRest: readsRest)
        carriedLine += Self.lineBreaks(in: bytes)
        handedOut += 1
        if isLast || readsRest { finished = true }
        return piece
    }

    /// Sees whether the input is JSON Lines of objects or an array of them, and how far the
    /// first item is indented; false for anything else (read in order).
    private func detectLayout() -> Bool {
        carried.withUnsafeBufferPointer { bytes in
            var i = 0
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
            var lineStart = i
            func skipWhitespace() {
                while i < bytes.count, Self.isWhitespace(bytes[i]) {
                    if bytes[i] == ASCIIByte.lineFeed { lineStart = i + 1 }
                    i += 1
                }
            }
            skipWhitespace()
            guard i < bytes.count else { return false }
            if bytes[i] == ASCIIByte.openBracket {
                i += 1
                skipWhitespace()
                guard i < bytes.count, bytes[i] == ASCIIByte.openBrace, lineStart > 0 else { return false }
                layout = .array
            } else if bytes[i] == ASCIIByte.openBrace {
                layout = .lines
            } else {
                return false
            }
            indent = i - lineStart
            return true
        }
    }

    /// The end of the last boundary in the carried bytes (after the first item), if any.
    private func lastBoundary() -> Int? {
        let separator = layout == .array ? ASCIIByte.comma : nil
        return carried.withUnsafeBufferPointer { bytes -> Int? in
            var lineFeed = bytes.count - indent - 2
            while lineFeed > 0 {
                if bytes[lineFeed] == ASCIIByte.lineFeed, Self.isBoundary(bytes, after: lineFeed, indent, separator) {
                    return lineFeed + 1
                }
                lineFeed -= 1
            }
            return nil
        }
    }

    /// Whether the line break at `lineFeed` is followed by `indent` spaces and `{`, and
    /// preceded by `}` (and `separator`), whitespace aside.
    private static func isBoundary(
        _ bytes: UnsafeBufferPointer<UInt8>, after lineFeed: Int, _ indent: Int, _ separator: UInt8?
    ) -> Bool {
        let open = lineFeed + 1 + indent
        guard open < bytes.count, bytes[open] == ASCIIByte.openBrace else { return false }
        for i in (lineFeed + 1)..<open where bytes[i] != ASCIIByte.space { return false }
        var before = lineFeed - 1
        while before >= 0, isWhitespace(bytes[before]) { before -= 1 }
        if let separator {
            guard before >= 0, bytes[before] == separator else { return false }
            before -= 1
            while before >= 0, isWhitespace(bytes[before]) { before -= 1 }
        }
        return before >= 0 && bytes[before] == ASCIIByte.closeBrace
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == ASCIIByte.space || byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn
            || byte == ASCIIByte.tab
    }

    static func lineBreaks(in bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes where byte == ASCIIByte.lineFeed { count += 1 }
        return count
    }
}

/// The bytes of pieces already taken from an input, then the rest of the input.
final class RestOfInput {
    private var blocks: [[UInt8]]
    private var offset = 0
    private let input: InputSource

    init(pieces: [InputPiece], carried: [UInt8], input: InputSource) {
        self.blocks = pieces.map(\.bytes) + [carried]
        self.input = input
    }

    /// Fills the start of `buffer` and returns how many bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(Diagnostic) -> Int {
        while let block = blocks.first {
            guard offset < block.count else {
                blocks.removeFirst()
                offset = 0
                continue
            }
            let count = min(buffer.count, block.count - offset)
            block.withUnsafeBytes { bytes in
                buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }
        return try input.read(into: buffer)
    }
}
