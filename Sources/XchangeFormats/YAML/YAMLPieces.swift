import XchangeCore
import XchangeYAML

/// Splits a YAML stream into pieces of about `pieceSize` bytes (1 MB by default) at document
/// starts, for ``PieceConversion``: libyaml reads one document after another on one core,
/// and the documents of a stream are independent (anchors, tags and directives hold within
/// their own document), so each piece is parsed by its own parser on another core.
///
/// A piece ends just before a line that opens with the document marker `---` followed by a
/// blank or the end of the line. YAML forbids such a line inside any scalar, block or quoted,
/// so in well-formed input it always starts a document. A marker whose line follows a
/// directive (`%YAML 1.2`) is passed over: the directive belongs to the document it opens.
/// When a marker is not a document start after all (malformed input), the piece before it
/// fails to read, and the input is read again in order from there, which reports the error as
/// the ordinary reader does. Each piece's parser counts lines and bytes from the piece's place
/// in the input, so marks and offsets read as they do for the whole stream.
final class YAMLPieces: PieceReading, @unchecked Sendable {
    private let cutter: InputCutter
    private let recordsPositions: Bool

    init(input: InputSource, recordsPositions: Bool, pieceSize: Int = 1 << 20) {
        self.cutter = InputCutter(input: input, pieceSize: pieceSize)
        self.recordsPositions = recordsPositions
    }

    func nextPiece() throws -> InputPiece? {
        try cutter.next(
            splits: { Self.isUTF8($0) ? .splits : .cannot },
            lastBoundary: { bytes in
                Self.lastDocumentStart(in: bytes).map { end in
                    InputCutter.Cut(
                        end: end, lineFeeds: Self.lineBreaks(in: UnsafeBufferPointer(rebasing: bytes[..<end])))
                }
            })
    }

    func reader(for piece: InputPiece, diagnostics: any DiagnosticCollector) throws -> any ReportReader {
        YAMLReportReader(
            documents: YAMLDocumentReader(bytes: piece.bytes, start: start(of: piece)),
            fileName: cutter.input.displayName, diagnostics: diagnostics, recordsPositions: recordsPositions)
    }

    func restReader(
        from piece: InputPiece, then later: [InputPiece], reportsBefore: Int, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        let source = cutter.rest(from: piece, then: later)
        return YAMLReportReader(
            documents: YAMLDocumentReader(start: start(of: piece), read: YAMLReportReader.reading(source.read(into:))),
            fileName: cutter.input.displayName, reportsBefore: reportsBefore, diagnostics: diagnostics,
            recordsPositions: recordsPositions)
    }

    private func start(of piece: InputPiece) -> YAMLDocumentReader.Start {
        YAMLDocumentReader.Start(line: piece.firstLine, byteOffset: piece.firstByte)
    }

    // MARK: Splitting

    /// Whether the input is UTF-8 (as it is without a byte order mark, or with UTF-8's): only
    /// then does a piece after the first read as the whole stream would.
    static func isUTF8(_ head: [UInt8]) -> Bool {
        head.count < 2 || !((head[0] == 0xFE && head[1] == 0xFF) || (head[0] == 0xFF && head[1] == 0xFE))
    }

    /// Where the last document start in `bytes` begins (after the first line), if anywhere.
    static func lastDocumentStart(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let dash = UInt8(ascii: "-")
        // `---` and the byte after it must be in view.
        var lineFeed = bytes.count - 5
        while lineFeed >= 0 {
            if bytes[lineFeed] == ASCIIByte.lineFeed, bytes[lineFeed + 1] == dash, bytes[lineFeed + 2] == dash,
                bytes[lineFeed + 3] == dash, isBlankOrBreak(bytes[lineFeed + 4]),
                !followsDirective(bytes, lineFeed)
            {
                return lineFeed + 1
            }
            lineFeed -= 1
        }
        return nil
    }

    /// Whether the line ending at `lineFeed` is a directive (`%…`).
    private static func followsDirective(_ bytes: UnsafeBufferPointer<UInt8>, _ lineFeed: Int) -> Bool {
        var start = lineFeed
        while start > 0, bytes[start - 1] != ASCIIByte.lineFeed { start -= 1 }
        return start < lineFeed && bytes[start] == UInt8(ascii: "%")
    }

    private static func isBlankOrBreak(_ byte: UInt8) -> Bool {
        byte == ASCIIByte.space || byte == ASCIIByte.tab || byte == ASCIIByte.lineFeed
            || byte == ASCIIByte.carriageReturn
    }

    /// The line breaks in `bytes` as libyaml counts them for its marks: a line feed, a carriage
    /// return (once for `\r\n`), and the next-line, line and paragraph separators (U+0085,
    /// U+2028, U+2029), which YAML 1.1 counts as breaks too.
    ///
    /// Sixteen bytes at a time as ``InputCutter/lineFeeds(in:)`` counts; a block holding a
    /// carriage return or the first byte of one of the separators (also the first byte of
    /// punctuation such as “ and —) is counted byte by byte.
    static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let carriageReturn = SIMD16<UInt8>(repeating: ASCIIByte.carriageReturn)
        let nextLineLead = SIMD16<UInt8>(repeating: 0xC2)
        let separatorLead = SIMD16<UInt8>(repeating: 0xE2)
        return InputCutter.lineFeeds(
            in: bytes,
            countsAlone: { block in
                any((block .== carriageReturn) .| (block .== nextLineLead) .| (block .== separatorLead))
            },
            by: { range in breaks(in: bytes, range) })
    }

    /// The breaks that begin in `range`, looking past it for the rest of a sequence.
    private static func breaks(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        for k in range {
            switch bytes[k] {
            case ASCIIByte.lineFeed:
                count += 1
            case ASCIIByte.carriageReturn:
                // `\r\n` is one break, counted at its line feed.
                if k + 1 >= bytes.count || bytes[k + 1] != ASCIIByte.lineFeed { count += 1 }
            case 0xC2:
                if k + 1 < bytes.count && bytes[k + 1] == 0x85 { count += 1 }
            case 0xE2:
                if k + 2 < bytes.count && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9) {
                    count += 1
                }
            default:
                break
            }
        }
        return count
    }
}
