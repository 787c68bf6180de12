import Foundation
import XchangeCore

/// A stretch of an input that ends at a record boundary, to be read by a reader of its own
/// while other pieces are read on other threads.
public struct InputPiece: @unchecked Sendable {
    /// The piece's place in the input: 0 for the first.
    public let index: Int
    /// The piece's bytes, as in the input.
    public let bytes: [UInt8]
    /// The line of the piece's first byte in the whole input.
    public let firstLine: Int
    /// How many bytes of the input come before the piece.
    public let firstByte: Int
    /// How many records (rows of a CSV file) came before the piece, for formats that count them.
    public let rowsBefore: Int
    /// Whether the input ends with this piece.
    public let isLast: Bool
    /// Whether this piece and everything after it must be read in one go, in order: the input
    /// could not be split here (no record boundary was found close enough, or its layout
    /// cannot be split at all).
    public let readsRest: Bool

    public init(
        index: Int, bytes: [UInt8], firstLine: Int, firstByte: Int = 0, rowsBefore: Int = 0, isLast: Bool,
        readsRest: Bool = false
    ) {
        self.index = index
        self.bytes = bytes
        self.firstLine = firstLine
        self.firstByte = firstByte
        self.rowsBefore = rowsBefore
        self.isLast = isLast
        self.readsRest = readsRest
    }
}

/// Splits one input into pieces at record boundaries, and reads each piece on its own, so
/// that pieces can be decoded on several threads; see ``PieceConversion``.
///
/// A piece reader must give, for a piece that holds well-formed records, the reports that
/// reading the whole input gives for them. Whatever goes wrong in a piece is not reported
/// from it: the input is then read again in order from that piece on
/// (``restReader(from:then:reportsBefore:diagnostics:)``), so errors, their positions and the
/// numbering of reports are exactly those of the ordinary reader.
public protocol PieceReading: AnyObject, Sendable {
    /// The next piece, or nil after the last. Called on one thread only.
    func nextPiece() throws -> InputPiece?
    /// A reader of one piece's reports; called on worker threads, at the same time for
    /// different pieces.
    func reader(for piece: InputPiece, diagnostics: any DiagnosticCollector) throws -> any ReportReader
    /// A reader of everything from `piece` on, in order: its bytes, those of the later pieces
    /// already taken from the input (`later`), then the rest of the input. `reportsBefore`
    /// reports came before the piece.
    func restReader(
        from piece: InputPiece, then later: [InputPiece], reportsBefore: Int, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader
}

/// A format module whose reader can read an input in pieces (``PieceReading``).
public protocol PieceReadingModule: FormatModule {
    /// The pieces of `input`, or nil when these options (or the input) call for the ordinary
    /// reader.
    func pieces(
        of input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> (any PieceReading)?
}

/// Reports encoded by a ``ReportPieceEncoder``, for the writer that made it to take in order.
public protocol EncodedReports: Sendable {}

/// Encodes the reports of one piece into bytes, on a worker thread, for its writer to put in
/// place later (``PieceEncodingWriter/appendEncoded(_:)``).
public protocol ReportPieceEncoder: AnyObject {
    /// Encodes one report after the ones before it.
    func encode(_ report: Report) throws
    /// What was encoded since the last call; the encoder starts afresh.
    func take() -> any EncodedReports
}

/// A writer whose reports can be encoded on other threads and then written in order.
public protocol PieceEncodingWriter: ReportWriter {
    /// An encoder for one worker thread, or nil when this writer (with its options) must see
    /// every report itself.
    func makePieceEncoder() -> (any ReportPieceEncoder)?
    /// Writes reports that one of this writer's encoders encoded, after those written before;
    /// ``write(_:)`` and this may be mixed.
    func appendEncoded(_ encoded: any EncodedReports) throws
}

/// What the workers of pieces keep from one piece to the next: writers with the memory they
/// grew, so that it is not handed back to the system and faulted in again for every piece, or
/// what a reader learnt of the file (``LongKeyIndex``). An item taken is the taker's alone
/// until it is given back.
final class PiecePool<Writer>: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [Writer] = []
    private let make: () -> Writer
    private let empty: (Writer) -> Void

    /// A pool that makes writers with `make`; `empty` drops what a writer given back still holds.
    init(make: @escaping () -> Writer, empty: @escaping (Writer) -> Void) {
        self.make = make
        self.empty = empty
    }

    /// An empty writer; one from an earlier piece when there is one.
    func take() -> Writer {
        lock.lock()
        let reused = spare.popLast()
        lock.unlock()
        return reused ?? make()
    }

    /// Keeps a writer for ``take()``, emptied; the pool holds a few at most.
    func give(back writer: Writer) {
        empty(writer)
        lock.lock()
        if spare.count < 8 { spare.append(writer) }
        lock.unlock()
    }
}
