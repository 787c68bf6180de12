/// A set of schema fields as a bitset: cheap to test, cheap to intersect.
///
/// The bits live inline (no heap storage), so copying a set costs no reference counting —
/// writers test one for every object of every report.
public struct FieldSet: Hashable, Sendable {
    @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        0, 0, 0, 0, 0, 0, 0, 0
    )

    /// How many fields a set can hold; the schema must not outgrow it (a test checks).
    public static let capacity = 512

    /// The empty set.
    public init() {}

    /// A set with these bits, word `w` holding fields `64 * w ..< 64 * (w + 1)`.
    @inlinable @inline(__always)
    init(words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// A set holding these fields.
    public init(_ ids: some Sequence<FieldID>) {
        self.init()
        for id in ids { insert(id) }
    }

    public func contains(_ id: FieldID) -> Bool {
        word(id.index >> 6) & (1 << UInt64(id.index & 63)) != 0
    }

    public mutating func insert(_ id: FieldID) {
        update(id.index >> 6) { $0 |= 1 << UInt64(id.index & 63) }
    }

    public mutating func remove(_ id: FieldID) {
        update(id.index >> 6) { $0 &= ~(1 << UInt64(id.index & 63)) }
    }

    /// Whether the two sets share a field.
    public func intersects(_ other: FieldSet) -> Bool {
        (words.0 & other.words.0) | (words.1 & other.words.1) | (words.2 & other.words.2) | (words.3 & other.words.3)
            | (words.4 & other.words.4) | (words.5 & other.words.5) | (words.6 & other.words.6)
            | (words.7 & other.words.7) != 0
    }

    /// The fields both sets hold.
    public func intersection(_ other: FieldSet) -> FieldSet {
        FieldSet(
            words: (
                words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3,
                words.4 & other.words.4, words.5 & other.words.5, words.6 & other.words.6, words.7 & other.words.7
            ))
    }

    public var isEmpty: Bool {
        words.0 | words.1 | words.2 | words.3 | words.4 | words.5 | words.6 | words.7 == 0
    }

    /// How many fields the set holds.
    public var count: Int {
        withUnsafeBytes(of: words) { bytes in
            (0..<8).reduce(0) { $0 + bytes.load(fromByteOffset: $1 * 8, as: UInt64.self).nonzeroBitCount }
        }
    }

    public static func == (lhs: FieldSet, rhs: FieldSet) -> Bool {
        withUnsafeBytes(of: lhs.words) { a in withUnsafeBytes(of: rhs.words) { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: words) { hasher.combine(bytes: $0) }
    }

    private func word(_ index: Int) -> UInt64 {
        withUnsafeBytes(of: words) { $0.load(fromByteOffset: index * 8, as: UInt64.self) }
    }

    private mutating func update(_ index: Int, _ change: (inout UInt64) -> Void) {
        withUnsafeMutableBytes(of: &words) { bytes in
            var word = bytes.load(fromByteOffset: index * 8, as: UInt64.self)
            change(&word)
            bytes.storeBytes(of: word, toByteOffset: index * 8, as: UInt64.self)
        }
    }
}
