/// The generator's pseudo-random numbers: SplitMix64, so that a seed gives the same reports on
/// every machine and every run (the system generator is neither seedable nor stable).
struct SyntheticRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one item of a stream, independent of how many numbers other items drew.
    init(seed: UInt64, stream: UInt64, item: Int) {
        var mixer = SyntheticRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ (UInt64(item) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A count with a long tail: mostly small, occasionally large (log-uniform up to `max`),
    /// zero with probability `zero`.
    mutating func count(zero: Double, max: Int) -> Int {
        if chance(zero) { return 0 }
        let scale = Double(max).squareRoot()
        let u = Double(next() >> 11) / Double(1 << 53)
        let v = Double(next() >> 11) / Double(1 << 53)
        // The product of two uniforms skews toward small numbers, like real caseloads.
        return Swift.max(1, Int((u * v * scale * scale).rounded(.down)))
    }
}
