import XchangeCore

/// Reads a report text into the canonical model: metadata, the six parts with their text and
/// tables for 2019/2021-format reports, the parts and `legacy.*` figures of narrative reports,
/// and every other figure as a fact.
struct ReportTextParser {
    /// Settings a caller may give.
    struct Settings {
        /// Read as this format instead of detecting it.
        var era: FormatVersion?
        var keepsProvenance = true
    }

    let text: ReportText
    let settings: Settings
    let diagnostics: any DiagnosticCollector

    func parse() throws(Diagnostic) -> Report {
        let builder = ReportBuilder(text: text, keepsProvenance: settings.keepsProvenance, diagnostics: diagnostics)
        let normalized = builder.normalized
        let unified = SectionSplitter.unified(text, normalized, in: 0..<text.count)
        let frame = PageFrame(text, firstHeading: unified.first?.heading.lowerBound)
        let legacy = SectionSplitter.legacy(text, in: frame.bodyStart..<frame.bodyEnd)
        func preamble(before heading: SectionSpan?) -> Range<Int> {
            frame.bodyStart..<max(frame.bodyStart, min(heading?.heading.lowerBound ?? frame.bodyEnd, frame.bodyEnd))
        }
        // Before the era is known, the preamble runs to the first heading of either kind.
        let firstHeading = [unified.first, legacy.first].compactMap { $0 }.min {
            $0.heading.lowerBound < $1.heading.lowerBound
        }
        let opening = preamble(before: firstHeading)

        MetadataExtractor(builder: builder, frame: frame).extract(preamble: opening.isEmpty ? nil : opening)
        let year = builder.report.reportYear ?? probableYear(builder)
        let era = settings.era ?? EraDetector.detect(normalized, year: year, unifiedHeadings: unified.count)
        builder.setFormat(era)

        var tableCells = 0
        switch era {
        case .unified2021, .trial2019:
            tableCells = readUnified(
                builder, unified: unified, frame: frame, preamble: preamble(before: unified.first), era: era)
        case .legacyPre2019:
            readLegacy(builder, parts: legacy, frame: frame, preamble: preamble(before: legacy.first))
        }
        try checkIsReport(
            builder, headings: era == .legacyPre2019 ? legacy.count : unified.count, tableCells: tableCells,
            frame: frame)
        try checkHoldsSomething(builder.report)
        return builder.report
    }

    // MARK: 2019 and 2021 formats

    private func readUnified(
        _ builder: ReportBuilder, unified: [SectionSpan], frame: PageFrame, preamble: Range<Int>, era: FormatVersion
    ) -> Int {
        let normalized = builder.normalized
        var spans = unified
        if let last = spans.indices.last {
            spans[last].body = spans[last].body.lowerBound..<max(spans[last].body.lowerBound, frame.bodyEnd)
        }
        func span(_ key: String) -> SectionSpan? { spans.first { $0.key == key } }

        builder.setSection(.preamble, SubsectionSplitter.section(text, preamble, key: "preamble"), from: preamble)
        for (key, section) in [
            ("overview", SectionKey.overview), ("problems_and_improvements", .problemsAndImprovements),
            ("other_matters", .otherMatters),
        ] {
            guard let part = span(key) else { continue }
            builder.markPlaced(part.heading)
            var body = part.body
            if key == "other_matters", let feeBlock = FeeStatementReader.blockLine(in: body, of: text) {
                body = body.lowerBound..<feeBlock.lowerBound
            }
            builder.setSection(section, SubsectionSplitter.section(text, body, key: key), from: part.heading)
        }

        // Tables: each in its own part; a table whose heading is missing is looked for in the
        // text between its neighbours.
        let tableKeys = ["active_disclosure", "applications", "review_litigation"]
        // The running text outside the table parts, whose figures may decide run-together cells.
        let narrative = [preamble] + spans.filter { !tableKeys.contains($0.key ?? "") }.flatMap { prose(in: $0.body) }
        for (index, key) in tableKeys.enumerated() {
            let region: Range<Int>
            if let part = span(key) {
                builder.markPlaced(part.heading)
                region = part.body
            } else {
                let previous = spans.last { $0.number < index + 2 }?.body.lowerBound ?? frame.bodyStart
                let next = spans.first { $0.number > index + 2 }?.heading.lowerBound ?? frame.bodyEnd
                region = previous..<max(previous, next)
            }
            let spec: TableSpec
            switch key {
            case "active_disclosure": spec = activeDisclosureSpec(in: region, normalized: normalized, era: era)
            case "applications": spec = .applications
            default: spec = .reviewLitigation
            }
            let normalizedRegion =
                normalized.index(atOriginal: region.lowerBound)..<normalized.index(atOriginal: region.upperBound)
            if let occupied = TableReader(spec: spec, builder: builder, format: era, narrative: narrative).read(
                in: normalizedRegion)
            {
                builder.markPlaced(occupied)
            }
        }

        // The fee statement after the tables: its fields come after theirs in the schema, and
        // values set in schema order are appended, not inserted among those already set.
        if let other = span("other_matters") { FeeStatementReader(builder: builder).read(in: other.body) }

        // Facts from all running text: the text parts and any prose around the tables.
        let extractor = FactExtractor(builder: builder, linksTableFigures: true)
        for range in [preamble] + spans.flatMap({ prose(in: $0.body) }) {
            extractor.extract(in: range)
        }
        return builder.report.values.presence.intersection(Self.tableFields).count
    }

    /// The cells of the report tables (二 to 四, of either format), which make a text a report.
    private static let tableFields = fields(keyedUnder: [
        "active_disclosure.", "active_disclosure_2019.", "applications.", "review_litigation.",
    ])
    /// The quantities of a narrative report ("主动公开政府信息86条").
    private static let legacyFields = fields(keyedUnder: ["legacy."])

    private static func fields(keyedUnder prefixes: [String]) -> FieldSet {
        FieldSet(
            CanonicalSchema.v1.fields.indices.map(FieldID.init(index:)).filter { id in
                prefixes.contains { id.key.hasPrefix($0) }
            })
    }

    /// The running text of a part: its lead and the bodies of its sub-parts, without headings.
    private func prose(in body: Range<Int>) -> [Range<Int>] {
        let (lead, parts) = SubsectionSplitter.split(text, body)
        return [lead] + parts.map(\.body)
    }

    /// Table 二 of whichever format its column headings show (reports kept the 2019 layout
    /// after 2021), else of the report's format.
    private func activeDisclosureSpec(
        in region: Range<Int>, normalized: NormalizedText, era: FormatVersion
    ) -> TableSpec {
        let range = normalized.index(atOriginal: region.lowerBound)..<normalized.index(atOriginal: region.upperBound)
        func votes(_ patterns: [[Unicode.Scalar]]) -> Int {
            patterns.filter { normalized.firstIndex(of: $0, in: range) != nil }.count
        }
        let unified = votes(Self.unifiedColumnPatterns)
        let trial = votes(Self.trialColumnPatterns)
        if unified != trial { return unified > trial ? .activeDisclosure : .activeDisclosure2019 }
        return .activeDisclosure(for: era)
    }

    /// Column headings of table 二 only the 2021 format prints, in comparison form.
    private static let unifiedColumnPatterns = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"].map(
        NormalizedText.pattern)
    /// Column headings of table 二 only the 2019 trial format prints, in comparison form.
    private static let trialColumnPatterns = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量"].map(
        NormalizedText.pattern)

    // MARK: Narrative reports

    private func readLegacy(_ builder: ReportBuilder, parts: [SectionSpan], frame: PageFrame, preamble: Range<Int>) {
        builder.setSection(.preamble, SubsectionSplitter.section(text, preamble, key: "preamble"), from: preamble)
        var keyed: [(range: Range<Int>, key: String?)] = []
        var proseRanges = [preamble]
        for (index, part) in parts.enumerated() {
            var body = part.body
            if index == parts.count - 1 { body = body.lowerBound..<max(body.lowerBound, frame.bodyEnd) }
            builder.markPlaced(part.heading)
            let (lead, subparts) = SubsectionSplitter.split(text, body)
            builder.appendLegacySection(
                Subsection(
                    heading: text.trimmedString(part.heading), key: part.key,
                    text: SubsectionSplitter.paragraphs(text, lead) ?? ""))
            keyed.append((part.heading.lowerBound..<lead.upperBound, part.key))
            proseRanges.append(lead)
            for subpart in subparts {
                let heading = text.trimmedString(subpart.heading)
                let key = HeadingKeys.legacyKey(heading)
                builder.markPlaced(subpart.heading)
                builder.appendLegacySection(
                    Subsection(
                        heading: heading, key: key, text: SubsectionSplitter.paragraphs(text, subpart.body) ?? ""))
                keyed.append((subpart.heading.lowerBound..<subpart.body.upperBound, key ?? part.key))
                proseRanges.append(subpart.body)
            }
        }
        // The appended statistics table is read as a table, never as sentences; its splits
        // may use the figures the narrative states, so the narrative is read first.
        let statistics = StatisticsTableReader(builder: builder)
        let table = statistics.locate(in: frame.bodyStart..<max(frame.bodyStart, frame.bodyEnd))
        if let table {
            proseRanges = proseRanges.flatMap { range in
                [
                    range.lowerBound..<max(range.lowerBound, min(range.upperBound, table.region.lowerBound)),
                    max(range.lowerBound, table.region.upperBound)..<max(range.upperBound, table.region.upperBound),
                ]
                .filter { !$0.isEmpty && $0.upperBound <= range.upperBound }
            }
        }
        let extractor = LegacyFigureExtractor(builder: builder) { offset in
            keyed.last { $0.range.lowerBound <= offset }?.key
        }
        for range in proseRanges { extractor.extract(in: range) }
        if let table {
            statistics.place(table.rows, columns: table.columns)
            builder.markPlaced(table.region)
        }
        let facts = FactExtractor(builder: builder, linksTableFigures: false)
        for range in proseRanges { facts.extract(in: range) }
        LegacyConsistency.check(builder)
    }

    // MARK: Checks

    /// The year a report without one most likely covers: the one before its publication.
    private func probableYear(_ builder: ReportBuilder) -> Int? {
        if case .date(let published)? = builder.report["meta.published_on"] { return published.year - 1 }
        return nil
    }

    /// A text that looks like a report (a page naming its 年报, say) but of which nothing was
    /// read beyond the era is not passed on as one: no reader would take such a report back.
    private func checkHoldsSomething(_ report: Report) throws(Diagnostic) {
        let formatVersion = "meta.format_version"
        guard !report.values.present.contains(where: { $0.id.key != formatVersion }),
            SectionKey.allCases.allSatisfy({ report[section: $0] == nil }), report.legacySections.isEmpty,
            report.facts.isEmpty
        else { return }
        throw Diagnostic.error(
            "text.not-a-report",
            "this text names a government information-disclosure annual report but holds none of it: no agency, year, "
                + "part, figure or table was read",
            at: SourceReference(file: text.file, line: 1))
    }

    /// A text with no report structure at all is not read as one: nothing in it would be a
    /// figure of a report.
    private func checkIsReport(
        _ builder: ReportBuilder, headings: Int, tableCells: Int, frame: PageFrame
    ) throws(Diagnostic) {
        let normalized = builder.normalized
        let mentionsDisclosure = ["信息公开", "政务公开", "公开政府信息"].contains {
            normalized.firstIndex(of: Array($0.unicodeScalars), in: 0..<normalized.count) != nil
        }
        let hasTitle = !frame.titles.isEmpty && mentionsDisclosure
        // An excerpt that starts in the preamble names the report there ("…编写某县2017年度政府信息公开工作年度报告").
        let openingStart = normalized.index(atOriginal: frame.bodyStart)
        let opening = openingStart..<min(normalized.count, openingStart + 600)
        let namesReport = ["年度报告", "年报", "工作报告"].contains {
            normalized.firstIndex(of: Array($0.unicodeScalars), in: opening) != nil
        }
        if tableCells > 0
            || builder.report.facts.contains(where: { $0.label.hasPrefix(StatisticsTableReader.factPrefix) })
        {
            return
        }
        // Figures of a report's own quantities ("主动公开政府信息86条") make a report even without headings.
        let hasFigures = builder.report.values.presence.intersects(Self.legacyFields)
        if mentionsDisclosure && (headings >= 2 || hasTitle || namesReport || hasFigures) { return }
        throw Diagnostic.error(
            "text.not-a-report",
            "this text is not a government information-disclosure annual report: it has no report title, no preamble naming a "
                + "年度报告, no numbered report parts and no report tables",
            // Where the title should be.
            at: SourceReference(file: text.file, line: 1))
    }
}
