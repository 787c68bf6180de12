import XchangeCore
import XchangeYAML

/// Finds where the keys of a few fields stand in a YAML document recorded on a tape, without
/// decoding it: the mappings of the layout are walked, every other value stepped over. What
/// ``DirectJSONLocator`` is for JSON.
struct DirectYAMLLocator {
    private typealias Event = YAMLEventTape.Event

    private let events: UnsafeBufferPointer<Event>
    private let bytes: UnsafePointer<UInt8>?
    private let table = DirectJSONTable.shared
    private let wanted: FieldSet
    private var wantedLeft: Int
    private var found: [FieldID: YAMLMark] = [:]
    private var i = 0

    /// Thrown to stop the walk: every field asked for was found, or the events are not what
    /// the walk expects.
    private enum Stop: Error {
        case done, unexpected
    }

    /// Where the keys of `fields` stand in the document on `tape`; nil unless every one was
    /// found, for the caller to find them by decoding the document in full.
    static func marks(of fields: FieldSet, on tape: YAMLEventTape) -> [FieldID: YAMLMark]? {
        tape.withEvents { events, bytes in
            var locator = DirectYAMLLocator(events: events, bytes: bytes.baseAddress, wanted: fields)
            do throws(Stop) {
                try locator.mapping(0)
            } catch {
                guard error == .done else { return nil }
            }
            return locator.wantedLeft == 0 ? locator.found : nil
        }
    }

    private init(events: UnsafeBufferPointer<Event>, bytes: UnsafePointer<UInt8>?, wanted: FieldSet) {
        self.events = events
        self.bytes = bytes
        self.wanted = wanted
        self.wantedLeft = wanted.count
    }

    /// The mapping of layout node `node`, at its start event.
    private mutating func mapping(_ node: Int) throws(Stop) {
        try expect(.mappingStart)
        let children = table.nodes[node]
        var hint = 0
        while try event().kind != .end {
            let key = try event()
            guard key.kind == .scalar, !key.isTagged else { throw .unexpected }
            let name = UnsafeBufferPointer(start: bytes.map { $0 + key.start }, count: key.count)
            let index: Int?
            if hint < children.count, table.names[children.first + hint].matches(name) {
                index = hint
            } else {
                index = table.index(ofKey: name, in: children)
            }
            i += 1
            switch index.map({ table.entries[children.first + $0] }) {
            case .field(let id, _)?:
                if wanted.contains(id), found[id] == nil {
                    found[id] = key.mark
                    wantedLeft -= 1
                    if wantedLeft == 0 { throw .done }
                }
                try skipValue()
            case .object(let child, _)? where try event().kind == .mappingStart:
                try mapping(child)
            default:
                try skipValue()
            }
            hint = (index ?? hint) + 1
        }
        i += 1
    }

    /// Steps over one node: a scalar, or a collection to its end.
    private mutating func skipValue() throws(Stop) {
        var depth = 0
        repeat {
            switch try event().kind {
            case .scalar: break
            case .sequenceStart, .mappingStart: depth += 1
            case .end:
                guard depth > 0 else { throw .unexpected }
                depth -= 1
            }
            i += 1
        } while depth > 0
    }

    private func event() throws(Stop) -> Event {
        guard i < events.count else { throw .unexpected }
        return events[i]
    }

    private mutating func expect(_ kind: YAMLEventTape.Kind) throws(Stop) {
        guard try event().kind == kind else { throw .unexpected }
        i += 1
    }
}
