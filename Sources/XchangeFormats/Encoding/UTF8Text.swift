#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes `String`s from bytes that must be well-formed UTF-8.
///
/// `String(validating:as:)` is not specialized for byte buffers and pays for generic metadata
/// on every call; `String(decoding:as:)` is fast but repairs bad bytes silently. Decoding and
/// then comparing the result with the input gives the strict answer at the fast price: a
/// repair always changes the bytes (a replacement character is inserted where an ill-formed
/// sequence was), so equal bytes mean the input was well-formed.
enum UTF8Text {
    /// The bytes as text; nil when they are not well-formed UTF-8.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let intact = text.withUTF8 { decoded in
            decoded.count == bytes.count
                && (bytes.isEmpty || memcmp(decoded.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return intact ? text : nil
    }

    /// The bytes as text; nil when they are not well-formed UTF-8.
    static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
