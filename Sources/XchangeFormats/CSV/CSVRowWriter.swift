import XchangeCore

/// Writes CSV rows into an output: RFC 4180 quoting, CR LF or LF line ends, optional UTF-8
/// byte-order mark, UTF-8 or GB18030/GBK output.
///
/// Rows are appended to a byte buffer and handed to the sink in chunks of 64 KB or more, so a
/// row costs no system call; GB output is transcoded chunk by chunk on the way out.
final class CSVRowWriter {
    static let flushSize = 1 << 16

    private let sink: OutputSink
    private let transcoder: IconvTranscoder?
    private let encodingName: String
    /// The byte between fields (a comma, semicolon or tab: ASCII, so the same in every encoding).
    let delimiter: UInt8
    private let lineEnd: [UInt8]
    /// A writer that only renders rows into memory, for another writer to append.
    private let renders: Bool
    // Only this writer's own thread touches its state, field after field: the run-time
    // exclusivity checks on every append cost more than the appends. The row bytes live in
    // memory the writer owns, so that appending a field is a bounds check and a copy, with no
    // copy-on-write check.
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity = CSVRowWriter.flushSize * 2
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var transcoded: [UInt8] = []
    @exclusivity(unchecked) private var fieldsInRow = 0

    init(sink: OutputSink, encoding: TextEncoding, bom: Bool, delimiter: UInt8, crlf: Bool) throws(Diagnostic) {
        self.sink = sink
        self.delimiter = delimiter
        self.lineEnd = crlf ? [0x0D, 0x0A] : [0x0A]
        self.encodingName = encoding.iconvName
        renders = false
        storage = .allocate(capacity: capacity)
        switch encoding {
        case .utf8:
            transcoder = nil
            if bom { TextEncoding.utf8BOM.withUnsafeBufferPointer { append($0) } }
        case .gb18030, .gbk:
            transcoder = try IconvTranscoder(from: "UTF-8", to: encoding.iconvName)
            if bom {
                throw Diagnostic.error(
                    "option.value",
                    "bom=true applies to UTF-8 output; GB18030/GBK files carry no byte-order mark (Excel reads them as the system code page)"
                )
            }
        case .utf16:
            throw Diagnostic.error("option.value", "CSV is written as UTF-8, GB18030 or GBK, not UTF-16")
        }
    }

    /// A writer that renders rows as `other` would, into memory, for ``appendRendered(_:)`` on
    /// `other`: the same delimiter and line end, UTF-8 (`other` transcodes what it is handed).
    init(renderingFor other: CSVRowWriter) {
        sink = OutputSink.memory()
        transcoder = nil
        encodingName = TextEncoding.utf8.iconvName
        delimiter = other.delimiter
        lineEnd = other.lineEnd
        renders = true
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// The output this writer writes to.
    var output: OutputSink { sink }

    /// The rows a writer made by ``init(renderingFor:)`` rendered since the last call.
    func rendered() -> [UInt8] {
        defer { count = 0 }
        return Array(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Appends whole rows rendered by a writer made by ``init(renderingFor:)``.
    func appendRendered(_ rows: [UInt8]) throws(Diagnostic) {
        if transcoder == nil, rows.count >= Self.flushSize {
            // Large and already in the output's encoding: no need to pass through the buffer.
            try flush()
            try write(raw: rows)
            return
        }
        rows.withUnsafeBufferPointer { append($0) }
        if count >= Self.flushSize { try flush() }
    }

    /// Writes bytes already in the output's encoding after everything before them.
    func write(raw bytes: some Collection<UInt8>) throws(Diagnostic) {
        try flush()
        do {
            try sink.write(bytes)
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw Diagnostic.error("output.write", "cannot write \(sink.displayName): \(error)")
        }
    }

    /// The bytes of the row being written so far, for ``dropRow(from:)``.
    var rowMark: Int { count }

    /// Takes back the fields appended to the current row since `mark` (``rowMark``): the row
    /// is still in the buffer, since a writer flushes only at the end of a row.
    func dropRow(from mark: Int) {
        count = mark
        fieldsInRow = 0
    }

    /// How many bytes the output holds once everything appended is written.
    func flushedLength() throws(Diagnostic) -> Int {
        try flush()
        return sink.bytesWritten
    }

    /// Appends a field, quoting it when it holds a delimiter, quote or line break, or
    /// starts or ends with a space (which spreadsheet programs would otherwise trim).
    func field(_ text: String) {
        var text = text
        text.withUTF8 { field(bytes: $0) }
    }

    /// The bytes ``field(_:)`` writes for `text`, quoted when it must be: for a cell written on
    /// many rows (a long file's report and key cells), checked once rather than on every row.
    func writtenForm(of text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            guard needsQuotes(bytes) else { return Array(bytes) }
            let quote = UInt8(ascii: "\"")
            var form = [quote]
            for byte in bytes {
                form.append(byte)
                if byte == quote { form.append(quote) }
            }
            form.append(quote)
            return form
        }
    }

    /// Appends a field in the form ``writtenForm(of:)`` gave.
    func field(writtenForm form: [UInt8]) {
        reserve(form.count + 1)
        if fieldsInRow > 0 { put(delimiter) }
        fieldsInRow += 1
        form.withUnsafeBufferPointer { put($0) }
    }

    func field(bytes: UnsafeBufferPointer<UInt8>) {
        // Room for a delimiter, the bytes and two quotes; doubled quotes reserve their own.
        reserve(bytes.count + 3)
        if fieldsInRow > 0 { put(delimiter) }
        fieldsInRow += 1
        guard needsQuotes(bytes) else {
            put(bytes)
            return
        }
        let quote = UInt8(ascii: "\"")
        put(quote)
        var from = 0
        for index in 0..<bytes.count where bytes[index] == quote {
            reserve(bytes.count - from + 3)
            put(UnsafeBufferPointer(rebasing: bytes[from...index]))
            put(quote)
            from = index + 1
        }
        put(UnsafeBufferPointer(rebasing: bytes[from...]))
        put(quote)
    }

    /// Appends an empty field.
    func emptyField() {
        emptyFields(1)
    }

    /// Appends `count` empty fields.
    func emptyFields(_ count: Int) {
        guard count > 0 else { return }
        let separators = fieldsInRow > 0 ? count : count - 1
        if separators > 0 {
            reserve(separators)
            (storage + self.count).update(repeating: delimiter, count: separators)
            self.count += separators
        }
        fieldsInRow += count
    }

    func endRow() throws(Diagnostic) {
        lineEnd.withUnsafeBufferPointer { append($0) }
        fieldsInRow = 0
        if count >= Self.flushSize, !renders { try flush() }
    }

    /// Appends a whole number, which never needs quotes.
    func field(integer value: Int) {
        reserve(21)
        if fieldsInRow > 0 { put(delimiter) }
        fieldsInRow += 1
        DecimalDigits.forEachByte(of: value) { put($0) }
    }

    /// A whole row of text fields.
    func row(_ fields: [String]) throws(Diagnostic) {
        for text in fields { field(text) }
        try endRow()
    }

    func flush() throws(Diagnostic) {
        guard count > 0 else { return }
        let buffer = UnsafeRawBufferPointer(start: storage, count: count)
        do {
            if let transcoder {
                transcoded.removeAll(keepingCapacity: true)
                do {
                    try transcoder.convert(buffer, into: &transcoded)
                } catch {
                    throw Diagnostic.error(
                        "csv.encoding",
                        "a character cannot be written in \(encodingName) (output byte \(error.offset)); write UTF-8 or GB18030 instead"
                    )
                }
                try sink.write(transcoded)
            } else {
                try sink.write(buffer)
            }
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw Diagnostic.error("output.write", "cannot write \(sink.displayName): \(error)")
        }
        count = 0
    }

    @inline(__always)
    private func reserve(_ n: Int) {
        if capacity - count < n { grow(minimum: count + n) }
    }

    private func grow(minimum: Int) {
        let newCapacity = max(capacity * 2, minimum)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Needs one reserved byte.
    @inline(__always)
    private func put(_ byte: UInt8) {
        storage[count] = byte
        count &+= 1
    }

    /// Needs `bytes.count` reserved bytes.
    @inline(__always)
    private func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        (storage + count).update(from: base, count: bytes.count)
        count &+= bytes.count
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        put(bytes)
    }

    private func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first == 0x20 || bytes[bytes.count - 1] == 0x20 { return true }
        // Eight bytes at a time: a byte equal to one of the four makes its lane of `x ^ pattern`
        // zero, which the usual zero-byte test finds.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let delimiters = ones &* UInt64(delimiter)
        let quotes = ones &* 0x22
        let lineFeeds = ones &* 0x0A
        let returns = ones &* 0x0D
        var index = 0
        if let base = bytes.baseAddress {
            while bytes.count - index >= 8 {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let a = word ^ delimiters
                let b = word ^ quotes
                let c = word ^ lineFeeds
                let d = word ^ returns
                let special =
                    ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c) | ((d &- ones) & ~d)
                if special & highs != 0 { return true }
                index &+= 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { return true }
            index &+= 1
        }
        return false
    }
}
