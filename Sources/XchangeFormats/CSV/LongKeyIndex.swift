import Foundation

/// Finds the column a long-layout row's key cell names, from the cell's bytes.
///
/// Every report of a file lists its keys in much the same order (the order its writer keeps),
/// so the key that followed the previous row's key last time is tried first, byte for byte:
/// most rows cost one comparison, with no text made and nothing hashed. A key met in another
/// place is found by its bytes among those seen before; a key never seen is for the caller to
/// name from its text (``remember(_:as:)``), once. What the bytes of a key name does not
/// depend on the file, so one reader hands its index to the next (``take()``,
/// ``giveBack(_:)``): the reader of each piece of a file starts with the keys known.
struct LongKeyIndex: Sendable {
    /// A key cell's bytes as they were read (blanks included), and what they name.
    private struct Known: Sendable {
        let bytes: [UInt8]
        let column: WideColumn
        let position: Int
        /// The key that followed this one last time; -1 when none has yet.
        var successor: Int
    }

    private var known: [Known] = []
    private var byBytes: [KeyBytes: Int] = [:]
    /// The key of the row before in this report; -1 at a report's start, when ``firstKey``
    /// plays the part of its successor.
    private var previous = -1
    private var firstKey = -1

    /// A new report starts: its first key is expected to be the last report's first.
    mutating func startReport() { previous = -1 }

    /// The column and its position in ``WideColumns/all`` for a key cell seen before; nil for
    /// a key not yet known.
    mutating func find(_ cell: UnsafeBufferPointer<UInt8>) -> (column: WideColumn, position: Int)? {
        let expected = previous < 0 ? firstKey : known[previous].successor
        if expected >= 0, Self.equal(known[expected].bytes, cell) { return take(expected) }
        guard !known.isEmpty, let index = byBytes[KeyBytes(Array(cell))] else { return nil }
        return take(index)
    }

    /// Learns that `cell` names `column` and takes it as this row's key.
    mutating func remember(_ cell: UnsafeBufferPointer<UInt8>, as column: WideColumn) -> Int {
        let bytes = Array(cell)
        known.append(Known(bytes: bytes, column: column, position: WideColumns.position(of: column), successor: -1))
        byBytes[KeyBytes(bytes)] = known.count - 1
        return take(known.count - 1).position
    }

    private mutating func take(_ index: Int) -> (column: WideColumn, position: Int) {
        if previous < 0 { firstKey = index } else { known[previous].successor = index }
        previous = index
        return (known[index].column, known[index].position)
    }

    private static func equal(_ bytes: [UInt8], _ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == cell.count else { return false }
        return bytes.withUnsafeBufferPointer { known in
            cell.isEmpty || memcmp(known.baseAddress!, cell.baseAddress!, cell.count) == 0
        }
    }

    /// An index a reader used before, with the keys it learnt, when one is kept.
    static func take() -> LongKeyIndex { spares.take() }

    /// Keeps an index for the next reader.
    static func giveBack(_ index: LongKeyIndex) { spares.give(back: index) }

    private static let spares = PiecePool<LongKeyIndex>(make: { LongKeyIndex() }, empty: { _ in })
}

/// A key's bytes as a table key, hashed in one pass: an array of bytes hashes byte by byte.
private struct KeyBytes: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}
