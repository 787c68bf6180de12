/// The collections a ``YAMLWriter`` is inside, innermost on top, each with what comes next in
/// it and the indentation to go back to when it ends.
///
/// A plain pointer stack: the writer updates the top on every key and value, and an array
/// would check its uniqueness and bounds each time.
struct CollectionStack: ~Copyable {
    /// What the innermost collection expects next.
    enum Place {
        case sequenceItem
        case mappingKey
        /// The value after a simple key (`key: value`).
        case mappingSimpleValue
        /// The value after a `?` complex key (`: value` on a line of its own).
        case mappingComplexValue
    }

    private struct Entry {
        var place: Place
        var savedIndent: Int
    }

    private var entries: UnsafeMutablePointer<Entry>
    private var capacity = 16
    /// How many collections are open.
    private(set) var count = 0

    init() {
        entries = .allocate(capacity: capacity)
    }

    deinit {
        entries.deinitialize(count: count)
        entries.deallocate()
    }

    /// What the innermost collection expects next; nil at the document's top level.
    var top: Place? {
        count > 0 ? entries[count - 1].place : nil
    }

    mutating func setTop(_ place: Place) {
        entries[count - 1].place = place
    }

    mutating func push(_ place: Place, savedIndent: Int) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = larger
            capacity *= 2
        }
        (entries + count).initialize(to: Entry(place: place, savedIndent: savedIndent))
        count += 1
    }

    /// Closes the innermost collection and returns the indentation from before it.
    mutating func pop() -> Int {
        count -= 1
        return (entries + count).move().savedIndent
    }
}
