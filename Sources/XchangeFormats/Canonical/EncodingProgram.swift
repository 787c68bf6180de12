import XchangeCore

/// The canonical layout flattened into a list of steps, compiled once: walking a flat list
/// with precomputed "skip to" targets is what lets writers stream a province's batch quickly,
/// where a recursive walk of the layout tree spends its time on reference counting.
struct EncodingProgram: Sendable {
    enum Step: Sendable {
        /// Open an object (under `name`, or the report itself when nil). It is written only when
        /// one of `fields` has a value or one of the `specials` (step indices) has content;
        /// otherwise execution continues after `end`, its closing step.
        case open(name: EncodedKey?, fields: FieldSet, specials: [Int], end: Int)
        case close
        case field(FieldID, name: EncodedKey)
        /// Sections, facts, provenance: written by the general encoder.
        case special(CanonicalLayout.Entry, name: EncodedKey)
    }

    let steps: [Step]

    static let shared = EncodingProgram(CanonicalLayout.shared)

    init(_ layout: CanonicalLayout) {
        var steps: [Step] = []
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
                    if case .open(_, _, let childSpecials, _) = steps[childStart], !childSpecials.isEmpty { specials.append(childStart) }
                default:
                    specials.append(steps.count)
                    steps.append(.special(entry, name: EncodedKey(childName)))
                }
            }
            steps.append(.close)
            steps[start] = .open(name: name, fields: node.fieldSet, specials: specials, end: steps.count - 1)
        }
        compile(layout.root, name: nil)
        self.steps = steps
    }
}
