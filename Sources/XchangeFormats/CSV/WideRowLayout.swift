import Foundation
import XchangeCore
import XchangeJSON

/// A header of the wide layout, as the columns it lists, ready to render rows under.
struct WideRowLayout: Equatable, Sendable {
    /// Positions in ``WideColumns/all``, in order.
    let positions: [Int]
    /// For each position in ``WideColumns/all``, its place in the header, or -1 when the
    /// header does not list it.
    private let slots: [Int32]

    init(_ positions: [Int]) {
        self.positions = positions
        var slots = [Int32](repeating: -1, count: WideColumns.all.count)
        for (slot, position) in positions.enumerated() { slots[position] = Int32(slot) }
        self.slots = slots
    }

    /// The layout listing every column `used` marks.
    init(used: [Bool]) { self.init(used.indices.filter { used[$0] }) }

    static func == (left: WideRowLayout, right: WideRowLayout) -> Bool { left.positions == right.positions }

    /// This layout with the columns of `other` added.
    func adding(_ other: [Int]) -> WideRowLayout {
        WideRowLayout(Array(Set(positions).union(other)).sorted())
    }

    /// Whether every column of `other` is listed here.
    func lists(_ other: [Int]) -> Bool { other.allSatisfy { slots[$0] >= 0 } }

    /// Renders the report as a row under this header. Returns false, with nothing written,
    /// when the report fills a column the header does not list. Marks the columns it fills in
    /// `used` either way.
    func render(
        _ report: Report, to rows: CSVRowWriter, used: inout [Bool], parts: JSONWriter
    ) throws(Diagnostic)
        -> Bool
    {
        let mark = rows.rowMark
        let listed = slots.withUnsafeBufferPointer { slots in
            var row = Row(rows: rows, slots: slots)
            ReportCells.visit(report, used: &used, parts: parts, with: &row)
            if row.missed { return false }
            rows.emptyFields(positions.count - row.written)
            return true
        }
        guard listed else {
            rows.dropRow(from: mark)
            return false
        }
        try rows.endRow()
        return true
    }

    /// Puts each cell in its place in the row; notes a cell whose column is not listed.
    private struct Row: WideCellVisitor {
        let rows: CSVRowWriter
        let slots: UnsafeBufferPointer<Int32>
        var written = 0
        var missed = false

        @inline(__always)
        private mutating func moveTo(_ position: Int) -> Bool {
            let slot = Int(slots[position])
            guard slot >= 0, !missed else {
                missed = true
                return false
            }
            rows.emptyFields(slot - written)
            written = slot + 1
            return true
        }

        @inline(__always)
        mutating func cell(_ position: Int, utf8: UnsafeBufferPointer<UInt8>) {
            if moveTo(position) { rows.field(bytes: utf8) }
        }

        @inline(__always)
        mutating func cell(_ position: Int, integer: Int) {
            if moveTo(position) { rows.field(integer: integer) }
        }
    }
}

/// The header that rows are rendered under before every report is seen, shared between a
/// wide writer and its piece encoders on other threads. It only grows: a thread that meets a
/// report filling a column not listed adds that column for everyone after.
final class WideHeaderGuess: @unchecked Sendable {
    private let lock = NSLock()
    private var layout: WideRowLayout?

    init(_ layout: WideRowLayout? = nil) { self.layout = layout }

    /// The guess so far; nil until the writer has made one.
    var current: WideRowLayout? { lock.withLock { layout } }

    /// Adds the columns of `other` to the guess and returns it.
    @discardableResult
    func widen(with other: WideRowLayout) -> WideRowLayout {
        lock.withLock {
            let wider = layout.map { $0.lists(other.positions) ? $0 : $0.adding(other.positions) } ?? other
            layout = wider
            return wider
        }
    }
}
