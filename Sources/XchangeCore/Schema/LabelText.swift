/// Normalises Chinese labels so that the variants published reports print match the official
/// ones: full-width ASCII folded to half width, all whitespace removed, Chinese and straight
/// quotes unified, brackets unified, 、 read as the `.` that numbers rows.
public enum LabelText {
    /// The comparison form of a label.
    public static func normalized(_ label: some StringProtocol) -> String {
        // Visible ASCII (a canonical key, a number) has nothing to fold.
        if label.utf8.allSatisfy({ (0x21..<0x7F).contains($0) }) { return String(label) }
        var scalars = String.UnicodeScalarView()
        for scalar in label.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x09, 0x0A, 0x0D, 0x20, 0x3000, 0xA0, 0x200B, 0xFEFF:
                continue  // whitespace: reports break labels anywhere ("规 章", "商业 企业")
            case 0xFF01...0xFF5E:
                scalars.append(Unicode.Scalar(value - 0xFEE0)!)  // full width → ASCII
            case 0x201C, 0x201D, 0x300C, 0x300D:
                scalars.append("\"")
            case 0x2018, 0x2019:
                scalars.append("'")
            case 0x3001, 0x3002:
                scalars.append(".")  // "1、属于" and "1.属于" number the same row
            case 0x3010, 0x3014:
                scalars.append("(")
            case 0x3011, 0x3015:
                scalars.append(")")
            case 0x2014, 0x2013, 0x2015, 0x2012:
                scalars.append("-")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
