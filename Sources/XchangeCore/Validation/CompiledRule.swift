/// A rule with its key templates instantiated and resolved to fields once, so that checking a
/// report is array lookups and integer sums rather than string work. A class: the validator
/// walks its rules for every report, and a reference is lent without copying the descriptor.
final class CompiledRule: Sendable {
    let rule: RuleDescriptor
    let check: Check

    enum Check {
        case sum(atMost: Bool, whenBlank: BlankPolicy, instances: [SumInstance])
        case types(fields: [FieldID])
        /// The facts' keys the rule compares, each with its field.
        case factsMatch(fields: [String: FieldID])
        case uscc(FieldID)
        case orgCode(FieldID)
        case dateOrder(FieldID, FieldID)
        case crossYear(instances: [CrossYearInstance])
    }

    /// One instantiation of a sum rule (one column of T3-1, one row of T3-3).
    struct SumInstance {
        let path: String
        let left: [FieldID]
        let right: [FieldID]
        /// How a finding names each side's terms (``SumWording/terms(_:under:)``), worded once
        /// here rather than for every finding.
        let leftTerms: String
        let rightTerms: String

        init(path: String, left: [FieldID], right: [FieldID]) {
            self.path = path
            self.left = left
            self.right = right
            leftTerms = SumWording.terms(left, under: path)
            rightTerms = SumWording.terms(right, under: path)
        }
    }

    /// One instantiation of a cross-year rule.
    struct CrossYearInstance {
        let path: String
        let current: FieldID
        let previous: FieldID
        let plus: [FieldID]
        let minus: [FieldID]
    }

    init(_ rule: RuleDescriptor, schema: CanonicalSchema) {
        self.rule = rule
        func ids(_ keys: [String], _ binding: RuleBinding) -> [FieldID] {
            keys.compactMap { schema.fieldID(binding.apply($0)) }
        }
        func id(_ key: String, _ binding: RuleBinding = RuleBinding(name: nil, value: nil)) -> FieldID {
            // Keys are checked against the schema when it is loaded; a miss is a schema bug.
            schema.fieldID(binding.apply(key))!
        }
        switch rule.check {
        case .sumEqual(let terms), .sumAtMost(let terms):
            let instances = RuleBinding.all(terms.forEach).map { binding in
                SumInstance(
                    path: binding.apply(terms.path), left: ids(terms.left, binding), right: ids(terms.right, binding))
            }
            var atMost = false
            if case .sumAtMost = rule.check { atMost = true }
            check = .sum(atMost: atMost, whenBlank: terms.whenBlank, instances: instances)
        case .types(let prefix):
            check = .types(
                fields: schema.fields.indices.filter { schema.fields[$0].key.hasPrefix(prefix) }.map(
                    FieldID.init(index:)))
        case .factsMatch(let keys):
            // A key that is no field of the schema has no value to compare with.
            let fields = keys.compactMap { key in schema.fieldID(key).map { (key, $0) } }
            check = .factsMatch(fields: Dictionary(fields, uniquingKeysWith: { first, _ in first }))
        case .usccCheck(let key):
            check = .uscc(id(key))
        case .orgCodeCheck(let key):
            check = .orgCode(id(key))
        case .dateOrder(let from, let to):
            check = .dateOrder(id(from), id(to))
        case .crossYearEqual(let terms), .crossYearBalance(let terms):
            check = .crossYear(
                instances: RuleBinding.all(terms.forEach).map { binding in
                    CrossYearInstance(
                        path: binding.apply(terms.path), current: id(terms.current, binding),
                        previous: id(terms.previous, binding),
                        plus: ids(terms.plus, binding), minus: ids(terms.minus, binding))
                })
        }
    }

    /// Every field a cross-year rule reads, from either year.
    var crossYearFields: [FieldID] {
        guard case .crossYear(let instances) = check else { return [] }
        return instances.flatMap { [$0.current, $0.previous] + $0.plus + $0.minus }
    }
}

/// One assignment of a rule's loop variable (`$column` = `natural_person`).
struct RuleBinding {
    let name: String?
    let value: String?

    static func all(_ variable: LoopVariable?) -> [RuleBinding] {
        guard let variable else { return [RuleBinding(name: nil, value: nil)] }
        return variable.values.map { RuleBinding(name: variable.name, value: $0) }
    }

    /// The template with every `$name` replaced by the value. Templates are ASCII keys, so the
    /// search runs over bytes: Foundation's `replacingOccurrences` cost a third of the time
    /// `validate` took to start.
    func apply(_ template: String) -> String {
        guard let name, let value else { return template }
        let dollar = UInt8(ascii: "$")
        let bytes = Array(template.utf8)
        guard bytes.contains(dollar) else { return template }
        let variable = Array(name.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + value.utf8.count)
        var position = 0
        while position < bytes.count {
            if bytes[position] == dollar, bytes[(position + 1)...].starts(with: variable) {
                result += value.utf8
                position += 1 + variable.count
            } else {
                result.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
