import XchangeCore

extension PlatformProfile {
    /// The default profile (`schemas/platform/default-profile.yaml`, compiled in): platform
    /// `xchange-default`, `fields.json`, every canonical field under its own key, requiring
    /// only `meta.report_year`, `meta.agency_name`, `meta.agency_uscc`,
    /// `meta.admin_division_code` and `meta.format_version`.
    public static let `default`: PlatformProfile = {
        do {
            return try parse(Array(defaultSource.utf8), file: "default-profile.yaml")
        } catch {
            preconditionFailure("the compiled-in default profile does not load: \(error)")
        }
    }()
}
