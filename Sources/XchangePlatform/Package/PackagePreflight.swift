import XchangeCore

/// What must hold before a report is packaged: every field the manifest needs and every
/// field the profile requires is present, and the schema's rules find no error.
public enum PackagePreflight {
    /// The fields every package needs, whatever the profile: the manifest is made of them.
    public static let manifestKeys = [
        "meta.report_year", "meta.agency_name", "meta.agency_uscc", "meta.admin_division_code", "meta.format_version",
    ]

    /// Every finding that refuses packaging `report` for `profile`: a missing required field
    /// (`package.required-field`) or an error-level rule finding (such as M-1, the
    /// 统一社会信用代码 check character). Warnings do not refuse and are not returned.
    public static func refusals(for report: Report, profile: PlatformProfile, source: String? = nil) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var keys = manifestKeys
        for key in profile.requiredKeys where !keys.contains(key) {
            keys.append(key)
        }
        for key in keys where report[key] == nil {
            let why =
                manifestKeys.contains(key) ? "every package needs it" : "the \(profile.platformID) profile requires it"
            found.append(
                Diagnostic.error(
                    "package.required-field", "the field is missing; \(why)",
                    at: source.map { SourceReference(file: $0) },
                    field: key))
        }
        found += Validator().validate(report, source: source).filter { $0.severity == .error }
        return found
    }
}
