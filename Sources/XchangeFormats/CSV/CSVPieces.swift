import XchangeCore

/// Splits a wide CSV file (a report per row) or a long one (`report,key,value` rows, the
/// report first) in UTF-8, GB18030 or GBK into pieces of about `pieceSize` bytes for
/// ``PieceConversion``; the form layout and UTF-16 are read in order. In
/// GB18030 and GBK, as in UTF-8, a quote, comma, tab, carriage return or line feed byte is
/// always that character, never part of another, so pieces are cut on the bytes as they are
/// and each is decoded on its own worker.
///
/// A piece ends after a line feed outside quotes, counting quotes from the piece's start. A
/// stray quote in an unquoted cell (kept as text) can make that count wrong; the piece before
/// such a cut then ends inside a quoted cell and fails, and the input is read again in order
/// from there, so errors read as the ordinary reader words them. The first piece is read by
/// the ordinary reader (header checks included); the others under the header it had. A long
/// file is cut only where the report changes, so that each report's rows are in one piece.
final class CSVPieces: PieceReading, @unchecked Sendable {
    private let cutter: InputCutter
    private let options: CSVOptions
    /// Known from the first piece.
    private var header: WideReader.MappedHeader?
    /// The header of a long file, whose report column comes first, and the records up to it
    /// (blank rows before it included).
    private var longHeader: [String]?
    private var longHeaderRows = 0
    private var delimiter = UInt8(ascii: ",")
    /// The file's encoding: found from its head, as the ordinary reader finds it, when the
    /// file splits; until then the one the options name, if any.
    private var encoding: TextEncoding?

    /// Pieces are small: a row of numbers becomes some ten times as many bytes of JSON, and a
    /// few pieces' output is in memory at once. The head read first is as large as the
    /// ordinary reader's first chunk, so that the encoding is detected from the same bytes.
    init(input: InputSource, options: CSVOptions, pieceSize: Int = 1 << 17) {
        self.cutter = InputCutter(input: input, pieceSize: pieceSize, headSize: CSVRecordReader.chunkSize)
        self.options = options
        self.encoding = options.encoding
    }

    func nextPiece() throws -> InputPiece? {
        try cutter.next(splits: readHeader, lastBoundary: boundary, rows: Self.rows)
    }

    func reader(for piece: InputPiece, diagnostics: any DiagnosticCollector) throws -> any ReportReader {
        let bytes = piece.bytes
        var offset = 0
        return try reader(from: piece, prefetching: false, diagnostics: diagnostics) {
            (count) throws(Diagnostic) -> [UInt8] in
            let end = min(offset + count, bytes.count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
    }

    func restReader(
        from piece: InputPiece, then later: [InputPiece], reportsBefore: Int, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        let source = cutter.rest(from: piece, then: later)
        return try reader(from: piece, prefetching: true, diagnostics: diagnostics) {
            (count) throws(Diagnostic) -> [UInt8] in
            try source.read(upTo: count)
        }
    }

    /// The first piece's reader is the ordinary one; a later piece's reads rows under the
    /// header. With `prefetching`, rows are read on a thread of their own (reading the rest).
    private func reader(
        from piece: InputPiece, prefetching: Bool, diagnostics: any DiagnosticCollector,
        read: @escaping CSVRecordReader.ChunkSource
    ) throws -> any ReportReader {
        let input = cutter.input
        guard piece.index > 0 else {
            let records = CSVRecordReader(
                path: input.path, fileName: input.displayName, encoding: encoding,
                delimiter: options.delimiter, read: read)
            return CSVReportReader(
                records: records, options: options, diagnostics: diagnostics, prefetches: prefetching)
        }
        let records = CSVRecordReader(
            path: input.path, fileName: input.displayName, encoding: encoding, delimiter: delimiter,
            firstLine: piece.firstLine, rowsBefore: piece.rowsBefore, firstByte: piece.firstByte, read: read)
        // The first piece gave a report: a later piece of blank rows is no "header without rows".
        if let longHeader {
            let rows = try LongReader(
                records: records, header: longHeader,
                errors: RowErrors(limit: options.maxErrors, diagnostics: diagnostics), afterReports: true)
            return prefetching ? PrefetchingReader(rows) : rows
        }
        guard let header else { throw Diagnostic.error("csv.empty", "\(input.displayName): no header was read") }
        let rows = WideReader(
            records: records, header: header, errors: RowErrors(limit: options.maxErrors, diagnostics: diagnostics),
            reportsBefore: 1)
        return prefetching ? PrefetchingReader(rows) : rows
    }

    // MARK: Splitting

    /// Reads the header from the head of the input: splits unless the file is not wide CSV in
    /// UTF-8, GB18030 or GBK.
    private func readHeader(_ head: [UInt8]) -> InputCutter.Splitting {
        let encoding = options.encoding ?? EncodingDetector.detect(head).encoding
        guard encoding == .utf8 || encoding == .gb18030 || encoding == .gbk else { return .cannot }
        let records = CSVRecordReader(
            input: InputSource(bytes: head), encoding: encoding, delimiter: options.delimiter)
        do {
            repeat {
                guard try records.next() else { return .needsMore }
            } while records.record.isBlank
            // The header and a row after it must end in the head, for the header to be whole.
            let headerRow = records.record.row
            let complete = head.withUnsafeBufferPointer { Self.rows(in: $0) } > headerRow
            guard complete else { return .needsMore }
            guard let delimiter = records.delimiter else { return .cannot }
            var first: [String] = []
            var ignored: Set<Int> = []
            for index in 0..<records.record.count { first.append(try records.string(index)) }
            if let map = options.columnMap {
                (first, ignored) = try map.apply(
                    to: first, unmapped: options.unmapped, file: records.fileName, line: records.record.line,
                    row: records.record.row)
            }
            let layout = options.columnMap != nil ? .wide : options.layout ?? LayoutDetector.detect(first)
            if layout == .long {
                // Cuts are found by the report cell: only where it comes first. A header the long
                // reader refuses is read in order, and refused there.
                guard LongReader.column("report", "报告", in: first) == 0,
                    LongReader.column("key", "字段", in: first) != nil,
                    LongReader.column("value", "值", in: first) != nil
                else { return .cannot }
                longHeader = first
                longHeaderRows = records.record.row
                self.delimiter = delimiter
                self.encoding = records.encoding
                return .splits
            }
            guard layout == .wide else { return .cannot }
            // A header that does not map is not split, and the ordinary reader then reports it,
            // with suggestions: none are worked out here.
            header = try WideReader.map(
                first, ignoring: ignored, records: records, diagnostics: DiagnosticList(), suggesting: false)
            self.delimiter = delimiter
            self.encoding = records.encoding
            return .splits
        } catch {
            return .cannot
        }
    }

    /// Where a piece may end in `bytes`: after any record (wide), or where the report changes
    /// (long).
    private func boundary(in bytes: UnsafeBufferPointer<UInt8>) -> InputCutter.Cut? {
        guard longHeader != nil else { return Self.lastBoundary(in: bytes) }
        // The first piece starts with the header, which is no report's row.
        let skipped = cutter.handedOut == 0 ? longHeaderRows : 0
        return Self.lastReportStart(in: bytes, delimiter: delimiter, after: skipped)
    }

    /// The end of the last line feed outside quotes in `bytes`, with the records (line feeds
    /// outside quotes) and line feeds up to it; nil if there is none, or if the bytes hold a
    /// lone carriage return (a line end the count would miss).
    static func lastBoundary(in bytes: UnsafeBufferPointer<UInt8>) -> InputCutter.Cut? {
        var cut: InputCutter.Cut?
        guard eachRecordEnd(in: bytes, { cut = $0 }) else { return nil }
        return cut
    }

    /// The start of the last report's rows in the long layout's `bytes` (a report's rows follow
    /// one another and share their first cell), with the records and line feeds before it; nil
    /// when the complete rows are all one report's, when a report cell cannot be told from its
    /// bytes alone, or when the bytes hold a lone carriage return. Blank rows between a report's
    /// rows are the report's: its reader passes over them. The first `skipped` records (a
    /// header) are no report's.
    static func lastReportStart(
        in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, after skipped: Int = 0
    ) -> InputCutter.Cut? {
        var starts = [InputCutter.Cut(end: 0, rows: 0, lineFeeds: 0)]
        guard eachRecordEnd(in: bytes, { starts.append($0) }) else { return nil }
        var lastReport: [UInt8]?
        var runStart: InputCutter.Cut?
        for record in stride(from: starts.count - 2, through: skipped, by: -1) {
            let report: [UInt8]
            switch reportCell(bytes, starts[record].end..<starts[record + 1].end, delimiter: delimiter) {
            case .blank: continue
            case .unclear: return nil
            case .plain(let range):
                // Compared in place: all but the last report's rows are only compared.
                if let lastReport {
                    if !lastReport.elementsEqual(bytes[range]) { return runStart }
                    runStart = starts[record]
                    continue
                }
                report = Array(bytes[range])
            case .quoted(let unquoted): report = unquoted
            }
            if let lastReport, report != lastReport { return runStart }
            lastReport = report
            runStart = starts[record]
        }
        return nil
    }

    /// A record's first cell, as the reader will have it.
    enum ReportCell: Equatable {
        /// Unquoted: these bytes of the record.
        case plain(Range<Int>)
        case quoted([UInt8])
        /// Only delimiters and line ends: a row the reader passes over.
        case blank
        /// Text after a closing quote, which the reader keeps but this does not follow, or an
        /// empty quoted cell (its row may be blank to the reader).
        case unclear
    }

    static func reportCell(_ bytes: UnsafeBufferPointer<UInt8>, _ record: Range<Int>, delimiter: UInt8) -> ReportCell {
        let quote = UInt8(ascii: "\"")
        func endsCell(_ byte: UInt8) -> Bool {
            byte == delimiter || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        var index = record.lowerBound
        guard index < record.upperBound, bytes[index] == quote else {
            while index < record.upperBound, !endsCell(bytes[index]) { index += 1 }
            if index == record.lowerBound, bytes[record].allSatisfy(endsCell) { return .blank }
            return .plain(record.lowerBound..<index)
        }
        var cell: [UInt8] = []
        index += 1
        while index < record.upperBound {
            if bytes[index] == quote {
                guard index + 1 < record.upperBound, bytes[index + 1] == quote else {
                    // An empty quoted cell may open a row the reader counts as blank.
                    let closed = index + 1 < record.upperBound && endsCell(bytes[index + 1])
                    return closed && !cell.isEmpty ? .quoted(cell) : .unclear
                }
                index += 1
            }
            cell.append(bytes[index])
            index += 1
        }
        return .unclear
    }

    /// Calls `found` with the end of each line feed outside quotes in `bytes`, with the records
    /// (line feeds outside quotes) and line feeds up to it; false, after calls for some, if the
    /// bytes hold a lone carriage return (a line end the counts would miss). Words of eight
    /// bytes holding no quote, line feed or carriage return are passed over whole: this runs on
    /// the thread that cuts every piece.
    @inline(__always)
    private static func eachRecordEnd(
        in bytes: UnsafeBufferPointer<UInt8>, _ found: (InputCutter.Cut) -> Void
    ) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var quotes = 0
        var rows = 0
        var lineFeeds = 0
        var k = 0
        while k < bytes.count {
            if k &+ 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let stops =
                    SWAR.matches(UInt8(ascii: "\""), in: word) | SWAR.matches(UInt8(ascii: "\n"), in: word)
                    | SWAR.matches(UInt8(ascii: "\r"), in: word)
                if stops == 0 {
                    k &+= 8
                    continue
                }
            }
            let stop = min(k &+ 8, bytes.count)
            while k < stop {
                switch base[k] {
                case UInt8(ascii: "\""):
                    quotes &+= 1
                case UInt8(ascii: "\n"):
                    lineFeeds &+= 1
                    if quotes & 1 == 0 {
                        rows &+= 1
                        found(InputCutter.Cut(end: k &+ 1, rows: rows, lineFeeds: lineFeeds))
                    }
                case UInt8(ascii: "\r") where k &+ 1 < bytes.count && base[k &+ 1] != UInt8(ascii: "\n"):
                    return false
                default: break
                }
                k &+= 1
            }
        }
        return true
    }

    /// The records that end in `bytes`: its line feeds outside quotes.
    private static func rows(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var quotes = 0
        var rows = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                quotes += 1
            } else if byte == UInt8(ascii: "\n") && quotes & 1 == 0 {
                rows += 1
            }
        }
        return rows
    }
}
