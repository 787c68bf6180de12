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
    private let delimiter: UInt8
    private let lineEnd: [UInt8]
    // Only this writer's own thread touches its state, field after field: the run-time
    // exclusivity checks on every append cost more than the appends.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var transcoded: [UInt8] = []
    @exclusivity(unchecked) private var fieldsInRow = 0

    init(sink: OutputSink, encoding: TextEncoding, bom: Bool, delimiter: UInt8, crlf: Bool) throws(Diagnostic) {
        self.sink = sink
        self.delimiter = delimiter
        self.lineEnd = crlf ? [0x0D, 0x0A] : [0x0A]
        self.encodingName = encoding.iconvName
        switch encoding {
        case .utf8:
            transcoder = nil
            if bom { buffer.append(contentsOf: TextEncoding.utf8BOM) }
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
        buffer.reserveCapacity(Self.flushSize * 2)
    }

    /// Appends a field, quoting it when it holds a delimiter, quote or line break, or
    /// starts or ends with a space (which spreadsheet programs would otherwise trim).
    func field(_ text: String) {
        var text = text
        text.withUTF8 { field(bytes: $0) }
    }

    func field(bytes: UnsafeBufferPointer<UInt8>) {
        if fieldsInRow > 0 { buffer.append(delimiter) }
        fieldsInRow += 1
        guard needsQuotes(bytes) else {
            buffer.append(contentsOf: bytes)
            return
        }
        let quote = UInt8(ascii: "\"")
        buffer.append(quote)
        var from = 0
        for index in 0..<bytes.count where bytes[index] == quote {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...index]))
            buffer.append(quote)
            from = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...]))
        buffer.append(quote)
    }

    /// Appends an empty field.
    func emptyField() {
        if fieldsInRow > 0 { buffer.append(delimiter) }
        fieldsInRow += 1
    }

    /// Appends `count` empty fields.
    func emptyFields(_ count: Int) {
        guard count > 0 else { return }
        let separators = fieldsInRow > 0 ? count : count - 1
        if separators > 0 { buffer.append(contentsOf: repeatElement(delimiter, count: separators)) }
        fieldsInRow += count
    }

    func endRow() throws(Diagnostic) {
        buffer.append(contentsOf: lineEnd)
        fieldsInRow = 0
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// A whole row of text fields.
    func row(_ fields: [String]) throws(Diagnostic) {
        for text in fields { field(text) }
        try endRow()
    }

    func flush() throws(Diagnostic) {
        guard !buffer.isEmpty else { return }
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
        buffer.removeAll(keepingCapacity: true)
    }

    private func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first == 0x20 || bytes[bytes.count - 1] == 0x20 { return true }
        for byte in bytes where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { return true }
        return false
    }
}
