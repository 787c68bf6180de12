/// Skips the indentation of pretty-printed JSON eight bytes at a time: a pretty report has a
/// few hundred lines, each opening with a run of spaces.
public enum Indentation {
    /// The first position at or after `start` (and before `end`) that does not hold a space,
    /// or `end`.
    @inlinable @inline(__always)
    public static func end(of base: UnsafePointer<UInt8>, from start: Int, before end: Int) -> Int {
        var i = start
        while i &+ 8 <= end {
            // A byte of `word` is 0 exactly where a space was; the first one that is not 0 ends
            // the run (bytes are loaded in memory order: the lowest is the first).
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ 0x2020_2020_2020_2020
            if word != 0 { return i &+ (word.littleEndian.trailingZeroBitCount &>> 3) }
            i &+= 8
        }
        while i < end && base[i] == 0x20 { i &+= 1 }
        return i
    }
}
