/// The RFC 4180 state machine: splits a byte stream into records and unescapes quoted fields.
///
/// It is fed chunk by chunk and keeps its state across chunks, so a record, a quoted field or
/// a CR LF pair may straddle a read boundary. Accepts CR LF, LF and lone CR line ends. A quote
/// inside an unquoted field, or text after a closing quote, is kept as text (as Excel and
/// Python read it); only an unclosed quote at the end of the input is an error.
struct CSVTokenizer {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    private var state = State.fieldStart
    private var skipLineFeed = false
    private var hasContent = false
    /// The line the scan has reached (1-based).
    private(set) var line = 1
    /// Records completed so far.
    private(set) var rowsCompleted = 0
    /// The decoded-stream offset of the chunk being scanned.
    private var chunkOffset = 0
    private var quoteOpenedOnLine = 0
    /// The record being read, until it is complete.
    private let pending = CSVRecordAccumulator()
    /// The row and line of the record being read.
    private var pendingRow = 0
    private var pendingLine = 0
    /// The last complete record; valid after ``next(in:from:)`` returns a position.
    private(set) var record = CSVRecord()

    /// A tokenizer at the start of an input, or (reading a piece of one) at the start of a
    /// line after `rowsCompleted` records, `offset` bytes into the input.
    init(delimiter: UInt8 = UInt8(ascii: ","), line: Int = 1, rowsCompleted: Int = 0, offset: Int = 0) {
        self.delimiter = delimiter
        self.line = line
        self.rowsCompleted = rowsCompleted
        self.chunkOffset = offset
    }

    /// Where the bytes not yet copied into the record start in the chunk being scanned. Plain
    /// bytes are copied in runs that span many fields (delimiters included, see ``CSVRecord``)
    /// rather than field by field; a run breaks only at quotes and line ends.
    private var runStart = 0

    /// Scans `chunk` from `start`. Returns the position just after a completed record, or nil
    /// when the chunk ran out first (the partial record is kept for the next chunk).
    mutating func next(in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let delimiter = self.delimiter
        let count = chunk.count
        var index = start
        if skipLineFeed, index < count {
            skipLineFeed = false
            if chunk[index] == lf { index += 1 }
        }
        runStart = index
        if !hasContent, index < count { beginRecord() }
        while index < count {
            switch state {
            case .fieldStart:
                // Plain fields are most of a file: read a run of them here, in one tight loop,
                // rather than going round the state machine for every field.
                while true {
                    pending.appendOffset(chunkOffset + index)
                    if chunk[index] == quote {
                        pending.markQuoted()
                        flush(chunk, upTo: index)
                        runStart = index + 1
                        state = .quoted
                        quoteOpenedOnLine = line
                        index += 1
                        break
                    }
                    index = Self.plainEnd(in: chunk, from: index, delimiter: delimiter)
                    if index == count {
                        state = .unquoted
                        break
                    }
                    let byte = chunk[index]
                    if byte != delimiter {
                        state = .unquoted
                        break
                    }
                    pending.appendEnd(pending.bytes.count + index - runStart)
                    index += 1
                    if index == count { break }
                }
            case .unquoted:
                index = Self.plainEnd(in: chunk, from: index, delimiter: delimiter)
                if index == count { break }
                if let end = endField(chunk[index], at: index, in: chunk) { return end }
                index += 1
            case .quoted:
                // Cells of text are long: eight bytes at a time while none is a quote or a line feed.
                while index + 8 <= count {
                    let word = UnsafeRawPointer(chunk.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if SWAR.has(quote, in: word) || SWAR.has(lf, in: word) { break }
                    index += 8
                }
                while index < count {
                    let byte = chunk[index]
                    if byte == quote { break }
                    if byte == lf { line += 1 }
                    index += 1
                }
                if index == count { break }
                flush(chunk, upTo: index)
                runStart = index + 1
                state = .quoteInQuoted
                index += 1
            case .quoteInQuoted:
                let byte = chunk[index]
                if byte == quote {
                    // The second quote of a pair is text: the run already starts at it.
                    state = .quoted
                    index += 1
                } else if byte == delimiter || byte == lf || byte == cr {
                    if let end = endField(byte, at: index, in: chunk) { return end }
                    index += 1
                } else {
                    state = .unquoted
                }
            }
        }
        flush(chunk, upTo: count)
        return nil
    }

    /// Where the plain text from `start` ends: at the first delimiter or line end, or the
    /// chunk's end. The first two bytes one at a time (most cells of a table are a number of a
    /// digit or two), then eight at a time (keys, ids and text are long): the lowest byte
    /// matched in the word is the first in the text.
    @inline(__always)
    private static func plainEnd(in chunk: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) -> Int {
        let count = chunk.count
        var index = start
        for _ in 0..<2 {
            guard index < count else { return index }
            let byte = chunk[index]
            if byte == delimiter || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return index }
            index += 1
        }
        while index + 8 <= count {
            // Read little-endian on any machine, so that the word's lowest byte is the first.
            let word = UInt64(littleEndian: UnsafeRawPointer(chunk.baseAddress! + index).loadUnaligned(as: UInt64.self))
            let stops =
                SWAR.matches(delimiter, in: word) | SWAR.matches(UInt8(ascii: "\n"), in: word)
                | SWAR.matches(UInt8(ascii: "\r"), in: word)
            if stops != 0 { return index + stops.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count {
            let byte = chunk[index]
            if byte == delimiter || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            index += 1
        }
        return index
    }

    /// Copies the pending run up to `end` into the record.
    @inline(__always)
    private mutating func flush(_ chunk: UnsafeBufferPointer<UInt8>, upTo end: Int) {
        if end > runStart { pending.appendBytes(UnsafeBufferPointer(rebasing: chunk[runStart..<end])) }
        runStart = end
    }

    /// Ends the field at a delimiter or line end; returns the resume position when the record ends.
    private mutating func endField(_ byte: UInt8, at index: Int, in chunk: UnsafeBufferPointer<UInt8>) -> Int? {
        // Where the field will end once the pending run is copied; a delimiter stays in the run.
        pending.appendEnd(pending.bytes.count + index - runStart)
        state = .fieldStart
        if byte == delimiter { return nil }
        flush(chunk, upTo: index)
        completeRecord()
        line += 1
        hasContent = false
        rowsCompleted += 1
        if byte == UInt8(ascii: "\r") {
            if index + 1 < chunk.count {
                return chunk[index + 1] == UInt8(ascii: "\n") ? index + 2 : index + 1
            }
            skipLineFeed = true
        }
        return index + 1
    }

    private mutating func beginRecord() {
        pending.removeAll()
        pendingRow = rowsCompleted + 1
        pendingLine = line
        hasContent = true
    }

    /// Hands the record read to ``record``.
    private mutating func completeRecord() {
        pending.copy(into: &record)
        record.row = pendingRow
        record.line = pendingLine
    }

    /// Moves the stream offset past a chunk that has been fully scanned.
    mutating func advance(by length: Int) { chunkOffset += length }

    /// Completes the last record at the end of the input, if it had no line end.
    /// Returns false when there is nothing left.
    mutating func finish() throws(CSVSyntaxError) -> Bool {
        guard hasContent else { return false }
        if state == .quoted {
            throw CSVSyntaxError.unclosedQuote(row: pendingRow, field: pending.ends.count, line: quoteOpenedOnLine)
        }
        pending.appendEnd(pending.bytes.count)
        if pending.offsets.count < pending.ends.count { pending.appendOffset(chunkOffset) }
        completeRecord()
        state = .fieldStart
        hasContent = false
        rowsCompleted += 1
        return true
    }

    /// The record and field the scan is in, for errors raised while decoding.
    var position: (row: Int, field: Int) {
        hasContent ? (pendingRow, pending.ends.count) : (rowsCompleted + 1, 0)
    }
}

/// A structural error in the CSV text itself.
enum CSVSyntaxError: Error {
    /// A quoted field still open at the end of the input.
    case unclosedQuote(row: Int, field: Int, line: Int)
}
