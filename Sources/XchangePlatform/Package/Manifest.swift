import XchangeJSON

/// `manifest.json`: what a submission package holds, who sends it, to whom, and the size and
/// SHA-256 of every other entry. Its JSON Schema is `schemas/platform/manifest.v1.schema.json`.
public struct Manifest: Hashable, Sendable {
    /// The value of `package_format` for this version of the package.
    public static let currentFormat = "xchange-submission/1"

    /// The sending agency, as the report names it.
    public struct Sender: Hashable, Sendable {
        /// `meta.agency_name`.
        public var agencyName: String
        /// The agency's 统一社会信用代码 (18 characters).
        public var agencyUSCC: String
        /// The six-digit administrative division code.
        public var adminDivisionCode: String

        /// A sender.
        public init(agencyName: String, agencyUSCC: String, adminDivisionCode: String) {
            self.agencyName = agencyName
            self.agencyUSCC = agencyUSCC
            self.adminDivisionCode = adminDivisionCode
        }
    }

    /// The receiving platform.
    public struct Receiver: Hashable, Sendable {
        /// The platform id of the profile the package was built with.
        public var platformID: String

        /// A receiver.
        public init(platformID: String) {
            self.platformID = platformID
        }
    }

    /// One entry of the package other than the manifest.
    public struct Entry: Hashable, Sendable {
        /// The path inside the ZIP (`report.json`).
        public var path: String
        /// The uncompressed size in bytes.
        public var size: Int
        /// The SHA-256 of the uncompressed bytes, 64 lower-case hex digits.
        public var sha256: String
        /// The media type (`application/json`, `text/plain; charset=utf-8`, `text/csv; charset=utf-8`).
        public var mediaType: String

        /// An entry.
        public init(path: String, size: Int, sha256: String, mediaType: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.mediaType = mediaType
        }
    }

    /// Always ``currentFormat`` for packages this version writes or accepts.
    public var packageFormat: String
    /// A random UUID (version 4), lower case: the submission's identity and idempotency key.
    public var packageID: String
    /// When the package was built, ISO 8601 with offset (`2026-11-27T17:05:09+08:00`).
    public var createdAt: String
    /// The sending agency.
    public var sender: Sender
    /// The receiving platform.
    public var receiver: Receiver
    /// `meta.report_year` of the report.
    public var reportYear: Int
    /// `meta.format_version` of the report (`unified_2021`, …).
    public var formatVersion: String
    /// Every entry but the manifest, in package order.
    public var entries: [Entry]

    /// A manifest; ``SubmissionPackage/build(report:profile:packageID:createdAt:source:)`` makes one from a report.
    public init(
        packageFormat: String = Manifest.currentFormat, packageID: String, createdAt: String, sender: Sender,
        receiver: Receiver, reportYear: Int, formatVersion: String, entries: [Entry]
    ) {
        self.packageFormat = packageFormat
        self.packageID = packageID
        self.createdAt = createdAt
        self.sender = sender
        self.receiver = receiver
        self.reportYear = reportYear
        self.formatVersion = formatVersion
        self.entries = entries
    }

    /// The manifest's entry for a path.
    public func entry(_ path: String) -> Entry? {
        entries.first { $0.path == path }
    }
}

extension Manifest {
    /// The manifest as JSON, keys in the documented order.
    public var jsonValue: JSONValue {
        func member(_ key: String, _ value: JSONValue) -> JSONMember {
            JSONMember(key: key, value: value)
        }
        return .object([
            member("package_format", .string(packageFormat)),
            member("package_id", .string(packageID)),
            member("created_at", .string(createdAt)),
            member(
                "sender",
                .object([
                    member("agency_name", .string(sender.agencyName)),
                    member("agency_uscc", .string(sender.agencyUSCC)),
                    member("admin_division_code", .string(sender.adminDivisionCode)),
                ])),
            member("receiver", .object([member("platform_id", .string(receiver.platformID))])),
            member("report_year", .number(String(reportYear))),
            member("format_version", .string(formatVersion)),
            member(
                "entries",
                .array(
                    entries.map { entry in
                        .object([
                            member("path", .string(entry.path)),
                            member("size", .number(String(entry.size))),
                            member("sha256", .string(entry.sha256)),
                            member("media_type", .string(entry.mediaType)),
                        ])
                    })),
        ])
    }

    /// The bytes of `manifest.json`: pretty JSON with a final line break.
    public var jsonBytes: [UInt8] {
        JSONWriter.encode(jsonValue) + [0x0A]
    }

    /// Reads a manifest that has passed ``ManifestSchema``'s check (so every member is there
    /// with its type); nil if it has not.
    init?(checked value: JSONValue) {
        guard let sender = value["sender"], let receiver = value["receiver"],
            let entries = value["entries"]?.elements,
            let year = value["report_year"]?.numberLiteral.flatMap({ Int($0) })
        else { return nil }
        var list: [Entry] = []
        for item in entries {
            guard let path = item["path"]?.stringValue, let size = item["size"]?.numberLiteral.flatMap({ Int($0) }),
                let sha256 = item["sha256"]?.stringValue, let mediaType = item["media_type"]?.stringValue
            else { return nil }
            list.append(Entry(path: path, size: size, sha256: sha256, mediaType: mediaType))
        }
        guard let format = value["package_format"]?.stringValue, let id = value["package_id"]?.stringValue,
            let created = value["created_at"]?.stringValue,
            let name = sender["agency_name"]?.stringValue, let uscc = sender["agency_uscc"]?.stringValue,
            let division = sender["admin_division_code"]?.stringValue,
            let platform = receiver["platform_id"]?.stringValue,
            let version = value["format_version"]?.stringValue
        else { return nil }
        self.init(
            packageFormat: format, packageID: id, createdAt: created,
            sender: Sender(agencyName: name, agencyUSCC: uscc, adminDivisionCode: division),
            receiver: Receiver(platformID: platform), reportYear: year, formatVersion: version, entries: list)
    }
}
