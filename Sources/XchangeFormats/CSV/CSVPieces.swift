import XchangeCore

/// Splits a wide CSV file (a report per row) in UTF-8, GB18030 or GBK into pieces of about
/// `pieceSize` bytes for ``PieceConversion``; other layouts and UTF-16 are read in order. In
/// GB18030 and GBK, as in UTF-8, a quote, comma, tab, carriage return or line feed byte is
/// always that character, never part of another, so pieces are cut on the bytes as they are
/// and each is decoded on its own worker.
///
/// A piece ends after a line feed outside quotes, counting quotes from the piece's start. A
/// stray quote in an unquoted cell (kept as text) can make that count wrong; the piece before
/// such a cut then ends inside a quoted cell and fails, and the input is read again in order
/// from there, so errors read as the ordinary reader words them. The first piece is read by
/// the ordinary reader (header checks included); the others under the header it had.
final class CSVPieces: PieceReading, @unchecked Sendable {
    private let cutter: InputCutter
    private let options: CSVOptions
    /// Known from the first piece.
    private var header: WideReader.MappedHeader?
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
        try cutter.next(splits: readHeader, lastBoundary: Self.lastBoundary, rows: Self.rows)
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

    /// The end of the last line feed outside quotes in `bytes`, with the records (line feeds
    /// outside quotes) and line feeds up to it; nil if there is none, or if the bytes hold a
    /// lone carriage return (a line end the count would miss). Words of eight bytes holding no
    /// quote, line feed or carriage return are passed over whole: this runs on the thread that
    /// cuts every piece.
    static func lastBoundary(in bytes: UnsafeBufferPointer<UInt8>) -> InputCutter.Cut? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var quotes = 0
        var rows = 0
        var lineFeeds = 0
        var cut: InputCutter.Cut?
        var k = 0
        while k < bytes.count {
            if k &+ 8 <= bytes.count {
                // Whether the word holds a quote, line feed or carriage return (a byte of one of
                // the three words below that is 0; exact as to whether any is).
                let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let lineFeed = word ^ (ones &* 0x0A)
                let carriageReturn = word ^ (ones &* 0x0D)
                let zero =
                    ((quote &- ones) & ~quote) | ((lineFeed &- ones) & ~lineFeed)
                    | ((carriageReturn &- ones) & ~carriageReturn)
                if zero & highs == 0 {
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
                        cut = InputCutter.Cut(end: k &+ 1, rows: rows, lineFeeds: lineFeeds)
                    }
                case UInt8(ascii: "\r") where k &+ 1 < bytes.count && base[k &+ 1] != UInt8(ascii: "\n"):
                    return nil
                default: break
                }
                k &+= 1
            }
        }
        return cut
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
