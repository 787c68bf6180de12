import Foundation
import XchangeCore

/// Turns a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or GB18030 — the encoding of many older Chinese government pages.
/// Anything else (binary data, an empty file) is an error that says what was found.
enum TextDecoding {
    static func decode(_ bytes: [UInt8], file: String?) throws(Diagnostic) -> String {
        let location = SourceReference(file: file)
        guard !bytes.isEmpty else { throw .error("text.empty", "the file is empty; a report text was expected", at: location) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
            let text = String(data: Data(bytes), encoding: .utf16) {
            return try checked(text, location: location)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let nul = bytes.firstIndex(of: 0) {
            throw .error(
                "text.binary", "the file holds binary data (NUL bytes), not a report text",
                at: position(of: nul, in: bytes, file: file))
        }
        if let text = String(validating: body, as: UTF8.self) { return try checked(text, location: location) }
        if let text = GB18030.decode(body), !text.isEmpty {
            return try checked(text, location: location)
        }
        let offset = firstInvalidUTF8(body) + (body.count < bytes.count ? 3 : 0)
        throw .error(
            "text.encoding",
            "the file is neither UTF-8 nor GB18030 text: byte \(offset) (0x\(String(bytes[offset], radix: 16, uppercase: true))) is not UTF-8",
            at: position(of: offset, in: bytes, file: file))
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
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

    /// Rejects text that decodes but is mostly control characters (a binary file that happened
    /// to be valid in some encoding).
    private static func checked(_ text: String, location: SourceReference) throws(Diagnostic) -> String {
        var control = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            if scalar.value < 0x20, scalar != "\n", scalar != "\r", scalar != "\t" { control += 1 }
        }
        if total > 0, control * 20 > total {
            var atStart = location
            atStart.line = 1
            throw .error("text.binary", "the file holds binary data, not a report text", at: atStart)
        }
        return text
    }
}
