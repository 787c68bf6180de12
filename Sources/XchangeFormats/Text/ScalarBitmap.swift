/// A set of scalars the readers scan report text for (clause breaks, numerals, the first
/// characters of markers), held as one bit per Basic Multilingual Plane scalar (8 KB), so
/// that passing over the characters that are not in it is a load and a bit test each: the
/// scans run over every character of a report's prose.
struct ScalarBitmap: Sendable {
    /// Bit `value & 63` of word `value >> 6`, for each member below U+10000.
    private let words: [UInt64]
    /// Members past the Basic Multilingual Plane, which a report's text nearly never holds.
    private let astral: [Unicode.Scalar]

    init(_ members: some Sequence<Unicode.Scalar>) {
        var words = [UInt64](repeating: 0, count: 0x1_0000 / 64)
        var astral: [Unicode.Scalar] = []
        for member in members {
            let value = member.value
            if value < 0x1_0000 {
                words[Int(value >> 6)] |= 1 << UInt64(value & 63)
            } else if !astral.contains(member) {
                astral.append(member)
            }
        }
        self.words = words
        self.astral = astral
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value < 0x1_0000 else { return astral.contains(scalar) }
        return words[Int(value >> 6)] & 1 << UInt64(value & 63) != 0
    }

    /// The first offset in `range` of `scalars` whose scalar is a member.
    func firstIndex(in scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int? {
        words.withUnsafeBufferPointer { words in
            var index = range.lowerBound
            while index < range.upperBound {
                let value = scalars[index].value
                if value < 0x1_0000 {
                    if words[Int(value >> 6)] & 1 << UInt64(value & 63) != 0 { return index }
                } else if astral.contains(scalars[index]) {
                    return index
                }
                index += 1
            }
            return nil
        }
    }
}
