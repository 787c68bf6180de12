import XchangeCore

/// The character encodings files arrive in: UTF-8 (with or without a byte-order mark), and the
/// GB18030 family that Excel and WPS write on a Chinese system ("ANSI", GBK, GB2312).
enum TextEncoding: String, Hashable, Sendable {
    case utf8 = "utf-8"
    /// GB18030, a superset of GBK and GB2312: reading any of them as GB18030 is exact.
    case gb18030
    /// GBK, for writing files that older tools read; reading treats it as GB18030.
    case gbk
    /// UTF-16 with a byte-order mark (Excel's "Unicode text"), read only.
    case utf16

    /// The name iconv knows the encoding by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .gbk: "GBK"
        case .utf16: "UTF-16"
        }
    }

    /// The encoding an `encoding=` option names; nil for `auto`. Accepts the usual spellings.
    static func named(_ name: String) throws(Diagnostic) -> TextEncoding? {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "auto", "": return nil
        case "utf-8", "utf8", "utf-8-sig": return .utf8
        case "gb18030", "gb-18030", "cp54936": return .gb18030
        case "gbk", "cp936", "gb2312", "ansi": return .gbk
        case "utf-16", "utf16", "utf-16le", "utf-16be", "unicode": return .utf16
        default:
            throw Diagnostic.error(
                "csv.encoding", "unknown encoding \"\(name)\"; use auto, utf-8, gb18030 or gbk")
        }
    }

    /// The UTF-8 byte-order mark.
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// U+FEFF in GB18030.
    static let gb18030BOM: [UInt8] = [0x84, 0x31, 0x95, 0x33]
}
