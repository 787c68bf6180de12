import XchangeCore

/// Gives headings as printed their schema keys: （一）主动公开方面 → `active_disclosure`.
///
/// Reports reword sub-headings freely (方面, 情况, 工作 appended; words dropped), so a heading
/// matches a schema label when one contains the other or they share most characters; when the
/// numbering agrees with the label's too, a looser likeness suffices.
enum HeadingKeys {
    /// Words reports add to headings that say nothing about the subject.
    private static let fillers = ["方面", "工作", "情况"].map { Array($0.unicodeScalars) }

    /// The key of a sub-heading of a text section, from the schema's subsection labels.
    static func subsectionKey(_ heading: String, section: String) -> String? {
        guard let candidates = subsectionCandidates[section] else { return nil }
        return bestKey(heading, candidates: candidates)
    }

    /// The key of a part heading of a narrative report, from the schema's legacy sections.
    static func legacyKey(_ heading: String) -> String? {
        bestKey(heading, candidates: legacyCandidates)
    }

    /// A label in comparison form: its numbering, its plain body and that body stripped of
    /// filler words (made once, not for every heading compared with it).
    private typealias Candidate = (
        key: String, numbering: Numbering?, body: [Unicode.Scalar], stripped: [Unicode.Scalar]
    )

    private static func candidates(_ labels: [(key: String, label: String)]) -> [Candidate] {
        labels.map { key, label in
            let (numbering, body) = Numbering.split(NormalizedText.pattern(label))
            let plainBody = plain(body)
            return (key, numbering, plainBody, strip(plainBody))
        }
    }

    private static let subsectionCandidates: [String: [Candidate]] = Dictionary(
        uniqueKeysWithValues:
            CanonicalSchema.v1.sections.map { section in
                (section.key, candidates(section.subsections.map { ($0.key, $0.label) }))
            })

    private static let legacyCandidates: [Candidate] = candidates(
        CanonicalSchema.v1.legacySections.flatMap { section in
            ([section.label] + section.aliases).map { (section.key, $0) }
        })

    private static func bestKey(_ heading: String, candidates: [Candidate]) -> String? {
        let (numbering, printed) = Numbering.split(NormalizedText.pattern(heading))
        let whole = plain(printed)
        let core = strip(whole)
        guard core.count >= 2 else { return nil }
        var best: (key: String, score: Double)?
        for candidate in candidates {
            let score = likeness(
                whole: whole, core: core, numbering: numbering, target: candidate.body,
                strippedTarget: candidate.stripped,
                targetNumbering: candidate.numbering)
            if score > (best?.score ?? 0) { best = (candidate.key, score) }
            // Nothing scores above a match; the first one found wins in any case.
            if score == 1 { break }
        }
        return best?.key
    }

    private static func likeness(
        whole: [Unicode.Scalar], core: [Unicode.Scalar], numbering: Numbering?,
        target: [Unicode.Scalar], strippedTarget: [Unicode.Scalar], targetNumbering: Numbering?
    ) -> Double {
        guard target.count >= 2 else { return 0 }
        if whole == target || core == strippedTarget { return 1 }
        // The label inside a longer heading ("2018年工作思路" holds 工作思路).
        if target.count >= 3, SectionSplitter.contains(whole, target) { return 0.95 }
        // A heading that is most of a longer label.
        if SectionSplitter.contains(target, core), Double(core.count) / Double(target.count) >= 0.75 { return 0.9 }
        if let numbering, let targetNumbering, numbering.sameItem(as: targetNumbering),
            LabelSimilarity.ratioToShorter(core, strippedTarget, reaches: 0.5)
        {
            return 0.85
        }
        // Common characters cannot reach 85% of the longer label when the lengths differ more.
        guard Double(min(whole.count, target.count)) >= 0.85 * Double(max(whole.count, target.count)) else { return 0 }
        return LabelSimilarity.ratioToLonger(whole, target, reaches: 0.85) ? 0.8 : 0
    }

    /// Without punctuation, which reports vary freely inside headings.
    private static func plain(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        scalars.kept { !Scalars.isClauseBreak($0) && $0 != "." && $0 != "," && $0 != "\"" }
    }

    /// The heading without filler words and stray punctuation.
    private static func strip(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var core = scalars
        for filler in fillers where core.count > filler.count + 1 && Array(core.suffix(filler.count)) == filler {
            core.removeLast(filler.count)
        }
        // Leading years ("2018年工作思路") say when, not what.
        while let first = core.first, Scalars.isDigit(first) { core.removeFirst() }
        if core.first == "年" { core.removeFirst() }
        return core
    }
}

/// Keys for part headings of narrative reports.
enum LegacySectionKey {
    static func key(for heading: String) -> String? { HeadingKeys.legacyKey(heading) }
}
