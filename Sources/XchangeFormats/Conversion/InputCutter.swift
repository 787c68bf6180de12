import XchangeCore

/// Cuts an input into pieces of about `pieceSize` bytes at boundaries a format finds, for a
/// ``PieceReading``: reads ahead, keeps the bytes not yet handed out, and counts lines.
final class InputCutter {
    let input: InputSource
    /// A piece may grow to 16 times this size while a boundary is looked for; beyond that the
    /// rest of the input is read in order.
    let pieceSize: Int
    /// Bytes taken from the input and not yet handed out.
    private(set) var carried: [UInt8] = []
    /// The line of the first carried byte.
    private var carriedLine = 1
    private var atEnd = false
    private(set) var handedOut = 0
    private var finished = false

    /// How much of the input is read before the first piece is cut, for `splits` to look at.
    let headSize: Int

    init(input: InputSource, pieceSize: Int, headSize: Int = 0) {
        self.input = input
        self.pieceSize = max(pieceSize, 64)
        self.headSize = max(headSize, self.pieceSize)
    }

    /// Whether an input can be split, seen from its head.
    enum Splitting {
        case splits, cannot
        /// The head is too short to tell.
        case needsMore
    }

    /// Where a format found the last boundary in some bytes: the end of the piece, and the
    /// records and line feeds before it when the format counted them on the way (else they are
    /// counted when the piece is handed out).
    struct Cut {
        let end: Int
        var rows: Int?
        var lineFeeds: Int?

        init(end: Int, rows: Int? = nil, lineFeeds: Int? = nil) {
            self.end = end
            self.rows = rows
            self.lineFeeds = lineFeeds
        }
    }

    /// The next piece, or nil after the last. `splits` says, from the head of the input, whether
    /// it can be split at all; `lastBoundary` finds the last boundary in the bytes (nil if
    /// none); `rows` counts the records of a piece.
    func next(
        splits: ([UInt8]) -> Splitting, lastBoundary: (UnsafeBufferPointer<UInt8>) -> Cut?,
        rows: (UnsafeBufferPointer<UInt8>) -> Int = { _ in 0 }
    ) throws -> InputPiece? {
        guard !finished else { return nil }
        try fill(to: handedOut == 0 ? headSize : pieceSize)
        guard !carried.isEmpty else { return nil }
        while handedOut == 0 {
            switch splits(carried) {
            case .splits: break
            case .needsMore where !atEnd && carried.count < pieceSize * 16:
                try fill(to: carried.count * 2)
                continue
            case .cannot, .needsMore: return handOut(carried.count, readsRest: true, rows: rows)
            }
            break
        }
        while true {
            // Cut near `pieceSize` even when more is carried (the head, the end of the input):
            // look for a boundary in a window that widens until one is found.
            var window = carried.count > pieceSize * 2 ? pieceSize : carried.count
            if atEnd && window == carried.count { return handOut(carried.count, rows: rows) }
            while true {
                let end = window
                if let cut = carried.withUnsafeBufferPointer({ lastBoundary(UnsafeBufferPointer(rebasing: $0[..<end])) }
                ) {
                    return handOut(cut.end, counted: cut, rows: rows)
                }
                if window == carried.count { break }
                window = min(window * 2, carried.count)
            }
            if atEnd { return handOut(carried.count, rows: rows) }
            if carried.count >= pieceSize * 16 { return handOut(carried.count, readsRest: true, rows: rows) }
            try fill(to: carried.count * 2)
        }
    }

    /// What is left from `piece` on, in order: its bytes, those of `later` pieces already
    /// handed out, the carried bytes, then the rest of the input.
    func rest(from piece: InputPiece, then later: [InputPiece]) -> RestOfInput {
        defer { carried = [] }
        return RestOfInput(blocks: ([piece] + later).map(\.bytes) + [carried], input: input)
    }

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

    private var rowsBefore = 0

    /// Takes the first `length` carried bytes as the next piece.
    private func handOut(
        _ length: Int, readsRest: Bool = false, counted: Cut? = nil, rows: (UnsafeBufferPointer<UInt8>) -> Int
    ) -> InputPiece {
        let isLast = atEnd && length == carried.count
        // The carried bytes become the piece, and only what follows the cut is copied (into
        // room for the next piece): the piece's bytes are not copied at all.
        var rest: [UInt8] = []
        rest.reserveCapacity(carried.count - length + pieceSize)
        rest.append(contentsOf: carried[length...])
        var bytes = rest
        swap(&bytes, &carried)
        bytes.removeLast(bytes.count - length)
        let piece = InputPiece(
            index: handedOut, bytes: bytes, firstLine: carriedLine, rowsBefore: rowsBefore,
            isLast: isLast || readsRest, readsRest: readsRest)
        bytes.withUnsafeBufferPointer { buffer in
            carriedLine += counted?.lineFeeds ?? Self.lineFeeds(in: buffer)
            rowsBefore += counted?.rows ?? rows(buffer)
        }
        handedOut += 1
        if isLast || readsRest { finished = true }
        return piece
    }

    /// The line feeds in `bytes`, eight bytes at a time: every piece is counted on the thread
    /// that cuts them, so this scan runs in series with all the others.
    static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let lineFeeds = ones &* UInt64(UInt8(ascii: "\n"))
        var count = 0
        var k = 0
        while k &+ 8 <= bytes.count {
            // A byte of `word` is 0 where a line feed was; its high bit in `nonZero` is set
            // exactly where the byte is not 0 (no carry crosses bytes).
            let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ lineFeeds
            let nonZero = ((word & lows) &+ lows) | word
            count &+= (~nonZero & ~lows).nonzeroBitCount
            k &+= 8
        }
        while k < bytes.count {
            if base[k] == UInt8(ascii: "\n") { count &+= 1 }
            k &+= 1
        }
        return count
    }
}

/// The bytes of pieces already taken from an input, then the rest of the input.
final class RestOfInput {
    private var blocks: [[UInt8]]
    private var offset = 0
    private let input: InputSource

    init(blocks: [[UInt8]], input: InputSource) {
        self.blocks = blocks
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

    /// The next bytes, at most `count`; none at the end.
    func read(upTo count: Int) throws(Diagnostic) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let filled = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(Diagnostic) -> Int in try read(into: buffer) }
        }
        bytes.removeLast(count - (try filled.get()))
        return bytes
    }
}
