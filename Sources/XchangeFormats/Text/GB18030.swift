import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// GB18030 (a superset of GBK and GB2312) to Unicode, through the C library's iconv on Linux
/// and CoreFoundation on Apple platforms.
enum GB18030 {
    /// The text, or nil when the bytes are not valid GB18030.
    static func decode(_ bytes: [UInt8]) -> String? {
        #if canImport(Glibc)
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress
                var inLeft = inputBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress
                var outLeft = outputBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return nil }
                return outputBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(validating: output.prefix(converted).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        let encoding = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))
        return String(data: Data(bytes), encoding: encoding)
        #endif
    }
}
