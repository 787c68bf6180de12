/// Character references: `&nbsp;`, `&amp;`, `&#12345;`, `&#x4E00;` and the named entities
/// government pages use. Unknown references stay as written.
enum HTMLEntities {
    static let named: [String: Unicode.Scalar] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "middot": "\u{B7}", "hellip": "\u{2026}",
        "times": "\u{D7}", "divide": "\u{F7}", "yen": "\u{A5}", "copy": "\u{A9}", "reg": "\u{AE}",
        "emsp": "\u{2003}", "ensp": "\u{2002}", "thinsp": "\u{2009}", "ideographicspace": "\u{3000}",
        "laquo": "\u{AB}", "raquo": "\u{BB}", "deg": "\u{B0}", "plusmn": "\u{B1}", "permil": "\u{2030}",
    ]

    static func decode(_ text: String) -> String {
        // A byte test: Foundation's `contains` on strings costs more than decoding the value.
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var output = String.UnicodeScalarView()
        decode(Array(text.unicodeScalars)[...], into: &output)
        return String(output)
    }

    /// Appends `scalars` with references decoded.
    static func decode<Output: RangeReplaceableCollection<Unicode.Scalar>>(
        _ scalars: ArraySlice<Unicode.Scalar>, into output: inout Output
    ) {
        // Most runs of text hold no reference: appended whole, not scalar by scalar.
        guard let firstReference = scalars.firstIndex(of: "&") else {
            output.append(contentsOf: scalars)
            return
        }
        output.append(contentsOf: scalars[..<firstReference])
        var index = firstReference
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar == "&", let (decoded, end) = reference(scalars, at: index) else {
                output.append(scalar)
                index += 1
                continue
            }
            output.append(decoded)
            index = end
        }
    }

    private static func reference(_ scalars: ArraySlice<Unicode.Scalar>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        var name = ""
        while index < scalars.endIndex, index - start <= 32, scalars[index] != ";" {
            let scalar = scalars[index]
            guard scalar.isASCII, scalar.properties.isAlphabetic || Scalars.isDigit(scalar) || scalar == "#" else {
                return nil
            }
            name.unicodeScalars.append(scalar)
            index += 1
        }
        guard index < scalars.endIndex, scalars[index] == ";", !name.isEmpty else { return nil }
        if name.hasPrefix("#") {
            let body = name.dropFirst()
            let value =
                body.first == "x" || body.first == "X" ? UInt32(body.dropFirst(), radix: 16) : UInt32(body, radix: 10)
            guard let value, let decoded = Unicode.Scalar(value) else { return nil }
            return (decoded, index + 1)
        }
        guard let decoded = named[name.lowercased()] else { return nil }
        return (decoded, index + 1)
    }
}
