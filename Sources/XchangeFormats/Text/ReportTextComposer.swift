import XchangeCore

/// Composes one report's text.
struct ReportTextComposer {
    let report: Report
    let style: TextTableRenderer.Style

    private static let indent = "　　"

    /// The report text. Figures the text would not state on its own (the fee block, `legacy.*`
    /// figures of a report built from data) are added as sentences the reader reads back.
    func text() -> String {
        let first = compose(extra: [:])
        let missing = unstatedFigures(in: first)
        guard !missing.isEmpty else { return first }
        return compose(extra: missing)
    }

    // MARK: Document

    private func compose(extra: [String: String]) -> String {
        var lines = [title()]
        // The identifiers portals print above a report (索引号, 统一社会信用代码, …).
        for (label, key) in MetadataExtractor.identifierLines {
            if case .text(let value)? = report[key] { lines.append("\(label)：\(value)") }
        }
        if let metadata = extra["metadata"] { lines.append(metadata) }
        lines.append("")
        if let preamble = report.preamble { lines += section(preamble) + [""] }
        switch report.formatVersion ?? .unified2021 {
        case .legacyPre2019: lines += legacyParts(extra: extra)
        case let format: lines += nationalParts(format: format, feeSentence: extra["fee"])
        }
        lines += signature()
        return lines.joined(separator: "\n") + "\n"
    }

    private func title() -> String {
        let year = report.reportYear.map { "\($0)年" } ?? ""
        return (report.agencyName ?? "") + year + "政府信息公开工作年度报告"
    }

    /// Lines under the title for metadata the text itself does not state, one item per line
    /// as report pages print them ("统计期限：…", "电话：…"); the reader takes them back.
    private func metadataLines(unstatedIn reread: Report) -> String? {
        func unstated(_ key: String) -> Bool { report[key] != nil && reread[key] != report[key] }
        var lines: [String] = []
        if unstated("meta.statistics_period.from") || unstated("meta.statistics_period.to"),
            case .date(let from)? = report["meta.statistics_period.from"],
            case .date(let to)? = report["meta.statistics_period.to"]
        {
            lines.append("统计期限：\(chinese(from))至\(chinese(to))")
        }
        let contact = [
            ("联系机构", "meta.contact.office"), ("地址", "meta.contact.address"), ("邮编", "meta.contact.postcode"),
            ("电话", "meta.contact.phone"), ("电子邮箱", "meta.contact.email"), ("网址", "meta.contact.website"),
        ]
        for (label, key) in contact where unstated(key) {
            if let value = report[key] { lines.append("\(label)：\(value.plainText)") }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private func signature() -> [String] {
        var lines: [String] = []
        if let agency = report.agencyName { lines.append(agency) }
        if case .date(let date)? = report["meta.published_on"] { lines.append(chinese(date)) }
        return lines.isEmpty ? [] : [""] + lines
    }

    // MARK: National format

    private func nationalParts(format: FormatVersion, feeSentence: String?) -> [String] {
        let schema = CanonicalSchema.v1
        func heading(_ key: String) -> String { schema.sections.first { $0.key == key }?.label ?? key }
        func tableHeading(_ key: String) -> String { schema.tables.first { $0.key == key }?.label ?? key }
        let renderer = TextTableRenderer(style: style)
        var lines: [String] = []

        lines.append(heading("overview"))
        lines += report.overview.map(section) ?? []

        let t2Format = tableFormat(
            prefix2019: "active_disclosure_2019.", prefix2021: "active_disclosure.", default: format)
        let t2 = TableSpec.activeDisclosure(for: t2Format)
        lines.append(tableHeading(t2.key))
        let activeDisclosure = OfficialTableLayout.activeDisclosure(report, spec: t2, format: t2Format)
        lines += renderer.render(activeDisclosure.rows, headerRows: activeDisclosure.headerRows)

        lines.append(tableHeading("applications"))
        let t3Format = tableFormat(
            prefix2019: "applications.result.other_handling.", prefix2021: "applications.result.other_handling.",
            default: format)
        let applications = OfficialTableLayout.applications(report, spec: .applications, format: t3Format)
        lines += renderer.render(applications.rows, headerRows: applications.headerRows)

        lines.append(tableHeading("review_litigation"))
        let review = OfficialTableLayout.reviewLitigation(report, spec: .reviewLitigation)
        lines += renderer.render(review.rows, headerRows: review.headerRows)

        lines.append(heading("problems_and_improvements"))
        lines += report.problemsAndImprovements.map(section) ?? []
        lines.append(heading("other_matters"))
        lines += report.otherMatters.map(section) ?? []
        if let feeSentence { lines.append(Self.indent + feeSentence) }
        return lines
    }

    /// Which format's layout a table takes: the one whose cells the report holds (reports kept
    /// the 2019 table 二 after 2021), else the report's.
    private func tableFormat(prefix2019: String, prefix2021: String, default format: FormatVersion) -> FormatVersion {
        var has2019 = false
        var has2021 = false
        for (id, _) in report.values.present {
            let field = id.descriptor
            guard field.key.hasPrefix(prefix2019) || field.key.hasPrefix(prefix2021), field.formats.count == 1 else {
                continue
            }
            if field.formats[0] == .trial2019 {
                has2019 = true
            } else if field.formats[0] == .unified2021 {
                has2021 = true
            }
        }
        if has2021 != has2019 { return has2021 ? .unified2021 : .trial2019 }
        return format == .legacyPre2019 ? .unified2021 : format
    }

    // MARK: Narrative reports

    private func legacyParts(extra: [String: String]) -> [String] {
        var lines: [String] = []
        var placed: Set<String> = []
        let lastIndexByKey = Dictionary(
            report.legacySections.enumerated().compactMap { index, part in part.key.map { ($0, index) } },
            uniquingKeysWith: max)
        for (index, part) in report.legacySections.enumerated() {
            lines.append(part.heading)
            lines += paragraphs(part.text)
            if let key = part.key, lastIndexByKey[key] == index, let sentence = extra[key] {
                lines.append(Self.indent + sentence)
                placed.insert(key)
            }
        }
        // Figures whose part the report does not have get a part of their own.
        var number = report.legacySections.filter {
            Numbering.parse(NormalizedText.pattern($0.heading), at: 0)?.numbering.isParenthesized == false
        }.count
        for legacy in CanonicalSchema.v1.legacySections where extra[legacy.key] != nil && !placed.contains(legacy.key) {
            number += 1
            lines.append("\(Numbering.chineseText(number))、\(legacy.label)")
            lines.append(Self.indent + extra[legacy.key]!)
        }
        if let facts = extra["facts"] {
            number += 1
            lines.append("\(Numbering.chineseText(number))、其他数据")
            lines += paragraphs(facts)
        }
        return lines
    }

    // MARK: Figures the text must state

    /// Reads the composed text back and returns sentences for the figures it does not state.
    private func unstatedFigures(in text: String) -> [String: String] {
        var settings = ReportTextParser.Settings()
        settings.era = report.formatVersion
        settings.keepsProvenance = false
        let reread =
            (try? ReportTextParser(text: ReportText(text, file: nil), settings: settings, diagnostics: DiagnosticList())
                .parse()) ?? Report()
        var extra: [String: String] = [:]
        extra["metadata"] = metadataLines(unstatedIn: reread)
        if report.formatVersion == .legacyPre2019 {
            let missing = report.values.present.map(\.id.key).filter {
                $0.hasPrefix("legacy.") && reread[$0] != report[$0]
            }
            extra.merge(LegacyFigureSentences.sentences(for: missing, in: report)) { current, _ in current }
            // A fact is stated when the text gives it back: its label is in the text, or reading
            // the text finds it again (the values of a statistics table kept in a part's text).
            let givenBack = Set(reread.facts.map { "\($0.label)\u{0}\(LiteralBytes.string($0.value))" })
            let unstated = report.facts.filter { fact in
                !text.contains(fact.label)
                    && !givenBack.contains("\(fact.label)\u{0}\(LiteralBytes.string(fact.value))")
            }
            if !unstated.isEmpty {
                extra["facts"] = unstated.map { "\($0.label)：\(LiteralBytes.string($0.value))\($0.unit ?? "")。" }
                    .joined(
                        separator: "\n")
            }
        } else if let sentence = feeSentence(unlessStatedIn: reread) {
            extra["fee"] = sentence
        }
        return extra
    }

    /// The fee block as the line the reader takes back into the fee fields (not into the
    /// section's text): "信息处理费收取情况：本年度发出收费通知3件，收取信息处理费400元。"
    private func feeSentence(unlessStatedIn reread: Report) -> String? {
        let keys = ["charged", "amount_yuan", "notices_issued"].map { "other_matters.information_processing_fee." + $0 }
        guard keys.contains(where: { report[$0] != nil && report[$0] != reread[$0] }) else { return nil }
        var clauses: [String] = []
        if case .integer(let notices)? = report[keys[2]] { clauses.append("本年度发出收费通知\(notices)件") }
        switch (report[keys[0]], report[keys[1]]) {
        case (.flag(false)?, _), (nil, .decimal(0)?):
            clauses.append("未收取信息处理费")
        case (_, .decimal(let amount)?):
            clauses.append("收取信息处理费\(LiteralBytes.string(amount))元")
        case (.flag(true)?, nil):
            clauses.append("依法收取了信息处理费")
        default: break
        }
        return clauses.isEmpty ? nil : FeeStatementReader.blockLabel + clauses.joined(separator: "，") + "。"
    }

    // MARK: Text

    private func section(_ section: TextSection) -> [String] {
        var lines = paragraphs(section.text ?? "")
        for subsection in section.subsections {
            lines.append(Self.indent + subsection.heading)
            lines += paragraphs(subsection.text)
        }
        return lines
    }

    private func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { Self.indent + $0 }
    }

    private func chinese(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }
}
