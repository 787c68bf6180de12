import Foundation
import XchangeCore

/// Reads a report from the canonical nested form (JSON or YAML), checking every key against
/// the schema and every value against its field's type.
///
/// Every problem is reported to the collector with its line, column and field path; when there
/// were any, decoding ends by throwing one summary error, so nothing half-read is passed on.
public struct CanonicalDecoder {
    /// The file name diagnostics carry.
    public var file: String?
    public let diagnostics: any DiagnosticCollector
    /// Stop collecting after this many errors in one report.
    public var errorLimit = 20
    /// Record where each field value was written as its provenance (for findings that point
    /// at the line of a figure).
    public var recordsPositions = false

    public init(file: String?, diagnostics: any DiagnosticCollector, recordsPositions: Bool = false) {
        self.file = file
        self.diagnostics = diagnostics
        self.recordsPositions = recordsPositions
    }

    /// Decodes one report. `ordinal` (1-based) names the report in a multi-report input.
    public func decode<Node: DocumentNode>(_ node: Node, ordinal: Int? = nil) throws(Diagnostic) -> Report {
        var state = DecodingState(file: file, diagnostics: diagnostics, errorLimit: errorLimit)
        state.recordsPositions = recordsPositions
        var report = Report()
        // Room for a position of every field at once, rather than rehashing every key as they grow.
        if recordsPositions { report.provenance.reserveCapacity(CanonicalSchema.v1.fields.count) }
        guard case .object(let members) = node.content else {
            state.error(
                "report.shape", "expected a report (an object of meta, applications, …), found \(node.content.summary)",
                at: node.position, field: nil)
            throw state.failure(ordinal: ordinal)
        }
        state.readObject(members, layout: CanonicalLayout.shared.root, into: &report)
        if state.errorCount > 0 { throw state.failure(ordinal: ordinal) }
        return report
    }
}

/// The mutable part of decoding one report: where errors go and how many there were.
struct DecodingState {
    let file: String?
    let diagnostics: any DiagnosticCollector
    let errorLimit: Int
    var recordsPositions = false
    private(set) var errorCount = 0
    private var firstError: Diagnostic?

    init(file: String?, diagnostics: any DiagnosticCollector, errorLimit: Int) {
        self.file = file
        self.diagnostics = diagnostics
        self.errorLimit = errorLimit
    }

    mutating func error(_ code: String, _ message: String, at position: DocumentPosition?, field: String?) {
        errorCount += 1
        guard errorCount <= errorLimit else { return }
        let location = SourceReference(file: file, line: position?.line, column: position?.column)
        let diagnostic = Diagnostic.error(code, message, at: location, field: field)
        if firstError == nil { firstError = diagnostic }
        diagnostics.report(diagnostic)
    }

    func failure(ordinal: Int?) -> Diagnostic {
        let which = ordinal.map { "report \($0)" } ?? "the report"
        let count = errorCount == 1 ? "an error" : "\(errorCount) errors"
        // Placed at the first error, so that even this summary points at the place to fix.
        return Diagnostic(
            .error, code: "input.invalid", message: "\(which) has \(count); nothing was written",
            location: firstError?.location ?? file.map { SourceReference(file: $0) })
    }

    mutating func readObject<Members: Collection, Node: DocumentNode>(
        _ members: Members, layout: CanonicalLayout.Node, into report: inout Report
    ) where Members.Element == DocumentMember<Node> {
        var seen = [Bool](repeating: false, count: layout.children.count)
        for member in members {
            guard let index = layout.childIndex[member.key] else {
                let path = layout.path.isEmpty ? member.key : layout.path + "." + member.key
                let suggestion =
                    CanonicalSchema.v1.nearestKey(to: path)
                    ?? NearestName.find(member.key, among: layout.children.map(\.name)).map {
                        layout.path.isEmpty ? $0 : layout.path + "." + $0
                    }
                error(
                    "key.unknown", "unknown key" + (suggestion.map { "; did you mean \($0)?" } ?? ""),
                    at: member.position, field: path)
                continue
            }
            guard !seen[index] else {
                let path = layout.path.isEmpty ? member.key : layout.path + "." + member.key
                error("key.duplicate", "the key \(member.key) appears twice", at: member.position, field: path)
                continue
            }
            seen[index] = true
            let entry = layout.children[index].entry
            // Table cells are most of a report: read them without building their path.
            if case .field(let id) = entry {
                readField(member.value, id: id, at: member.position, into: &report)
            } else {
                let path = layout.path.isEmpty ? member.key : layout.path + "." + member.key
                read(member.value, as: entry, path: path, at: member.position, into: &report)
            }
        }
    }

    private mutating func readField<Node: DocumentNode>(
        _ node: Node, id: FieldID, at position: DocumentPosition?, into report: inout Report
    ) {
        let content = node.content
        if case .null = content { return }  // null is an absent value, never 0
        switch FieldValueDecoding.value(content, for: id) {
        case .success(let value):
            report.values[id] = value
            if recordsPositions, let at = position ?? node.position {
                report.provenance[id.key] = SourceReference(file: file, line: at.line, column: at.column)
            }
        case .failure(let problem):
            error("value.type", problem.message, at: position ?? node.position, field: id.key)
        }
    }

    private mutating func read<Node: DocumentNode>(
        _ node: Node, as entry: CanonicalLayout.Entry, path: String, at position: DocumentPosition?,
        into report: inout Report
    ) {
        let content = node.content
        if case .null = content { return }  // null is an absent value, never 0
        let here = position ?? node.position
        switch entry {
        case .field(let id):
            readField(node, id: id, at: here, into: &report)
        case .object(let child):
            switch content {
            case .object(let members):
                readObject(members, layout: child, into: &report)
            case .string(let text) where child.child("text") != nil:
                // `overview: "…"` is shorthand for a section with only body text.
                if let section = child.sectionKey { report[section: section, default: TextSection()].text = text }
            default:
                error("value.type", "expected an object, found \(content.summary)", at: here, field: path)
            }
        case .sectionText(let section):
            guard case .string(let text) = content else {
                return error("value.type", "expected text, found \(content.summary)", at: here, field: path)
            }
            report[section: section, default: TextSection()].text = text
        case .sectionSubsections(let section):
            if let subsections = readSubsections(content, path: path, at: here) {
                report[section: section, default: TextSection()].subsections = subsections
            }
        case .legacySections:
            if let subsections = readSubsections(content, path: path, at: here) { report.legacySections = subsections }
        case .facts:
            readFacts(content, path: path, at: here, into: &report)
        case .provenance:
            guard case .object(let members) = content else {
                return error(
                    "value.type", "expected an object of key → source, found \(content.summary)", at: here, field: path)
            }
            for member in members {
                if let source = readSource(member.value, path: path + "." + member.key, at: member.position) {
                    report.provenance[member.key] = source
                }
            }
        }
    }

    private mutating func readSubsections<Node: DocumentNode>(
        _ content: DocumentContent<Node>, path: String, at position: DocumentPosition?
    ) -> [Subsection]? {
        guard case .array(let items) = content else {
            error(
                "value.type", "expected a list of {heading, key, text}, found \(content.summary)", at: position,
                field: path)
            return nil
        }
        var subsections: [Subsection] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let fields = strings(item, allowed: ["heading", "key", "text"], path: itemPath) else { continue }
            guard let heading = fields["heading"] else {
                error("value.missing", "a subsection needs a heading", at: item.position, field: itemPath)
                continue
            }
            subsections.append(Subsection(heading: heading, key: fields["key"], text: fields["text"] ?? ""))
        }
        return subsections
    }

    private mutating func readFacts<Node: DocumentNode>(
        _ content: DocumentContent<Node>, path: String, at position: DocumentPosition?, into report: inout Report
    ) {
        guard case .array(let items) = content else {
            return error("value.type", "expected a list of facts, found \(content.summary)", at: position, field: path)
        }
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .object(let members) = item.content else {
                error(
                    "value.type", "expected a fact {label, value, unit}, found \(item.content.summary)",
                    at: item.position, field: itemPath)
                continue
            }
            var label: String?
            var value: Decimal?
            var unit: String?
            var key: String?
            var source: SourceReference?
            for member in members {
                let memberPath = itemPath + "." + member.key
                switch (member.key, member.value.content) {
                case ("label", .string(let text)): label = text
                case ("unit", .string(let text)): unit = text
                case ("key", .string(let text)): key = text
                case ("value", .number(let literal)):
                    value = DecimalText.parse(literal)
                    if value == nil {
                        error(
                            "value.type", "\(literal) is not a decimal number", at: member.position, field: memberPath)
                    }
                case ("source", _): source = readSource(member.value, path: memberPath, at: member.position)
                case ("label", let other), ("unit", let other), ("key", let other), ("value", let other):
                    error("value.type", "unexpected \(other.summary)", at: member.position, field: memberPath)
                default:
                    let hint =
                        NearestName.find(member.key, among: ["label", "value", "unit", "key", "source"]).map {
                            "; did you mean \($0)?"
                        } ?? ""
                    error("key.unknown", "unknown key \(memberPath)\(hint)", at: member.position, field: memberPath)
                }
            }
            guard let label, let value else {
                error("value.missing", "a fact needs a label and a value", at: item.position, field: itemPath)
                continue
            }
            report.facts.append(Fact(label: label, value: value, unit: unit, key: key, source: source))
        }
    }

    private mutating func readSource<Node: DocumentNode>(
        _ node: Node, path: String, at position: DocumentPosition?
    ) -> SourceReference? {
        guard case .object(let members) = node.content else {
            error(
                "value.type", "expected a source {file, line, column, snippet}, found \(node.content.summary)",
                at: position, field: path)
            return nil
        }
        var source = SourceReference()
        for member in members {
            switch (member.key, member.value.content) {
            case ("file", .string(let text)): source.file = text
            case ("snippet", .string(let text)): source.snippet = text
            case ("line", .number(let literal)) where Int(literal) != nil: source.line = Int(literal)
            case ("column", .number(let literal)) where Int(literal) != nil: source.column = Int(literal)
            default:
                error(
                    "key.unknown",
                    "unexpected \(member.key) (\(member.value.content.summary)) in a source; it takes file, line, column, snippet",
                    at: member.position, field: path + "." + member.key)
            }
        }
        return source
    }

    /// An object whose members are all strings, restricted to `allowed` keys.
    private mutating func strings<Node: DocumentNode>(
        _ node: Node, allowed: [String], path: String
    ) -> [String: String]? {
        guard case .object(let members) = node.content else {
            error("value.type", "expected an object, found \(node.content.summary)", at: node.position, field: path)
            return nil
        }
        var result: [String: String] = [:]
        for member in members {
            guard allowed.contains(member.key) else {
                let hint = NearestName.find(member.key, among: allowed).map { "; did you mean \($0)?" } ?? ""
                error(
                    "key.unknown", "unknown key \(path).\(member.key)\(hint)", at: member.position,
                    field: path + "." + member.key)
                continue
            }
            switch member.value.content {
            case .string(let text): result[member.key] = text
            case .null: break
            case let other:
                error(
                    "value.type", "expected text, found \(other.summary)", at: member.position,
                    field: path + "." + member.key)
            }
        }
        return result
    }
}

extension CanonicalLayout.Node {
    /// The text section this object holds, if it is one.
    var sectionKey: SectionKey? {
        if case .sectionText(let key)? = child("text") { return key }
        return nil
    }
}
