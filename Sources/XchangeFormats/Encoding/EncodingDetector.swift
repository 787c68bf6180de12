/// Decides how a file is encoded from its first bytes (CSV) or all of them (report text).
///
/// A byte-order mark decides outright. Without one, text that is valid UTF-8 is UTF-8 and
/// anything else is taken as GB18030: Excel and WPS on a Chinese system save "CSV" in the
/// system code page (GBK), whose Chinese characters are almost never valid UTF-8.
///
/// Text that is UTF-8 up to a damaged byte is UTF-8 all the same, when at least
/// ``damagedUTF8Evidence`` characters of three or more bytes came out well formed before it.
/// GB18030 Chinese holds a well-formed three-byte UTF-8 sequence by chance about once in sixty
/// characters, and a byte that is not UTF-8 within the first few, so four of them before the
/// first bad byte do not happen by chance. Read as GB18030, such a file would be refused far
/// from the damage, or worse, read as mojibake; read as UTF-8, the damage is reported where it
/// is.
enum EncodingDetector {
    /// How many well-formed UTF-8 characters of three or more bytes before the first byte that
    /// is not UTF-8 make the text UTF-8 with a damaged byte rather than GB18030.
    static let damagedUTF8Evidence = 4

    struct Detection: Equatable {
        let encoding: TextEncoding
        /// Length of the byte-order mark to skip.
        let bomLength: Int
    }

    /// The encoding of a stream starting with `head`. With `isComplete`, `head` is the whole
    /// input, so a multibyte sequence cut off at its end is not UTF-8.
    static func detect(_ head: [UInt8], isComplete: Bool = false) -> Detection {
        if let bom = byteOrderMark(head) { return bom }
        let isUTF8 = head.withUnsafeBufferPointer { bytes in
            invalidUTF8Offset(in: bytes, allowTruncatedEnd: !isComplete) == nil || startsAsUTF8Text(bytes)
        }
        return Detection(encoding: isUTF8 ? .utf8 : .gb18030, bomLength: 0)
    }

    /// Whether `bytes` begin as UTF-8 text: at least ``damagedUTF8Evidence`` characters of three
    /// or more bytes are well formed before any byte that is not UTF-8. (A start of ASCII alone
    /// says nothing either way.)
    static func startsAsUTF8Text(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var wideCharacters = 0
        _ = invalidUTF8Offset(in: bytes, allowTruncatedEnd: true) { length in
            if length >= 3 { wideCharacters += 1 }
            return wideCharacters < damagedUTF8Evidence
        }
        return wideCharacters >= damagedUTF8Evidence
    }

    /// The encoding a byte-order mark at the start announces.
    static func byteOrderMark(_ head: [UInt8]) -> Detection? {
        if head.starts(with: TextEncoding.utf8BOM) { return Detection(encoding: .utf8, bomLength: 3) }
        if head.starts(with: TextEncoding.gb18030BOM) { return Detection(encoding: .gb18030, bomLength: 4) }
        // iconv's UTF-16 reads the mark itself to learn the byte order.
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return Detection(encoding: .utf16, bomLength: 0)
        }
        return nil
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, if any.
    static func invalidUTF8Offset(in bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
        invalidUTF8Offset(in: bytes, allowTruncatedEnd: allowTruncatedEnd) { _ in true }
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, if any; `goOn` sees
    /// the length of each well-formed multibyte character and stops the scan (with nil) when it
    /// answers false.
    @inline(__always)
    private static func invalidUTF8Offset(
        in bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool, goOn: (Int) -> Bool
    ) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: return index
            }
            for next in 1..<length {
                guard index + next < count else { return allowTruncatedEnd ? nil : index }
                let byte = bytes[index + next]
                let (low, high) = next == 1 ? (lower, upper) : (0x80, 0xBF)
                guard byte >= low, byte <= high else { return index }
            }
            guard goOn(length) else { return nil }
            index += length
        }
        return nil
    }
}
