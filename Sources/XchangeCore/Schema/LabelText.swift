/// Normalises Chinese labels so that the variants published reports print match the official
/// ones: full-width ASCII folded to half width, all whitespace removed, Chinese and straight
/// quotes unified, brackets unified, 、 read as the `.` that numbers rows.
public enum LabelText {
    /// The comparison form of a label.
    public static func normalized(_ label: some StringProtocol) -> String {
        // Visible ASCII (a canonical key, a number) has nothing to fold.
        if label.utf8.allSatisfy({ (0x21..<0x7F).contains($0) }) { return String(label) }
        // Folded straight into the new string's storage: no scalar folds to a longer encoding,
        // so the label's own length is room enough (appending scalar by scalar to a string
        // costs several times as much, and every label of the schema and every heading read
        // is normalized).
        return String(unsafeUninitializedCapacity: label.utf8.count) { buffer in
            var count = 0
            for scalar in label.unicodeScalars {
                guard let folded = fold(scalar) else { continue }
                UTF8.encode(folded) { byte in
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// One scalar in comparison form, or nil for whitespace: what ``normalized(_:)`` makes of it.
    @inlinable
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        // Most of a report's scalars are Han characters or printable ASCII, which fold to
        // themselves: answered before the cases below are tried one by one.
        if (0x3016..<0xFEFF).contains(value) || (0x21..<0x7F).contains(value) { return scalar }
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20, 0x3000, 0xA0, 0x200B, 0xFEFF:
            return nil  // whitespace: reports break labels anywhere ("规 章", "商业 企业")
        case 0xFF01...0xFF5E:
            return Unicode.Scalar(value - 0xFEE0)  // full width → ASCII
        case 0x201C, 0x201D, 0x300C, 0x300D:
            return "\""
        case 0x2018, 0x2019:
            return "'"
        case 0x3001, 0x3002:
            return "."  // "1、属于" and "1.属于" number the same row
        case 0x3010, 0x3014:
            return "("
        case 0x3011, 0x3015:
            return ")"
        case 0x2014, 0x2013, 0x2015, 0x2012:
            return "-"
        default:
            return scalar
        }
    }
}
