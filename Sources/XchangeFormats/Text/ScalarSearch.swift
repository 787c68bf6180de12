/// Finding a term in scalars through buffers, without bounds checks in the inner loop: the
/// readers search the text for hundreds of labels and terms per report.
enum ScalarSearch {
    /// The first start in `starts` where `haystack` spells `needle`; every start must leave
    /// room for the whole needle.
    static func firstStart(
        of needle: [Unicode.Scalar], in haystack: UnsafeBufferPointer<Unicode.Scalar>, starts: Range<Int>
    ) -> Int? {
        guard let first = needle.first else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            var start = starts.lowerBound
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
        guard let first = needle.first else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            var start = starts.upperBound - 1
            while start >= starts.lowerBound {
                if haystack[start] == first, spells(needle, at: start, in: haystack) { return start }
                start -= 1
            }
            return nil
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
