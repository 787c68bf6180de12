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
    /// The line of the first carried byte, and how many bytes of the input come before it.
    private var carriedLine = 1
    private var carriedByte = 0
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
        // An empty input is one piece read in order, so that the ordinary reader says what an
        // empty input is to the format.
        guard !carried.isEmpty else { return handedOut == 0 ? handOut(0, readsRest: true, rows: rows) : nil }
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

    /// Reads until `carried` holds `size` bytes or the input ends. The bytes are read straight
    /// into new room (room filled with zeros first would cost a pass over every byte).
    private func fill(to size: Int) throws {
        guard !atEnd && carried.count < size else { return }
        let old = carried
        var failure: Diagnostic?
        carried = [UInt8](unsafeUninitializedCapacity: size) { room, initialized in
            let base = room.baseAddress!
            old.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: $0.count) }
            initialized = old.count
            do throws(Diagnostic) {
                while initialized < size {
                    let filled = try input.read(
                        into: UnsafeMutableRawBufferPointer(start: base + initialized, count: size - initialized))
                    if filled == 0 {
                        atEnd = true
                        break
                    }
                    initialized += filled
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private var rowsBefore = 0

    /// Takes the first `length` carried bytes as the next piece.
    private func handOut(
        _ length: Int, readsRest: Bool = false, counted: Cut? = nil, rows: (UnsafeBufferPointer<UInt8>) -> Int
    ) -> InputPiece {
        let isLast = atEnd && length == carried.count
        // The carried bytes become the piece, and only what follows the cut is copied (`fill`
        // then reads after it): the piece's bytes are not copied at all.
        var bytes = Array(carried[length...])
        swap(&bytes, &carried)
        bytes.removeLast(bytes.count - length)
        let piece = InputPiece(
            index: handedOut, bytes: bytes, firstLine: carriedLine, firstByte: carriedByte, rowsBefore: rowsBefore,
            isLast: isLast || readsRest, readsRest: readsRest)
        bytes.withUnsafeBufferPointer { buffer in
            carriedLine += counted?.lineFeeds ?? Self.lineFeeds(in: buffer)
            rowsBefore += counted?.rows ?? rows(buffer)
        }
        carriedByte += length
        handedOut += 1
        if isLast || readsRest { finished = true }
        return piece
    }

    /// The line feeds in `bytes`, sixteen bytes at a time: every piece is counted on the thread
    /// that cuts them, so this scan runs in series with all the others.
    static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        lineFeeds(
            in: bytes, countsAlone: { _ in false },
            by: { range in range.reduce(0) { $0 &+ (bytes[$1] == UInt8(ascii: "\n") ? 1 : 0) } })
    }

    /// The line feeds in `bytes`, sixteen bytes at a time, except that a block `countsAlone`
    /// picks out, and the bytes after the last whole block, are counted by `count`: for formats
    /// that count other breaks too.
    @inline(__always)
    static func lineFeeds(
        in bytes: UnsafeBufferPointer<UInt8>, countsAlone: (SIMD16<UInt8>) -> Bool, by count: (Range<Int>) -> Int
    ) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let lineFeed = SIMD16<UInt8>(repeating: UInt8(ascii: "\n"))
        let one = SIMD16<UInt8>(repeating: 1)
        var total = 0
        var k = 0
        while k &+ 16 <= bytes.count {
            // Each lane counts the line feeds seen in it, for 255 blocks at most so that no lane
            // overflows; then the lanes are summed. (Counting the bits of a comparison mask
            // instead is slower: the baseline x86-64 target has no population-count instruction.)
            var lanes = SIMD16<UInt8>()
            let stop = min(bytes.count &- 15, k &+ 255 &* 16)
            while k < stop {
                let block = raw.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self)
                if countsAlone(block) {
                    total &+= count(k..<k &+ 16)
                } else {
                    lanes &+= SIMD16<UInt8>().replacing(with: one, where: block .== lineFeed)
                }
                k &+= 16
            }
            total &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        return total &+ count(k..<bytes.count)
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
        try [UInt8](upTo: count) { (buffer) throws(Diagnostic) in try read(into: buffer) }
    }
}
