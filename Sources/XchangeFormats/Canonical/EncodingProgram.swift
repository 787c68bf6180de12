import XchangeCore

/// The canonical layout flattened into a list of steps, compiled once: walking a flat list
/// with precomputed "skip to" targets is what lets writers stream a province's batch quickly,
/// where a recursive walk of the layout tree spends its time on reference counting.
///
/// A step holds no reference-counted value (keys are pointers to bytes kept for the life of
/// the program, special entries an index into ``specialEntries``), so reading one is a plain copy.
struct EncodingProgram: Sendable {
    enum Step: Sendable {
        /// Open an object (under `name`, or the report itself when nil). It is written only when
        /// ``groups``[`group`] has content; otherwise execution continues after `end`, its
        /// closing step.
        case open(name: EncodedKey?, group: Int, end: Int)
        case close
        case field(FieldID, name: EncodedKey)
        /// Sections, facts, provenance: written by the general encoder from
        /// ``specialEntries``[`entry`].
        case special(entry: Int, name: EncodedKey)
    }

    /// What an object holds: it has content when one of `fields` has a value or one of the
    /// `specials` (step indices) has content. Kept out of the steps so that a step stays small
    /// and cheap to copy as the encoder walks them.
    struct Group: Sendable {
        let fields: FieldSet
        let specials: [Int]
    }

    let steps: [Step]
    let groups: [Group]
    /// The layout entries of the `special` steps.
    let specialEntries: [CanonicalLayout.Entry]
    /// Whether the `field` steps name fields in ascending schema order, so that an encoder
    /// can read a report's values with ``FieldValues/InOrder`` (the schema's own layout does:
    /// a test holds it to that).
    let fieldsAscending: Bool

    static let shared = EncodingProgram(CanonicalLayout.shared)

    init(_ layout: CanonicalLayout) {
        var steps: [Step] = []
        var groups: [Group] = []
        var specialEntries: [CanonicalLayout.Entry] = []
        func compile(_ node: CanonicalLayout.Node, name: EncodedKey?) {
            let start = steps.count
            steps.append(.close)  // placeholder, patched below
            var specials: [Int] = []
            for (childName, entry) in node.children {
                switch entry {
                case .field(let id):
                    steps.append(.field(id, name: EncodedKey(childName)))
                case .object(let child):
                    let childStart = steps.count
                    compile(child, name: EncodedKey(childName))
                    if case .open(_, let group, _) = steps[childStart], !groups[group].specials.isEmpty {
                        specials.append(childStart)
                    }
                default:
                    specials.append(steps.count)
                    steps.append(.special(entry: specialEntries.count, name: EncodedKey(childName)))
                    specialEntries.append(entry)
                }
            }
            steps.append(.close)
            groups.append(Group(fields: node.fieldSet, specials: specials))
            steps[start] = .open(name: name, group: groups.count - 1, end: steps.count - 1)
        }
        compile(layout.root, name: nil)
        self.steps = steps
        self.groups = groups
        self.specialEntries = specialEntries
        let fields = steps.compactMap { step -> Int? in
            if case .field(let id, _) = step { id.index } else { nil }
        }
        self.fieldsAscending = zip(fields, fields.dropFirst()).allSatisfy { $0 < $1 }
    }
}
