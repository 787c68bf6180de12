import Foundation
import XchangeCore
import XchangeJSON

/// The report in a platform's own field layout: `fields.json` or `fields.csv`, as the profile
/// says. Fields the report does not have are left out; their order is the profile's.
enum FieldLayout {
    /// The entry's bytes.
    static func render(_ report: Report, profile: PlatformProfile) -> [UInt8] {
        let present = profile.fields.compactMap { field in report[field.key].map { (code: field.code, value: $0) } }
        switch profile.layout {
        case .json:
            let fields = present.map { JSONMember(key: $0.code, value: jsonValue($0.value)) }
            let document = JSONValue.object([
                JSONMember(key: "platform_id", value: .string(profile.platformID)),
                JSONMember(key: "fields", value: .object(fields)),
            ])
            return JSONWriter.encode(document) + [0x0A]
        case .csv:
            var text = "code,value\n"
            for field in present {
                text += csvCell(field.code) + "," + csvCell(field.value.plainText) + "\n"
            }
            return Array(text.utf8)
        }
    }

    /// Counts, money and percentages as JSON numbers (exactly as the report has them), flags as
    /// booleans, everything else as strings.
    private static func jsonValue(_ value: FieldValue) -> JSONValue {
        switch value {
        case .integer, .decimal, .percentage: .number(value.plainText)
        case .flag(let flag): .bool(flag)
        case .text, .date: .string(value.plainText)
        }
    }

    /// RFC 4180: quoted when the text holds a comma, quote or line break.
    private static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
