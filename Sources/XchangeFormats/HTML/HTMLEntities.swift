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

    /// The scalar a reference at `start` (`&`) stands for, and the offset after its `;`. The
    /// name is read as ASCII bytes and looked up once: a reference is no string to build.
    private static func reference(_ scalars: ArraySlice<Unicode.Scalar>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        while index < scalars.endIndex, index - start <= 32, scalars[index] != ";" {
            guard isNameCharacter(scalars[index].value) else { return nil }
            index += 1
        }
        guard index < scalars.endIndex, scalars[index] == ";", index > start + 1 else { return nil }
        let name = scalars[(start + 1)..<index]
        if name.first == "#" {
            var digits = name.dropFirst()
            var radix: UInt32 = 10
            if let marker = digits.first, marker == "x" || marker == "X" {
                radix = 16
                digits = digits.dropFirst()
            }
            guard let value = number(digits, radix: radix), let decoded = Unicode.Scalar(value) else { return nil }
            return (decoded, index + 1)
        }
        let lowercased = String(unsafeUninitializedCapacity: name.count) { bytes in
            for (offset, scalar) in name.enumerated() {
                let value = scalar.value
                bytes[offset] = UInt8(truncatingIfNeeded: (0x41...0x5A).contains(value) ? value + 32 : value)
            }
            return name.count
        }
        guard let decoded = named[lowercased] else { return nil }
        return (decoded, index + 1)
    }

    /// ASCII letters, digits and `#`: what a reference's name may hold.
    private static func isNameCharacter(_ value: UInt32) -> Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || (0x30...0x39).contains(value)
            || value == 0x23
    }

    /// The digits as a number in `radix` (10 or 16); nil when empty, when one is not a digit of
    /// the radix, or past `UInt32`.
    private static func number(_ digits: ArraySlice<Unicode.Scalar>, radix: UInt32) -> UInt32? {
        guard !digits.isEmpty else { return nil }
        var value: UInt32 = 0
        for scalar in digits {
            let code = scalar.value
            let digit: UInt32
            switch code {
            case 0x30...0x39: digit = code - 0x30
            case 0x41...0x46 where radix == 16: digit = code - 0x41 + 10
            case 0x61...0x66 where radix == 16: digit = code - 0x61 + 10
            default: return nil
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }
}
