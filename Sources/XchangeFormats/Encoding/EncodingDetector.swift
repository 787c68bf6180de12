/// Decides how a file is encoded from its first bytes (CSV) or all of them (report text).
///
/// A byte-order mark decides outright. Without one, text that is valid UTF-8 is UTF-8 and
/// anything else is taken as GB18030: Excel and WPS on a Chinese system save "CSV" in the
/// system code page (GBK), whose Chinese characters are almost never valid UTF-8.
enum EncodingDetector {
    struct Detection: Equatable {
        let encoding: TextEncoding
        /// Length of the byte-order mark to skip.
        let bomLength: Int
    }

    /// The encoding of a stream starting with `head`. With `isComplete`, `head` is the whole
    /// input, so a multibyte sequence cut off at its end is not UTF-8.
    static func detect(_ head: [UInt8], isComplete: Bool = false) -> Detection {
        if let bom = byteOrderMark(head) { return bom }
        return Detection(encoding: isUTF8(head, allowTruncatedEnd: !isComplete) ? .utf8 : .gb18030, bomLength: 0)
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

    /// Whether the bytes are well-formed UTF-8. With `allowTruncatedEnd`, a sequence cut off by
    /// the end of the buffer (a read boundary) does not count against it.
    static func isUTF8(_ bytes: [UInt8], allowTruncatedEnd: Bool) -> Bool {
        bytes.withUnsafeBufferPointer { invalidUTF8Offset(in: $0, allowTruncatedEnd: allowTruncatedEnd) == nil }
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, if any.
    static func invalidUTF8Offset(in bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
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
            index += length
        }
        return nil
    }
}
