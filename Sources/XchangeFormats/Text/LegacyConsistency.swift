import Foundation
import XchangeCore

/// The consistency pass after a narrative report is read: `legacy.*` figures that break the
/// schema's L-rules (channels that do not add up to the total, more answers than applications)
/// are reported as warnings naming where the text states each figure. Nothing is changed: the
/// report's own numbers disagree, and only its authors can say which one is wrong.
///
/// The rules are the schema's own; they are evaluated here directly because the reader needs
/// the place of every term (the validator reports one place per finding) and because building
/// a validator for every report read would cost more than reading it.
enum LegacyConsistency {
    /// The schema's sum rules over `legacy.*` fields: (rule, left keys, right keys, at most).
    private static let rules: [(rule: RuleDescriptor, left: [String], right: [String], atMost: Bool)] =
        CanonicalSchema.v1.rules.compactMap { rule in
            guard rule.applies(to: .legacyPre2019), rule.formats == [.legacyPre2019] else { return nil }
            switch rule.check {
            case .sumEqual(let terms) where terms.forEach == nil: return (rule, terms.left, terms.right, false)
            case .sumAtMost(let terms) where terms.forEach == nil: return (rule, terms.left, terms.right, true)
            default: return nil
            }
        }

    static func check(_ builder: ReportBuilder) {
        for (rule, left, right, atMost) in rules {
            let leftStated = left.filter(builder.has)
            let rightStated = right.filter(builder.has)
            // Like the rules themselves (when_blank: skip), a side the text does not state is not checked.
            guard !leftStated.isEmpty, !rightStated.isEmpty else { continue }
            let leftTotal = total(leftStated, builder)
            let rightTotal = total(rightStated, builder)
            guard atMost ? leftTotal > rightTotal : leftTotal != rightTotal else { continue }
            let stated = leftStated + rightStated
            let places = stated.map { "\($0) = \(builder.report[$0]!.plainText) at \(builder.place(of: $0))" }
            guard let range = builder.origin(of: stated[0]) else { continue }
            let relation = atMost ? "is more than" : "is not"
            builder.warn(
                "text.legacy.inconsistent",
                "\(rule.id) \(rule.title): \(leftStated.joined(separator: " + ")) = \(LiteralBytes.string(leftTotal)) \(relation) "
                    + "\(rightStated.joined(separator: " + ")) = \(LiteralBytes.string(rightTotal)); the text states "
                    + "\(places.joined(separator: "; ")). Kept as stated",
                at: range, field: stated[0])
        }
    }

    private static func total(_ keys: [String], _ builder: ReportBuilder) -> Decimal {
        keys.reduce(Decimal(0)) { $0 + (builder.report[$1]?.number ?? 0) }
    }
}
