import Foundation
import XchangeCore

/// Writes reports encoded as cells (``ReportCells``) as rows of the wide layout, under a header
/// that lists some of the columns.
enum WideRows {
    /// The reports rendered together on one thread: about 256 KB of cells.
    static let sliceSize = 1 << 18

    /// Writes the encoded report at `offset` as a row under the header (`positions`: the
    /// columns it lists, in order) to `rows`; returns the offset after it.
    static func write(
        _ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, under positions: [Int], to rows: CSVRowWriter
    ) throws(Diagnostic) -> Int {
        var written = 0
        let end = try ReportCells.decode(bytes, from: offset) { position, text throws(Diagnostic) in
            var target = written
            while positions[target] < position { target += 1 }
            rows.emptyFields(target - written)
            rows.field(bytes: text)
            written = target + 1
        }
        rows.emptyFields(positions.count - written)
        try rows.endRow()
        return end
    }

    /// Writes every encoded report of `block` as a row. A large block is cut into slices of
    /// whole reports that are rendered on every core and appended in order: held rows are
    /// mostly written once the whole input is read, when nothing else uses the cores.
    static func write(
        _ block: UnsafeBufferPointer<UInt8>, under positions: [Int], to rows: CSVRowWriter
    )
        throws(Diagnostic)
    {
        var cuts = [0]
        var offset = 0
        while offset < block.count {
            offset = ReportCells.end(of: block, from: offset)
            if offset - cuts[cuts.count - 1] >= sliceSize || offset == block.count { cuts.append(offset) }
        }
        guard cuts.count > 2 else {
            offset = 0
            while offset < block.count { offset = try write(block, from: offset, under: positions, to: rows) }
            return
        }
        let slices = SliceRendering(block: block, cuts: cuts, positions: positions, model: rows)
        defer { slices.results.deinitialize().deallocate() }
        DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { slices.render($0) }
        for result in slices.results { try rows.appendRendered(result.get()) }
    }

    /// The slices of one block, rendered on several threads; each thread writes only the
    /// result of its own slice, and the block outlives them all.
    private struct SliceRendering: @unchecked Sendable {
        let block: UnsafeBufferPointer<UInt8>
        let cuts: [Int]
        let positions: [Int]
        let model: CSVRowWriter
        let results: UnsafeMutableBufferPointer<Result<[UInt8], Diagnostic>>

        init(block: UnsafeBufferPointer<UInt8>, cuts: [Int], positions: [Int], model: CSVRowWriter) {
            self.block = block
            self.cuts = cuts
            self.positions = positions
            self.model = model
            results = .allocate(capacity: cuts.count - 1)
            results.initialize(repeating: .success([]))
        }

        func render(_ slice: Int) {
            let writer = CSVRowWriter(renderingFor: model)
            results[slice] = Result { () throws(Diagnostic) -> [UInt8] in
                var offset = cuts[slice]
                while offset < cuts[slice + 1] {
                    offset = try WideRows.write(block, from: offset, under: positions, to: writer)
                }
                return writer.rendered()
            }
        }
    }
}
