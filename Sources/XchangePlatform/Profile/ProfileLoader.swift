import Foundation
import XchangeCore
import XchangeYAML

extension PlatformProfile {
    /// Loads a profile from a YAML file. Every problem is an error naming the file, line and
    /// column, and offers the nearest name for a misspelt one.
    public static func load(path: String) throws(Diagnostic) -> PlatformProfile {
        let input = try InputSource(path: path)
        let bytes: [UInt8]
        do {
            bytes = try input.readAll()
        } catch {
            throw Diagnostic.error("input.read", "cannot read \(path): \(error)")
        }
        return try parse(bytes, file: path)
    }

    /// Reads a profile from YAML text; `file` is the name errors show.
    public static func parse(_ bytes: [UInt8], file: String?) throws(Diagnostic) -> PlatformProfile {
        let documents: [YAMLNode]
        do {
            documents = try parseYAMLDocuments(bytes)
        } catch {
            let mark = error.mark
            throw Diagnostic.error(
                "profile.syntax", "not a readable YAML profile: \(error.message)",
                at: SourceReference(file: file, line: mark?.line, column: mark?.column))
        }
        guard documents.count == 1, let root = documents.first else {
            throw Diagnostic.error(
                "profile.syntax", "a profile is one YAML document, found \(documents.count)",
                at: SourceReference(file: file))
        }
        return try ProfileDecoder(file: file).decode(root)
    }
}

/// Turns a profile's YAML tree into a ``PlatformProfile``, checking every member.
private struct ProfileDecoder {
    let file: String?

    static let topKeys = ["platform_id", "name", "layout", "fields"]
    static let fieldKeys = ["code", "key", "required"]

    func decode(_ root: YAMLNode) throws(Diagnostic) -> PlatformProfile {
        let members = try mapping(root, what: "the profile", allowed: Self.topKeys)
        let platformID = try text(members, "platform_id", in: root)
        guard platformID.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"#, options: .regularExpression) != nil else {
            throw problem(
                "profile.value", "platform_id \"\(platformID)\" must be letters, digits, . _ - (at most 64)",
                at: members["platform_id"]!)
        }
        let name = try text(members, "name", in: root)
        let layoutText = try text(members, "layout", in: root)
        guard let layout = PlatformProfile.Layout(rawValue: layoutText) else {
            throw problem("profile.value", "layout is json or csv, not \"\(layoutText)\"", at: members["layout"]!)
        }
        guard let list = members["fields"] else { throw missing("fields", in: root) }
        guard let items = list.sequence, !items.isEmpty else {
            throw problem("profile.value", "fields must be a non-empty list of {code, key, required}", at: list)
        }
        var fields: [PlatformProfile.Field] = []
        var codes: [String: YAMLNode] = [:]
        var keys: [String: YAMLNode] = [:]
        for item in items {
            let field = try decodeField(item)
            if let first = codes[field.code] {
                throw problem(
                    "profile.duplicate", "field code \(field.code) is listed twice (first at line \(first.mark.line))",
                    at: item)
            }
            if let first = keys[field.key] {
                throw problem(
                    "profile.duplicate", "key \(field.key) is listed twice (first at line \(first.mark.line))", at: item
                )
            }
            codes[field.code] = item
            keys[field.key] = item
            fields.append(field)
        }
        return PlatformProfile(platformID: platformID, name: name, layout: layout, fields: fields)
    }

    private func decodeField(_ node: YAMLNode) throws(Diagnostic) -> PlatformProfile.Field {
        let members = try mapping(node, what: "a field", allowed: Self.fieldKeys)
        let code = try text(members, "code", in: node)
        let key = try text(members, "key", in: node)
        guard CanonicalSchema.v1.field(key) != nil else {
            let hint = CanonicalSchema.v1.nearestKey(to: key).map { "; did you mean \($0)?" } ?? ""
            throw problem(
                "profile.unknown-field", "\(key) is not a field of the canonical schema\(hint)", at: members["key"]!)
        }
        var required = false
        if let flag = members["required"] {
            switch flag.scalar?.value {
            case "true": required = true
            case "false": required = false
            default: throw problem("profile.value", "required is true or false", at: flag)
            }
        }
        return PlatformProfile.Field(code: code, key: key, required: required)
    }

    private func mapping(_ node: YAMLNode, what: String, allowed: [String]) throws(Diagnostic) -> [String: YAMLNode] {
        guard let pairs = node.mapping else {
            throw problem("profile.value", "\(what) must be a mapping", at: node)
        }
        var members: [String: YAMLNode] = [:]
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            guard allowed.contains(name) else {
                let hint = NearestName.find(name, among: allowed).map { "did you mean \($0)? " } ?? ""
                throw problem(
                    "profile.unknown-key",
                    "\(what) has no member \"\(name)\"; \(hint)it takes \(allowed.joined(separator: ", "))",
                    at: pair.key)
            }
            guard members[name] == nil else {
                throw problem("profile.duplicate", "\(name) is given twice in \(what)", at: pair.key)
            }
            members[name] = pair.value
        }
        return members
    }

    private func text(_ members: [String: YAMLNode], _ name: String, in parent: YAMLNode) throws(Diagnostic) -> String {
        guard let node = members[name] else { throw missing(name, in: parent) }
        guard let value = node.scalar?.value.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw problem("profile.value", "\(name) must be a non-empty text", at: node)
        }
        return value
    }

    private func missing(_ name: String, in node: YAMLNode) -> Diagnostic {
        problem("profile.missing", "\(name) is missing", at: node)
    }

    private func problem(_ code: String, _ message: String, at node: YAMLNode) -> Diagnostic {
        Diagnostic.error(code, message, at: SourceReference(file: file, line: node.mark.line, column: node.mark.column))
    }
}
