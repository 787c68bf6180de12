import XchangeCore

/// Reads CSV records from an input in chunks: detects or applies the encoding, transcodes to
/// UTF-8 when needed, and runs the tokenizer. Never holds more than a chunk of the input.
final class CSVRecordReader {
    static let chunkSize = 1 << 20

    /// The next bytes of the input, up to a count; none at the end.
    typealias ChunkSource = (Int) throws(Diagnostic) -> [UInt8]
    private let readChunk: ChunkSource
    /// The input's path, for diagnostics (nil for standard input), and the name they show.
    private let path: String?
    let fileName: String
    private let forcedEncoding: TextEncoding?
    private(set) var delimiter: UInt8?
    // Read on one thread, once per record: no run-time exclusivity checks, which cost more
    // than a short record's scan.
    @exclusivity(unchecked) private var tokenizer = CSVTokenizer()
    private var transcoder: IconvTranscoder?
    @exclusivity(unchecked) private var chunk: [UInt8] = []
    @exclusivity(unchecked) private var position = 0
    private var started = false
    private var atEnd = false
    private var pendingError: IconvTranscoder.InvalidInput?
    /// Length of the byte-order mark skipped, so byte offsets count from the file's start.
    private var bomLength = 0
    private(set) var encoding: TextEncoding = .utf8
    /// Whether the first bytes read are plainly UTF-8 text (Chinese in it, well formed), so that
    /// a bad byte later is damage, not a sign that the file is in GB18030.
    private var startsAsUTF8Text = false
    /// Names column `index` (0-based) in messages; set once the header is known.
    var columnName: (Int) -> String = { "column \($0 + 1)" }

    /// Where the input starts in a larger one (a piece of it): its first line, how many
    /// records came before, and how many bytes (so that byte offsets in errors are the file's).
    private let firstLine: Int
    private let rowsBefore: Int
    private let firstByte: Int

    convenience init(
        input: InputSource, encoding: TextEncoding?, delimiter: UInt8?, firstLine: Int = 1, rowsBefore: Int = 0
    ) {
        self.init(
            path: input.path, fileName: input.displayName, encoding: encoding, delimiter: delimiter,
            firstLine: firstLine, rowsBefore: rowsBefore
        ) { (count) throws(Diagnostic) in try input.read(upTo: count) }
    }

    /// Reads what `read` hands out, as the input at `path` (named `fileName` in messages).
    init(
        path: String?, fileName: String, encoding: TextEncoding?, delimiter: UInt8?, firstLine: Int = 1,
        rowsBefore: Int = 0, firstByte: Int = 0, read: @escaping ChunkSource
    ) {
        self.readChunk = read
        self.path = path
        self.fileName = fileName
        self.forcedEncoding = encoding
        self.delimiter = delimiter
        self.firstLine = firstLine
        self.rowsBefore = rowsBefore
        self.firstByte = firstByte
    }

    /// The record last returned by ``next()``.
    var record: CSVRecord { tokenizer.record }

    /// Whether the input held no bytes at all.
    private(set) var isEmptyInput = false

    /// Moves to the next record; false at the end of the input.
    func next() throws(Diagnostic) -> Bool {
        while true {
            if position < chunk.count {
                let end = chunk.withUnsafeBufferPointer { tokenizer.next(in: $0, from: position) }
                if let end {
                    position = end
                    return true
                }
                position = chunk.count
            }
            if let pendingError { throw invalidBytes(pendingError) }
            if atEnd {
                do {
                    return try tokenizer.finish()
                } catch {
                    switch error {
                    case .unclosedQuote(let row, let field, let line):
                        throw Diagnostic.error(
                            "csv.unclosed-quote",
                            "row \(row), \(columnName(field)): the quoted cell opened on line \(line) is never closed (the input ends inside it)",
                            at: SourceReference(file: path, line: line))
                    }
                }
            }
            try refill()
        }
    }

    /// Reads and decodes the next chunk.
    private func refill() throws(Diagnostic) {
        // The chunk before is spent, whether its last record ended inside it or at its end.
        tokenizer.advance(by: chunk.count)
        var raw: [UInt8]
        raw = try readChunk(Self.chunkSize)
        if !started {
            started = true
            raw = try start(with: raw)
        }
        position = 0
        guard let transcoder else {
            chunk = raw
            if raw.isEmpty { atEnd = true }
            return
        }
        chunk.removeAll(keepingCapacity: true)
        do {
            if raw.isEmpty {
                atEnd = true
                try transcoder.finish(into: &chunk)
            } else {
                try transcoder.convert(raw, into: &chunk)
            }
        } catch {
            pendingError = IconvTranscoder.InvalidInput(
                offset: firstByte + error.offset + bomLength, bytes: error.bytes, truncated: error.truncated)
        }
    }

    /// Settles the encoding and delimiter from the first chunk; returns it without any BOM.
    private func start(with head: [UInt8]) throws(Diagnostic) -> [UInt8] {
        if head.isEmpty { isEmptyInput = true }
        // A byte-order mark is one only at the start of the file, not of a piece of it.
        let bom = firstByte == 0 ? EncodingDetector.byteOrderMark(head) : nil
        encoding = forcedEncoding ?? EncodingDetector.detect(head).encoding
        if encoding == .gbk { encoding = .gb18030 }
        // A mark that agrees with the forced encoding is still only a mark.
        if let bom, bom.encoding == encoding { bomLength = bom.bomLength }
        if encoding != .utf8 {
            transcoder = try IconvTranscoder(from: encoding.iconvName, to: "UTF-8")
        }
        let body = Array(head[bomLength...])
        if encoding == .utf8 {
            startsAsUTF8Text = body.withUnsafeBufferPointer {
                EncodingDetector.startsAsUTF8Text(UnsafeBufferPointer(rebasing: $0.prefix(64 * 1024)))
            }
        }
        if delimiter == nil { delimiter = Self.sniffDelimiter(body, path: path) }
        tokenizer = CSVTokenizer(
            delimiter: delimiter ?? UInt8(ascii: ","), line: firstLine, rowsCompleted: rowsBefore, offset: firstByte)
        return body
    }

    /// Tab for `.tsv` files or a first line with more tabs than commas, else comma.
    /// (On UTF-16 input the first line is not yet decoded; tabs and commas still show as bytes.)
    static func sniffDelimiter(_ head: [UInt8], path: String?) -> UInt8 {
        if let path, path.lowercased().hasSuffix(".tsv") { return UInt8(ascii: "\t") }
        var tabs = 0
        var commas = 0
        for byte in head.prefix(64 * 1024) {
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\t") { tabs += 1 } else if byte == UInt8(ascii: ",") { commas += 1 }
        }
        return tabs > commas ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }

    private func invalidBytes(_ error: IconvTranscoder.InvalidInput) -> Diagnostic {
        let (row, field) = tokenizer.position
        let hex = error.bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
        let what =
            error.truncated
            ? "the input ends inside a multibyte character" : "bytes \(hex) are not valid \(encoding.iconvName)"
        return Diagnostic.error(
            "csv.encoding",
            "row \(row), \(columnName(field)): \(what) (byte offset \(error.offset)); name the file's encoding with --option encoding=utf-8|gb18030",
            at: SourceReference(file: path, line: tokenizer.line))
    }

    /// An error for a cell whose bytes are not UTF-8.
    func cellError(_ error: CSVCellError, row: Int, field: Int) -> Diagnostic {
        switch error {
        case .invalidUTF8(let offset, let bytes):
            let hex = bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
            let looksGB = bytes.first.map { $0 >= 0x81 && $0 <= 0xFE } ?? false
            let hint =
                encoding == .utf8 && looksGB && !startsAsUTF8Text
                ? "; the file looks like GB18030 (what Excel saves on a Chinese system): read it with --option encoding=gb18030"
                : ""
            return Diagnostic.error(
                "csv.encoding",
                "row \(row), \(columnName(field)): invalid UTF-8 at byte offset \(offset + bomLength) (bytes \(hex))\(hint)",
                at: SourceReference(file: path, line: record.line))
        }
    }

    /// The text of a field of the current record, with encoding errors located.
    func string(_ field: Int) throws(Diagnostic) -> String {
        do { return try tokenizer.record.string(field) } catch {
            throw cellError(error, row: tokenizer.record.row, field: field)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
