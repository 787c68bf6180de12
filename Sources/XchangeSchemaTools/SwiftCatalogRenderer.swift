import XchangeCore

/// Renders a schema as the Swift source of ``CanonicalSchema/v1``
/// (`Sources/XchangeCore/Schema/CanonicalSchema+Generated.swift`).
public enum SwiftCatalogRenderer {
    public static func render(_ schema: CanonicalSchema) -> String {
        var out: [String] = [
            // Generated code is compared with the renderer's output, so the formatter leaves it be.
            "// swift-format-ignore-file",
            "// Generated from schemas/disclosure-report.v1.yaml by `xchange schema --swift`. Do not edit.",
            "// Regenerate with: swift package --allow-writing-to-package-directory generate-schema-code",
            "",
            "extension CanonicalSchema {",
            "    /// Version \(schema.version) of the canonical schema, as defined in `schemas/disclosure-report.v1.yaml`.",
            "    public static let v\(schema.version) = CanonicalSchema(",
            "        id: \(literal(schema.id)),",
            "        version: \(schema.version),",
            "        fields: generatedFields,",
            "        sections: generatedSections,",
            "        tables: generatedTables,",
            "        legacySections: generatedLegacySections,",
            "        labelAliases: generatedLabelAliases,",
            "        rules: generatedRules",
            "    )",
            "}",
            "",
            "private let generatedFields: [FieldDescriptor] = [",
        ]
        for field in schema.fields {
            var arguments = [
                "key: \(literal(field.key))", "kind: .\(caseName(field.kind))", "label: \(literal(field.label))",
            ]
            if let unit = field.unit { arguments.append("unit: \(literal(unit))") }
            if !field.formats.isEmpty { arguments.append("formats: \(formats(field.formats))") }
            if !field.values.isEmpty { arguments.append("values: \(literal(field.values))") }
            if let pattern = field.pattern { arguments.append("pattern: \(literal(pattern))") }
            if !field.aliases.isEmpty { arguments.append("aliases: \(literal(field.aliases))") }
            if let summary = field.summary { arguments.append("summary: \(literal(summary))") }
            out.append("    FieldDescriptor(\(arguments.joined(separator: ", "))),")
        }
        out += ["]", "", "private let generatedSections: [SectionDescriptor] = ["]
        for section in schema.sections {
            var arguments = ["key: \(literal(section.key))", "label: \(literal(section.label))"]
            if !section.aliases.isEmpty { arguments.append("aliases: \(literal(section.aliases))") }
            if !section.subsections.isEmpty {
                let items = section.subsections.map {
                    "SubsectionDescriptor(key: \(literal($0.key)), label: \(literal($0.label)))"
                }
                arguments.append("subsections: [\(items.joined(separator: ", "))]")
            }
            if let summary = section.summary { arguments.append("summary: \(literal(summary))") }
            out.append("    SectionDescriptor(\(arguments.joined(separator: ", "))),")
        }
        out += ["]", "", "private let generatedTables: [TableDescriptor] = ["]
        for table in schema.tables {
            var arguments = ["key: \(literal(table.key))", "label: \(literal(table.label))"]
            if !table.aliases.isEmpty { arguments.append("aliases: \(literal(table.aliases))") }
            if !table.formats.isEmpty { arguments.append("formats: \(formats(table.formats))") }
            out.append("    TableDescriptor(\(arguments.joined(separator: ", "))),")
        }
        out += ["]", "", "private let generatedLegacySections: [LegacySectionDescriptor] = ["]
        for section in schema.legacySections {
            var arguments = ["key: \(literal(section.key))", "label: \(literal(section.label))"]
            if !section.aliases.isEmpty { arguments.append("aliases: \(literal(section.aliases))") }
            out.append("    LegacySectionDescriptor(\(arguments.joined(separator: ", "))),")
        }
        out += ["]", "", "private let generatedLabelAliases: [String: [String]] = ["]
        for (label, aliases) in schema.labelAliases.sorted(by: { $0.key < $1.key }) {
            out.append("    \(literal(label)): \(literal(aliases)),")
        }
        out += ["]", "", "private let generatedRules: [RuleDescriptor] = ["]
        for rule in schema.rules {
            var arguments = ["id: \(literal(rule.id))", "severity: .\(rule.severity.rawValue)"]
            if !rule.formats.isEmpty { arguments.append("formats: \(formats(rule.formats))") }
            arguments += [
                "title: \(literal(rule.title))", "message: \(literal(rule.message))", "check: \(check(rule.check))",
            ]
            out.append("    RuleDescriptor(")
            out.append("        " + arguments.joined(separator: ",\n        "))
            out.append("    ),")
        }
        out.append("]")
        return out.joined(separator: "\n") + "\n"
    }

    private static func check(_ check: RuleCheck) -> String {
        switch check {
        case .sumEqual(let terms): ".sumEqual(\(sum(terms)))"
        case .sumAtMost(let terms): ".sumAtMost(\(sum(terms)))"
        case .crossYearEqual(let terms): ".crossYearEqual(\(crossYear(terms)))"
        case .crossYearBalance(let terms): ".crossYearBalance(\(crossYear(terms)))"
        case .types(let prefix): ".types(prefix: \(literal(prefix)))"
        case .factsMatch(let keys): ".factsMatch(keys: \(literal(keys)))"
        case .usccCheck(let key): ".usccCheck(key: \(literal(key)))"
        case .orgCodeCheck(let key): ".orgCodeCheck(key: \(literal(key)))"
        case .dateOrder(let from, let to): ".dateOrder(from: \(literal(from)), to: \(literal(to)))"
        }
    }

    private static func sum(_ terms: SumTerms) -> String {
        var arguments: [String] = []
        if let variable = terms.forEach { arguments.append("forEach: \(loop(variable))") }
        arguments += ["path: \(literal(terms.path))", "left: \(literal(terms.left))", "right: \(literal(terms.right))"]
        if terms.whenBlank != .warn { arguments.append("whenBlank: .\(terms.whenBlank.rawValue)") }
        return "SumTerms(\(arguments.joined(separator: ", ")))"
    }

    private static func crossYear(_ terms: CrossYearTerms) -> String {
        var arguments: [String] = []
        if let variable = terms.forEach { arguments.append("forEach: \(loop(variable))") }
        arguments += [
            "path: \(literal(terms.path))", "current: \(literal(terms.current))",
            "previous: \(literal(terms.previous))",
        ]
        if !terms.plus.isEmpty { arguments.append("plus: \(literal(terms.plus))") }
        if !terms.minus.isEmpty { arguments.append("minus: \(literal(terms.minus))") }
        return "CrossYearTerms(\(arguments.joined(separator: ", ")))"
    }

    private static func loop(_ variable: LoopVariable) -> String {
        "LoopVariable(name: \(literal(variable.name)), values: \(literal(variable.values)))"
    }

    private static func formats(_ formats: [FormatVersion]) -> String {
        "[" + formats.map { ".\(caseName($0))" }.joined(separator: ", ") + "]"
    }

    private static func caseName(_ kind: FieldKind) -> String {
        switch kind {
        case .signedCount: "signedCount"
        default: kind.rawValue
        }
    }

    private static func caseName(_ format: FormatVersion) -> String {
        switch format {
        case .legacyPre2019: "legacyPre2019"
        case .trial2019: "trial2019"
        case .unified2021: "unified2021"
        }
    }

    private static func literal(_ values: [String]) -> String {
        "[" + values.map(literal).joined(separator: ", ") + "]"
    }

    /// A Swift string literal: quotes, backslashes and control characters escaped.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
