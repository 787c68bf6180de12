import Foundation
import XchangeCore
import XchangeYAML

/// A province's own spreadsheet headers mapped onto canonical keys: the csv reader's `columns`
/// option. A map file is a plain YAML mapping `header: canonical.key`; the option may also hold
/// the mapping inline (`{受理数: applications.new_received.total}`).
public struct CSVColumnMap: Sendable {
    /// Header → wide column, in the map's order; headers are compared trimmed and normalised.
    let columns: [String: WideColumn]
    /// The map file, or `columns option` for an inline map: for messages.
    public let name: String

    /// Reads the option's value: an inline `{…}` mapping, or the path of a map file.
    public static func load(_ option: String) throws(Diagnostic) -> CSVColumnMap {
        let trimmed = option.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") { return try parse(Array(trimmed.utf8), file: "given in the columns option") }
        let input = try InputSource(path: option)
        let bytes: [UInt8]
        do { bytes = try input.readAll() } catch {
            throw Diagnostic.error("input.read", "cannot read \(option): \(error)")
        }
        return try parse(bytes, file: option)
    }

    /// Parses a map's YAML text; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> CSVColumnMap {
        let documents: [YAMLNode]
        do { documents = try parseYAMLDocuments(bytes) } catch {
            throw Diagnostic.error(
                "csv.map-syntax", "\(file) is not valid YAML: \(error.message)",
                at: SourceReference(file: file, line: error.mark?.line, column: error.mark?.column))
        }
        guard documents.count == 1, let node = documents.first else {
            throw Diagnostic.error(
                "csv.map-syntax", "\(file) must hold one mapping of header: canonical.key",
                at: SourceReference(file: file))
        }
        return try CSVColumnMap(node, file: file)
    }

    /// Reads a mapping node (from a map file, or inline in a pipeline file named `file`).
    /// A value naming no canonical key is an error at its line, with the nearest key.
    public init(_ node: YAMLNode, file: String) throws(Diagnostic) {
        guard let pairs = node.mapping else {
            throw Diagnostic.error(
                "csv.map-syntax", "\(file) must be a mapping of header: canonical.key",
                at: SourceReference(file: file, line: node.mark.line, column: node.mark.column))
        }
        var columns: [String: WideColumn] = [:]
        for pair in pairs {
            guard let header = pair.key.scalar?.value, let key = pair.value.scalar?.value else {
                throw Diagnostic.error(
                    "csv.map-syntax", "each entry of \(file) is header: canonical.key",
                    at: SourceReference(file: file, line: pair.key.mark.line, column: pair.key.mark.column))
            }
            let at = SourceReference(file: file, line: pair.value.mark.line, column: pair.value.mark.column)
            guard let column = Self.canonicalColumn(key) else {
                let hint =
                    NearestName.find(key, among: WideColumns.all.map(WideColumns.key))
                    ?? CanonicalSchema.v1.nearestKey(to: key)
                throw Diagnostic.error(
                    "csv.map-unknown-key",
                    "\(header): \(key) is not a canonical key\(hint.map { "; did you mean \($0)?" } ?? "")", at: at)
            }
            let normalized = LabelText.normalized(header)
            guard columns[normalized] == nil else {
                throw Diagnostic.error("csv.map-syntax", "the header \(header) is mapped twice", at: at)
            }
            columns[normalized] = column
        }
        self.columns = columns
        self.name = file
    }

    /// The mapping as an inline option value, so that a map given inline in a pipeline file
    /// reaches the csv reader through its ordinary options.
    public static func inlineOption(_ entries: [(header: String, key: String)]) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + entries.map { quoted($0.header) + ": " + quoted($0.key) }.joined(separator: ", ") + "}"
    }

    /// Whether a map value names a wide column by its canonical key.
    public static func isCanonicalKey(_ key: String) -> Bool { canonicalColumn(key) != nil }

    static func canonicalColumn(_ key: String) -> WideColumn? {
        if let id = CanonicalSchema.v1.fieldID(key) { return .field(id) }
        return WideColumns.all.first { WideColumns.key($0) == key }
    }

    /// The column a header names through the map.
    func column(forHeader header: String) -> WideColumn? {
        columns[LabelText.normalized(header)]
    }
}
