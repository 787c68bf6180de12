import XchangeCore

/// Turns a report text file's bytes into text: UTF-8 (with or without a byte-order mark),
/// UTF-16 with a byte-order mark, or GB18030 — the encoding of many older Chinese government
/// pages — as ``EncodingDetector`` decides. Anything else (binary data, an empty file) is an
/// error that says what was found.
enum TextDecoding {
    static func decode(_ bytes: [UInt8], file: String?) throws(Diagnostic) -> String {
        let location = SourceReference(file: file)
        guard !bytes.isEmpty else {
            throw .error("text.empty", "the file is empty; a report text was expected", at: location)
        }
        let detection = EncodingDetector.detect(bytes, isComplete: true)
        if detection.encoding != .utf16, bytes.contains(0) {
            throw .error("text.binary", "the file holds binary data (NUL bytes), not a report text", at: location)
        }
        let body = bytes.dropFirst(detection.bomLength)
        let text: String?
        switch detection.encoding {
        case .utf8: text = body.withUnsafeBufferPointer { UTF8Text.string($0) }
        case .gb18030, .gbk, .utf16:
            let utf8 = IconvTranscoder.convert(body, from: detection.encoding.iconvName, to: "UTF-8")
            text = utf8.flatMap(UTF8Text.string)
        }
        guard let text, !text.isEmpty else {
            let message =
                detection.encoding == .utf16
                ? "the file starts with a UTF-16 byte-order mark but is not UTF-16 text"
                : "the file is neither UTF-8 nor GB18030 text"
            throw .error("text.encoding", message, at: location)
        }
        return try checked(text, location: location)
    }

    /// Rejects text that decodes but is mostly control characters (a binary file that happened
    /// to be valid in some encoding).
    private static func checked(_ text: String, location: SourceReference) throws(Diagnostic) -> String {
        // Counted on the UTF-8 bytes: every scalar has one byte that is not a continuation byte,
        // and control characters are single bytes.
        var control = 0
        var total = 0
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes where byte & 0xC0 != 0x80 {
                total += 1
                if byte < 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { control += 1 }
            }
        }
        if total > 0, control * 20 > total {
            throw .error("text.binary", "the file holds binary data, not a report text", at: location)
        }
        return text
    }
}
