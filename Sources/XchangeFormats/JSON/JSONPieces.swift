import XchangeCore
import XchangeJSON

/// Splits JSON Lines, or a top-level array laid out one element after another, into pieces of
/// about `pieceSize` bytes (512 KB by default: as fast as larger pieces, and half the memory
/// in flight) for ``PieceConversion``.
///
/// A piece ends just after a line break that is followed, at the indentation of the input's
/// first item, by `{`, and preceded by `}` (JSON Lines) or `},` (an array). JSON strings hold
/// no line breaks, so in well-formed input that is always between two items; when it is not
/// (a malformed item), the piece before it fails to read, and the input is read again in
/// order from there, which reports the error as the ordinary reader does.
final class JSONPieces: PieceReading, @unchecked Sendable {

    private let cutter: InputCutter
    private let recordsPositions: Bool
    /// Known from the first piece: JSON Lines or an array, and how far the items are indented.
    private var layout: JSONStreamReader.Layout?
    private var indent = 0

    init(input: InputSource, recordsPositions: Bool, pieceSize: Int = 1 << 19) {
        self.cutter = InputCutter(input: input, pieceSize: pieceSize)
        self.recordsPositions = recordsPositions
    }

    func nextPiece() throws -> InputPiece? {
        try cutter.next(
            splits: { detectLayout($0) ? .splits : .cannot },
            lastBoundary: { bytes in lastBoundary(in: bytes).map { InputCutter.Cut(end: $0) } })
    }

    func reader(for piece: InputPiece, diagnostics: any DiagnosticCollector) throws -> any ReportReader {
        let stream = JSONStreamReader(bytes: piece.bytes, piece: streamPiece(piece, isLast: piece.isLast))
        return JSONReportReader(
            stream: stream, fileName: cutter.input.displayName, diagnostics: diagnostics,
            recordsPositions: recordsPositions)
    }

    func restReader(
        from piece: InputPiece, then later: [InputPiece], reportsBefore: Int, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        let source = cutter.rest(from: piece, then: later)
        let stream = JSONStreamReader(piece: streamPiece(piece, isLast: true)) { (buffer) throws(JSONError) -> Int in
            do throws(Diagnostic) {
                return try source.read(into: buffer)
            } catch {
                throw JSONError(error.message)
            }
        }
        return JSONReportReader(
            stream: stream, fileName: cutter.input.displayName, reportsBefore: reportsBefore,
            diagnostics: diagnostics, recordsPositions: recordsPositions)
    }

    private func streamPiece(_ piece: InputPiece, isLast: Bool) -> JSONStreamPiece {
        JSONStreamPiece(firstLine: piece.firstLine, layout: piece.index == 0 ? nil : layout, isLast: isLast)
    }

    // MARK: Splitting

    /// Sees whether the input is JSON Lines of objects or an array of them, and how far the
    /// first item is indented; false for anything else (read in order).
    private func detectLayout(_ head: [UInt8]) -> Bool {
        head.withUnsafeBufferPointer { bytes in
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

    /// The end of the last boundary in `bytes` (after the first item), if any.
    private func lastBoundary(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let separator = layout == .array ? ASCIIByte.comma : nil
        var lineFeed = bytes.count - indent - 2
        while lineFeed > 0 {
            if bytes[lineFeed] == ASCIIByte.lineFeed, Self.isBoundary(bytes, after: lineFeed, indent, separator) {
                return lineFeed + 1
            }
            lineFeed -= 1
        }
        return nil
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
}
