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
        if bytes.contains(0) {
            throw .error("text.binary", "the file holds binary data (NUL bytes), not a report text", at: location)
        }
        if let text = String(validating: body, as: UTF8.self) { return try checked(text, location: location) }
        if let text = GB18030.decode(body), !text.isEmpty {
            return try checked(text, location: location)
        }
        throw .error("text.encoding", "the file is neither UTF-8 nor GB18030 text", at: location)
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
            throw .error("text.binary", "the file holds binary data, not a report text", at: location)
        }
        return text
    }
}
