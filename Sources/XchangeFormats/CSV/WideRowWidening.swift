import XchangeCore

/// Rewrites a wide CSV file whose rows were written under headers that turned out narrower
/// than the final one: each row gets an empty cell in every column its header lacked, and
/// the file gets the final header.
///
/// Only the writer's own output is read back, so its shape is known: fields are quoted
/// exactly when they hold a delimiter, quote or line break, and rows end in CR LF or LF. The
/// bytes are scanned as they are, in the output's encoding: the delimiters, the quote and the
/// line ends are ASCII bytes that never occur inside a GB18030 or GBK character.
struct WideRowWidening {
    /// Rows up to byte `end` of the file were written under `layout`.
    struct Run {
        var end: Int
        var layout: WideRowLayout
    }

    /// Where the old file's parts are: a byte-order mark before `headerStart`, the old header
    /// up to `rowsStart`, then the rows of each run in turn.
    let headerStart: Int
    let rowsStart: Int
    let runs: [Run]
    let final: WideRowLayout

    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn: UInt8 = 0x0D
    private static let lineFeed: UInt8 = 0x0A

    /// Rewrites what `rows` wrote; `writeHeader` writes the final header through `rows`.
    func rewrite(_ rows: CSVRowWriter, writeHeader: () throws(Diagnostic) -> Void) throws(Diagnostic) {
        let delimiter = rows.delimiter
        var out: [UInt8] = []
        out.reserveCapacity(Self.flushSize + (1 << 16))
        var offset = 0
        var headerWritten = false
        var runIndex = -1
        var run = RunState(gaps: Gaps(from: final, to: final), delimiter: delimiter)
        try rows.output.rewrite { chunk throws(Diagnostic) in
            var index = 0
            while index < chunk.count {
                var stop: Int
                if offset < headerStart {
                    stop = min(chunk.count, index + headerStart - offset)
                    out.append(contentsOf: chunk[index..<stop])
                } else if offset < rowsStart {
                    if !headerWritten {
                        headerWritten = true
                        try rows.write(raw: out)
                        out.removeAll(keepingCapacity: true)
                        try writeHeader()
                        try rows.flush()
                    }
                    stop = min(chunk.count, index + rowsStart - offset)
                } else {
                    while runIndex < 0 || offset >= runs[runIndex].end {
                        runIndex += 1
                        guard runIndex < runs.count else {
                            throw Diagnostic.error("output.write", "the rows written do not match their headers")
                        }
                        run = RunState(gaps: Gaps(from: runs[runIndex].layout, to: final), delimiter: delimiter)
                    }
                    stop = min(chunk.count, index + runs[runIndex].end - offset)
                    run.widen(UnsafeRawBufferPointer(rebasing: chunk[index..<stop]), into: &out)
                    guard !run.mismatched else {
                        throw Diagnostic.error("output.write", "a row written has more cells than its header")
                    }
                }
                offset += stop - index
                index = stop
                if out.count >= Self.flushSize {
                    try rows.write(raw: out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        try rows.write(raw: out)
    }

    private static let flushSize = 1 << 20

    /// How many empty cells a row under one header needs, and where, to fit under another
    /// that lists every column of the first.
    struct Gaps {
        /// Empty cells before the row's first field.
        var leading: Int
        /// `between[i]`: empty cells between the row's field `i - 1` and field `i`.
        var between: [Int]
        /// Empty cells after the row's last field.
        var trailing: Int

        var isEmpty: Bool { leading == 0 && trailing == 0 && between.allSatisfy { $0 == 0 } }

        init(from narrow: WideRowLayout, to wide: WideRowLayout) {
            let listed = narrow.positions
            guard !listed.isEmpty else {
                // A row under an empty header is just a line end: it becomes that many empty cells.
                (leading, between, trailing) = (0, [0], max(wide.positions.count - 1, 0))
                return
            }
            var between = [Int](repeating: 0, count: listed.count)
            var field = 0
            var trailing = 0
            var leading = 0
            for position in wide.positions {
                if field < listed.count, listed[field] == position {
                    field += 1
                } else if field == 0 {
                    leading += 1
                } else if field == listed.count {
                    trailing += 1
                } else {
                    between[field] += 1
                }
            }
            (self.leading, self.between, self.trailing) = (leading, between, trailing)
        }
    }

    /// Scans the rows of one run, byte by byte, carrying where it is from one chunk to the next.
    private struct RunState {
        let gaps: Gaps
        let delimiter: UInt8
        let copiesAsIs: Bool
        var field = 0
        var inQuotes = false
        var rowStarted = false
        var lineEnding = false
        /// Set when a row has more fields than its header: the file is not what was written.
        var mismatched = false

        init(gaps: Gaps, delimiter: UInt8) {
            self.gaps = gaps
            self.delimiter = delimiter
            copiesAsIs = gaps.isEmpty
        }

        mutating func widen(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
            guard !copiesAsIs else {
                out.append(contentsOf: bytes)
                return
            }
            // Bytes are copied in spans; a span ends only where empty cells go in.
            var spanStart = 0
            func insert(_ count: Int, before index: Int, into out: inout [UInt8]) {
                guard count > 0 else { return }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[spanStart..<index]))
                for _ in 0..<count { out.append(delimiter) }
                spanStart = index
            }
            for index in bytes.indices {
                let byte = bytes[index]
                if !rowStarted {
                    rowStarted = true
                    insert(gaps.leading, before: index, into: &out)
                }
                if inQuotes {
                    // A doubled quote leaves and enters again: the field goes on.
                    if byte == WideRowWidening.quote { inQuotes = false }
                } else if byte == WideRowWidening.quote {
                    inQuotes = true
                } else if byte == delimiter {
                    field += 1
                    guard field < gaps.between.count else {
                        mismatched = true
                        return
                    }
                    insert(gaps.between[field], before: index + 1, into: &out)
                } else if byte == WideRowWidening.carriageReturn || byte == WideRowWidening.lineFeed {
                    if !lineEnding {
                        lineEnding = true
                        insert(gaps.trailing, before: index, into: &out)
                    }
                    if byte == WideRowWidening.lineFeed { (field, rowStarted, lineEnding) = (0, false, false) }
                }
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[spanStart...]))
        }
    }
}
