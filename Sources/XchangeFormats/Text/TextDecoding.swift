import Foundation
import XchangeCore

/// Turns a report text file's bytes into text: UTF-8 (with or without a byte-order mark),
/// UTF-16 with a byte-order mark, or GB18030 — the encoding of many older Chinese government
/// pages — as ``EncodingDetector`` decides. Anything else (binary data, an empty file) is an
/// error that says what was found, and where the first byte that shows it is.
///
/// The text comes out as the Unicode scalars the reader works on, decoded from UTF-8 in the
/// same pass that checks it (GB18030 and UTF-16 are converted to UTF-8 first).
enum TextDecoding {
    static func decode(_ bytes: [UInt8], file: String?) throws(Diagnostic) -> [Unicode.Scalar] {
        let location = SourceReference(file: file)
        guard !bytes.isEmpty else {
            throw .error("text.empty", "the file is empty; a report text was expected", at: location)
        }
        // Without a byte-order mark, the text is UTF-8 when it decodes as UTF-8 (what
        // ``EncodingDetector/detect(_:isComplete:)`` decides), so decoding it is the test:
        // the bytes are not checked once for the choice and again for the text.
        let detection: EncodingDetector.Detection
        var decodedUTF8: [Unicode.Scalar]?
        if let bom = EncodingDetector.byteOrderMark(bytes) {
            detection = bom
        } else {
            decodedUTF8 = bytes.withUnsafeBufferPointer(UTF8Scalars.decode)
            if decodedUTF8 == nil, bytes.withUnsafeBufferPointer(EncodingDetector.startsAsUTF8Text) {
                // Read as GB18030, UTF-8 with damage in it would be refused far from the damage
                // or read as mojibake.
                throw notUTF8(bytes, from: 0, file: file, saying: "the file is UTF-8 text, but")
            }
            detection = EncodingDetector.Detection(encoding: decodedUTF8 == nil ? .gb18030 : .utf8, bomLength: 0)
        }
        if detection.encoding != .utf16, let nul = firstNUL(in: bytes) {
            throw .error(
                "text.binary", "the file holds binary data (NUL bytes), not a report text",
                at: position(of: nul, in: bytes, file: file))
        }
        let body = bytes.dropFirst(detection.bomLength)
        // The text's UTF-8 bytes: the file's own, or what they were converted to.
        let utf8: ArraySlice<UInt8>?
        switch detection.encoding {
        case .utf8: utf8 = body
        case .gb18030, .gbk, .utf16:
            utf8 = IconvTranscoder.convert(body, from: detection.encoding.iconvName, to: "UTF-8")?[...]
        }
        let text = decodedUTF8 ?? utf8?.withUnsafeBufferPointer(UTF8Scalars.decode)
        guard let text, let utf8, !text.isEmpty else {
            if detection.encoding == .utf16 {
                var start = location
                start.line = 1
                throw .error("text.encoding", "the file is not UTF-16 text, as its byte-order mark says", at: start)
            }
            throw notUTF8(
                bytes, from: detection.bomLength, file: file, saying: "the file is not UTF-8 or GB18030 text:")
        }
        try utf8.withUnsafeBufferPointer { (bytes) throws(Diagnostic) in try checkNotBinary(bytes, location: location) }
        return text
    }

    /// The error for the first byte after `start` that is not UTF-8, at its line and column.
    private static func notUTF8(_ bytes: [UInt8], from start: Int, file: String?, saying lead: String) -> Diagnostic {
        let offset = start + firstInvalidUTF8(bytes[start...])
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return .error(
            "text.encoding", "\(lead) byte \(offset) (0x\(hex)) is not UTF-8",
            at: position(of: offset, in: bytes, file: file))
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence (the last byte
    /// when all are valid).
    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return max(0, bytes.count - 1)
            }
        }
    }

    /// The line and column of a byte offset, so that a file refused as a whole still points at
    /// the first place that shows why.
    private static func position(of offset: Int, in bytes: [UInt8], file: String?) -> SourceReference {
        let head = bytes[..<offset]
        let line = head.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = head.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return SourceReference(file: file, line: line, column: column)
    }

    /// The offset of the first NUL byte (`memchr`: it reads a word or more at a time).
    private static func firstNUL(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Whether the bytes hold a control byte other than tab, line feed and carriage return,
    /// tested eight bytes at a time: a report text nearly never does, and is then not counted.
    private static func holdsControlBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // A byte below 0x20 sets its high bit here (exact as to whether any does).
            if (word &- ones &* 0x20) & ~word & highs != 0,
                bytes[offset..<offset + 8].contains(where: isControlByte)
            {
                return true
            }
            offset += 8
        }
        return bytes[offset...].contains(where: isControlByte)
    }

    private static func isControlByte(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09
    }

    /// Rejects text that decodes but is mostly control characters (a binary file that happened
    /// to be valid in some encoding), given its UTF-8 bytes.
    private static func checkNotBinary(
        _ bytes: UnsafeBufferPointer<UInt8>, location: SourceReference
    ) throws(Diagnostic) {
        guard holdsControlBytes(bytes) else { return }
        // Counted on the UTF-8 bytes: every scalar has one byte that is not a continuation byte,
        // and control characters are single bytes.
        var control = 0
        var total = 0
        for byte in bytes where byte & 0xC0 != 0x80 {
            total += 1
            if isControlByte(byte) { control += 1 }
        }
        if total > 0, control * 20 > total {
            var atStart = location
            atStart.line = 1
            throw .error("text.binary", "the file holds binary data, not a report text", at: atStart)
        }
    }
}
