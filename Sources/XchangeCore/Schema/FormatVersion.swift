/// The template a report follows (`meta.format_version`).
public enum FormatVersion: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Narrative reports under 国务院令第492号, report years 2008–2018.
    case legacyPre2019 = "legacy_pre2019"
    /// The trial unified format of 国办公开办函〔2019〕60号, report years 2019–2020.
    case trial2019 = "trial_2019"
    /// The unified format of 国办公开办函〔2021〕30号, report year 2021 onward.
    case unified2021 = "unified_2021"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
