/// Finding a term in scalars through buffers, without bounds checks in the inner loop: the
/// readers search the text for hundreds of labels and terms per report.
///
/// The scan for the term's first scalar compares eight scalars at a time (one vector compare):
/// most searches pass over thousands of scalars that cannot start the term (a heading alias
/// the report does not use is looked for to the end of the text).
enum ScalarSearch {
    /// The first start in `starts` where `haystack` spells `needle`; every start must leave
    /// room for the whole needle.
    static func firstStart(
        of needle: [Unicode.Scalar], in haystack: UnsafeBufferPointer<Unicode.Scalar>, starts: Range<Int>
    ) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            let raw = UnsafeRawPointer(base)
            let wanted = SIMD8<UInt32>(repeating: first.value)
            var start = starts.lowerBound
            while start + 8 <= starts.upperBound {
                let hits = raw.loadUnaligned(fromByteOffset: start &* 4, as: SIMD8<UInt32>.self) .== wanted
                if any(hits) {
                    for lane in 0..<8 where hits[lane] && spells(needle, at: start + lane, in: haystack) {
                        return start + lane
                    }
                }
                start += 8
            }
            while start < starts.upperBound {
                if haystack[start] == first, spells(needle, at: start, in: haystack) { return start }
                start += 1
            }
            return nil
        }
    }

    /// The last start in `starts` where `haystack` spells `needle`; every start must leave
    /// room for the whole needle.
    static func lastStart(
        of needle: [Unicode.Scalar], in haystack: UnsafeBufferPointer<Unicode.Scalar>, starts: Range<Int>
    ) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            let raw = UnsafeRawPointer(base)
            let wanted = SIMD8<UInt32>(repeating: first.value)
            // `end` is one past the last start still to try.
            var end = starts.upperBound
            while end - 8 >= starts.lowerBound {
                let hits = raw.loadUnaligned(fromByteOffset: (end - 8) &* 4, as: SIMD8<UInt32>.self) .== wanted
                if any(hits) {
                    for lane in (0..<8).reversed() where hits[lane] && spells(needle, at: end - 8 + lane, in: haystack)
                    {
                        return end - 8 + lane
                    }
                }
                end -= 8
            }
            while end > starts.lowerBound {
                end -= 1
                if haystack[end] == first, spells(needle, at: end, in: haystack) { return end }
            }
            return nil
        }
    }

    /// Whether `haystack` holds `needle` anywhere.
    static func contains(_ needle: [Unicode.Scalar], in haystack: ArraySlice<Unicode.Scalar>) -> Bool {
        guard needle.count <= haystack.count, !needle.isEmpty else { return needle.isEmpty }
        return haystack.withUnsafeBufferPointer { scalars in
            firstStart(of: needle, in: scalars, starts: 0..<(scalars.count - needle.count + 1)) != nil
        }
    }

    @inline(__always)
    private static func spells(
        _ needle: UnsafeBufferPointer<Unicode.Scalar>, at start: Int, in haystack: UnsafeBufferPointer<Unicode.Scalar>
    ) -> Bool {
        var offset = 1
        while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
        return offset == needle.count
    }
}
