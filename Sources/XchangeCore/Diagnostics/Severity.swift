/// How serious a diagnostic is.
public enum Severity: String, CaseIterable, Hashable, Sendable, Comparable {
    case note
    case warning
    case error

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
