import XchangeCore

/// The consistency pass after a narrative report is read: `legacy.*` figures that break the
/// schema's L-rules (channels that do not add up to the total, more answers than applications)
/// are reported as warnings naming where the text states each figure. Nothing is changed: the
/// report's own numbers disagree, and only its authors can say which one is wrong.
enum LegacyConsistency {
    static func check(_ builder: ReportBuilder) {
        let rules = CanonicalSchema.v1.rules.filter { $0.id.hasPrefix("L-") }
        guard !rules.isEmpty else { return }
        let findings = Validator().validate(builder.report).filter { $0.code.hasPrefix("L-") }
        for finding in findings {
            guard let rule = rules.first(where: { $0.id == finding.code }) else { continue }
            let keys: [String]
            switch rule.check {
            case .sumEqual(let terms), .sumAtMost(let terms): keys = terms.left + terms.right
            default: keys = []
            }
            let stated = keys.filter { builder.has($0) }
            let places = stated.map { "\($0) = \(builder.report[$0]!.plainText) at \(builder.place(of: $0))" }
            guard let first = stated.first, let range = builder.origin(of: first) else { continue }
            builder.warn(
                "text.legacy.inconsistent",
                "\(rule.id) \(rule.title): \(finding.message); the text states \(places.joined(separator: "; ")). Kept as stated",
                at: range, field: first)
        }
    }
}
