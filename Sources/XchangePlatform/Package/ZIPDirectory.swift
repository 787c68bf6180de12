/// The end-of-central-directory record of a ZIP file, read straight from its bytes, so that a
/// truncated or non-ZIP file is told apart and named before the ZIP library sees it, and so
/// that entries the library cannot read are noticed rather than skipped.
struct ZIPDirectory {
    /// The number of entries the directory declares.
    let entryCount: Int
    /// Whether the directory is in ZIP64 form (counts and offsets elsewhere).
    let isZIP64: Bool

    private static let localHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let endRecord: [UInt8] = [0x50, 0x4B, 0x05, 0x06]

    init(_ bytes: [UInt8]) throws(PackageError) {
        guard bytes.count >= 4, Array(bytes[0..<4]) == Self.localHeader || Array(bytes[0..<4]) == Self.endRecord else {
            throw PackageError(code: "package.not-zip", message: "not a ZIP file (a submission package is a .zip)")
        }
        guard let end = Self.findEndRecord(bytes) else {
            throw PackageError(
                code: "package.truncated", message: "the ZIP file is truncated: its central directory is missing")
        }
        let count = Self.uint16(bytes, end + 10)
        let size = Self.uint32(bytes, end + 12)
        let offset = Self.uint32(bytes, end + 16)
        isZIP64 = count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF
        guard isZIP64 || offset + size <= end else {
            throw PackageError(
                code: "package.truncated",
                message: "the ZIP file is truncated or damaged: its central directory lies outside the file")
        }
        entryCount = count
    }

    /// The offset of the end record: searched backwards over the longest possible comment.
    private static func findEndRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var offset = bytes.count - 22
        while offset >= lowest {
            if bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 0x05, bytes[offset + 3] == 0x06,
                offset + 22 + uint16(bytes, offset + 20) <= bytes.count
            {
                return offset
            }
            offset -= 1
        }
        return nil
    }

    private static func uint16(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ at: Int) -> Int {
        uint16(bytes, at) | uint16(bytes, at + 2) << 16
    }
}
