import XchangeCore
import XchangeYAML

/// Reads one rule of the schema source, checking that every key it names exists.
struct RuleNodeReader {
    let base: SchemaNodeReader
    let knownKeys: Set<String>

    mutating func rule(_ node: YAMLNode) throws(Diagnostic) -> RuleDescriptor {
        let map = try base.mapping(
            node, allowed: ["id", "severity", "formats", "title", "message", "check"],
            required: ["id", "severity", "title", "message", "check"], what: "a rule")
        let id = try base.string(map["id"], "id")
        let severityName = try base.string(map["severity"], "severity")
        guard let severity = Severity(rawValue: severityName), severity != .note else {
            throw base.fail("rule \(id): severity must be error or warning", map["severity"]!)
        }
        return RuleDescriptor(
            id: id, severity: severity, formats: try base.formats(map["formats"]),
            title: try base.string(map["title"], "title"),
            message: try base.string(map["message"], "message"), check: try check(map["check"]!, rule: id))
    }

    private func check(_ node: YAMLNode, rule: String) throws(Diagnostic) -> RuleCheck {
        guard let pairs = node.mapping, pairs.count == 1, let kind = pairs[0].key.scalar?.value else {
            throw base.fail("rule \(rule): check must name exactly one kind of check", node)
        }
        let body = pairs[0].value
        switch kind {
        case "sum_equal", "sum_at_most":
            let terms = try sumTerms(body, rule: rule)
            return kind == "sum_equal" ? .sumEqual(terms) : .sumAtMost(terms)
        case "cross_year_equal", "cross_year_balance":
            let terms = try crossYearTerms(body, rule: rule)
            return kind == "cross_year_equal" ? .crossYearEqual(terms) : .crossYearBalance(terms)
        case "types":
            let map = try base.mapping(body, allowed: ["prefix"], required: ["prefix"], what: "a types check")
            return .types(prefix: try base.string(map["prefix"], "prefix"))
        case "facts_match":
            return .factsMatch(keys: try keys(base.strings(body, "facts_match"), loop: nil, node: body, rule: rule))
        case "uscc_check":
            return .usccCheck(key: try keys([base.string(body, "uscc_check")], loop: nil, node: body, rule: rule)[0])
        case "org_code_check":
            return .orgCodeCheck(
                key: try keys([base.string(body, "org_code_check")], loop: nil, node: body, rule: rule)[0])
        case "date_order":
            let pair = try keys(base.strings(body, "date_order"), loop: nil, node: body, rule: rule)
            guard pair.count == 2 else { throw base.fail("rule \(rule): date_order takes two keys", body) }
            return .dateOrder(from: pair[0], to: pair[1])
        default:
            let known = [
                "sum_equal", "sum_at_most", "cross_year_equal", "cross_year_balance", "types", "facts_match",
                "uscc_check", "org_code_check", "date_order",
            ]
            throw base.fail(
                "rule \(rule): unknown check \"\(kind)\"; known: \(known.joined(separator: ", "))", pairs[0].key)
        }
    }

    private func loop(_ node: YAMLNode?) throws(Diagnostic) -> LoopVariable? {
        guard let node else { return nil }
        guard let pairs = node.mapping, pairs.count == 1, let name = pairs[0].key.scalar?.value else {
            throw base.fail("for_each takes one variable: {name: [values]}", node)
        }
        return LoopVariable(name: name, values: try base.strings(pairs[0].value, "for_each values"))
    }

    private func sumTerms(_ node: YAMLNode, rule: String) throws(Diagnostic) -> SumTerms {
        let map = try base.mapping(
            node, allowed: ["for_each", "path", "left", "right", "when_blank"], required: ["path", "left", "right"],
            what: "a sum check")
        let variable = try loop(map["for_each"])
        var policy = BlankPolicy.warn
        if let blank = map["when_blank"] {
            guard let value = BlankPolicy(rawValue: try base.string(blank, "when_blank")) else {
                throw base.fail("rule \(rule): when_blank is warn or skip", blank)
            }
            policy = value
        }
        return SumTerms(
            forEach: variable, path: try base.string(map["path"], "path"),
            left: try keys(base.strings(map["left"], "left"), loop: variable, node: map["left"]!, rule: rule),
            right: try keys(base.strings(map["right"], "right"), loop: variable, node: map["right"]!, rule: rule),
            whenBlank: policy)
    }

    private func crossYearTerms(_ node: YAMLNode, rule: String) throws(Diagnostic) -> CrossYearTerms {
        let map = try base.mapping(
            node, allowed: ["for_each", "path", "current", "previous", "plus", "minus"],
            required: ["path", "current", "previous"], what: "a cross-year check")
        let variable = try loop(map["for_each"])
        func one(_ name: String) throws(Diagnostic) -> String {
            try keys([base.string(map[name], name)], loop: variable, node: map[name]!, rule: rule)[0]
        }
        return CrossYearTerms(
            forEach: variable, path: try base.string(map["path"], "path"), current: try one("current"),
            previous: try one("previous"),
            plus: try keys(base.strings(map["plus"], "plus"), loop: variable, node: map["plus"] ?? node, rule: rule),
            minus: try keys(base.strings(map["minus"], "minus"), loop: variable, node: map["minus"] ?? node, rule: rule)
        )
    }

    /// Checks that each key template names a schema field for every value of the loop variable.
    private func keys(
        _ templates: [String], loop: LoopVariable?, node: YAMLNode, rule: String
    ) throws(Diagnostic) -> [String] {
        for template in templates {
            let instances =
                loop.map { variable in
                    variable.values.map { template.replacingOccurrences(of: "$" + variable.name, with: $0) }
                } ?? [template]
            for key in instances where !knownKeys.contains(key) {
                throw base.fail("rule \(rule) names \(key), which is not a field of the schema", node)
            }
        }
        return templates
    }
}
