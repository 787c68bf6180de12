import XchangeCore

/// A rule violation the generator planted in one report: a single cell changed so that the
/// rule `ruleID` no longer holds. Tests check that validation flags each one.
public struct InjectedFault: Hashable, Sendable, CustomStringConvertible {
    /// Position of the report in the generated sequence (0-based).
    public let reportIndex: Int
    /// The id of the rule the change breaks (`T3-1`, `T4-2`, `M-1`, `L-3`, ...).
    public let ruleID: String
    /// The canonical key of the changed cell.
    public let field: String

    public init(reportIndex: Int, ruleID: String, field: String) {
        self.reportIndex = reportIndex
        self.ruleID = ruleID
        self.field = field
    }

    public var description: String { "report \(reportIndex): \(ruleID) (\(field))" }
}

/// The single-cell changes that break each rule. Every kind changes a different cell, so
/// several faults in one report never cancel out. Only violations that survive being written
/// to a file and read back are planted: the type rules (T2-1, T3-4, T4-4) cannot be broken by
/// any readable value, since readers reject a negative count outright.
enum FaultKind: String, CaseIterable {
    case t3Balance = "T3-1"
    case t3Outcomes = "T3-2"
    case t3ApplicantTotal = "T3-3"
    case t4Reconsideration = "T4-1"
    case t4Direct = "T4-2"
    case t4AfterReconsideration = "T4-3"
    case usccCheck = "M-1"
    case periodOrder = "M-3"
    case legacyChannels = "L-1"
    case legacyApplications = "L-2"
    case legacyAnswers = "L-3"
    case legacyNPC = "L-4"
    case legacyCPPCC = "L-5"

    /// The cell the fault changes.
    var field: String {
        switch self {
        case .t3Balance: "applications.carried_forward.natural_person"
        case .t3Outcomes: "applications.result.granted.commercial_enterprise"
        case .t3ApplicantTotal: "applications.result.not_processed.repeated_application.total"
        case .t4Reconsideration: "review_litigation.reconsideration.total"
        case .t4Direct: "review_litigation.litigation_direct.total"
        case .t4AfterReconsideration: "review_litigation.litigation_after_reconsideration.total"
        case .usccCheck: "meta.agency_uscc"
        case .periodOrder: "meta.statistics_period.to"
        case .legacyChannels: "legacy.active.total"
        case .legacyApplications: "legacy.applications.received"
        case .legacyAnswers: "legacy.applications.answered.granted"
        case .legacyNPC: "legacy.proposals.npc.total"
        case .legacyCPPCC: "legacy.proposals.cppcc.total"
        }
    }

    /// The kinds that apply to reports of a format.
    static func kinds(for format: FormatVersion) -> [FaultKind] {
        switch format {
        case .unified2021:
            [
                .t3Balance, .t3Outcomes, .t3ApplicantTotal, .t4Reconsideration, .t4Direct, .t4AfterReconsideration,
                .usccCheck, .periodOrder,
            ]
        case .trial2019:
            [
                .t3Balance, .t3Outcomes, .t3ApplicantTotal, .t4Reconsideration, .t4Direct, .t4AfterReconsideration,
                .usccCheck, .periodOrder,
            ]
        case .legacyPre2019:
            [.legacyChannels, .legacyApplications, .legacyAnswers, .legacyNPC, .legacyCPPCC, .usccCheck, .periodOrder]
        }
    }

    /// Changes the cell. Counts go up by one, so the sums they are part of break.
    func apply(to report: inout Report) {
        let id = CanonicalSchema.v1.fieldID(field)!
        switch self {
        case .usccCheck:
            guard case .text(let code)? = report[id] else { return }
            let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
            let last = code.last!
            let index = alphabet.firstIndex(of: last) ?? 0
            report.values[id] = .text(String(code.dropLast()) + String(alphabet[(index + 1) % alphabet.count]))
        case .periodOrder:
            guard case .date(let from)? = report["meta.statistics_period.from"] else { return }
            report.values[id] = .date(CalendarDate(year: from.year - 1, month: 12, day: 31)!)
        case .legacyAnswers:
            let received = integer(report["legacy.applications.received"]) ?? 0
            let current = integer(report[id]) ?? 0
            report.values[id] = .integer(current + received + 1)
        default:
            let current = integer(report[id]) ?? 0
            report.values[id] = .integer(current + 1)
        }
    }
}

private func integer(_ value: FieldValue?) -> Int? {
    if case .integer(let number)? = value { return number }
    return nil
}
