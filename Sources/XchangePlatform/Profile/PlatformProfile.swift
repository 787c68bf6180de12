import XchangeCore

/// A receiving platform's field layout: which canonical fields it takes, under which of its
/// own field codes, which it requires, and whether `fields.json` or `fields.csv` carries them.
///
/// A profile is data, not code: a province's layout is a YAML file (see
/// `schemas/platform/README.md`), loaded with ``load(path:)``. The ``default`` profile is
/// compiled in from `schemas/platform/default-profile.yaml`.
public struct PlatformProfile: Hashable, Sendable {
    /// Which entry carries the platform's fields.
    public enum Layout: String, CaseIterable, Hashable, Sendable {
        /// `fields.json`: `{"platform_id": …, "fields": {CODE: value, …}}`.
        case json
        /// `fields.csv`: a `code,value` header and one row per field present.
        case csv

        /// The entry's path in the package.
        public var entryPath: String { "fields.\(rawValue)" }
        /// The entry's media type in the manifest.
        public var mediaType: String { self == .json ? "application/json" : "text/csv; charset=utf-8" }
    }

    /// One field the platform takes.
    public struct Field: Hashable, Sendable {
        /// The platform's own code for the field.
        public var code: String
        /// The canonical key (`meta.agency_uscc`).
        public var key: String
        /// Whether a report without this field is refused.
        public var required: Bool

        /// A field; not required unless said.
        public init(code: String, key: String, required: Bool = false) {
            self.code = code
            self.key = key
            self.required = required
        }
    }

    /// The platform's id; becomes the manifest's `receiver.platform_id`.
    public var platformID: String
    /// A human name for the platform.
    public var name: String
    /// Whether the package carries `fields.json` or `fields.csv`.
    public var layout: Layout
    /// The fields, in the order `fields.json`/`fields.csv` lists them.
    public var fields: [Field]

    /// A profile made in code (``load(path:)`` reads one from YAML).
    public init(platformID: String, name: String, layout: Layout, fields: [Field]) {
        self.platformID = platformID
        self.name = name
        self.layout = layout
        self.fields = fields
    }

    /// The fields a report must have for this platform.
    public var requiredKeys: [String] { fields.filter(\.required).map(\.key) }
}
