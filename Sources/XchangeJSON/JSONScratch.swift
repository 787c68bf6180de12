/// A stack that hands out its top elements as a new array by moving them.
///
/// Containers are built on one shared stack per parse instead of growing an array per
/// container, so each object or array costs a single exactly-sized allocation and no
/// retain/release per element.
final class MoveStack<Element> {
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Moves the elements from `mark` to the top into a new array.
    func popArray(from mark: Int) -> [Element] {
        let n = count - mark
        if n == 0 { return [] }
        let source = base + mark
        let result = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: n)
            initialized = n
        }
        count = mark
        return result
    }

    /// Drops everything above `mark` (what a failed parse left behind).
    func truncate(to mark: Int) {
        guard count > mark else { return }
        (base + mark).deinitialize(count: count - mark)
        count = mark
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

/// Buffers a parser reuses between values, so streaming many small items allocates only
/// for the values themselves.
final class JSONScratch {
    let members = MoveStack<JSONMember>()
    let values = MoveStack<JSONValue>()
    /// Unescaped bytes of the string being decoded, for strings that contain escapes.
    var bytes: [UInt8] = []

    func reset() {
        members.truncate(to: 0)
        values.truncate(to: 0)
    }
}
