import XchangeCore

/// Reads the `legacy.*` figures of a pre-2019 narrative report from its sentences:
/// "全市主动公开政府信息11213,其中政府网站公开8246条…", "市人大常委会共转交市政府代表建议38件 …
/// 已经解决的12件", "相关费用达233400元", and "未发生…" statements that give 0.
///
/// A figure goes to a field when a term of that field (its schema label or an alias) stands in
/// the same clause, closest before the figure (or, for the few subjects reports name after the
/// figure, right after it), and the sentence is about that field's subject. Everything else
/// stays for the facts.
struct LegacyFigureExtractor {
    let builder: ReportBuilder
    /// The legacy part key (`applications`, `npc_cppcc_proposals`, …) an offset falls under.
    let sectionKey: (Int) -> String?

    private var text: ReportText { builder.text }
    private var prose: ProseWindows { builder.prose }

    /// A field and the words that name it. A class: each figure goes through the vocabulary,
    /// and a value holding a descriptor would be copied, every string and list of it retained
    /// and released, at each step.
    private final class Vocabulary: Sendable {
        let id: FieldID
        /// The field's descriptor and key, kept (`FieldID.descriptor` copies the descriptor,
        /// and every figure asks each field).
        let descriptor: FieldDescriptor
        let key: String
        let terms: [[Unicode.Scalar]]
        var kind: FieldKind { descriptor.kind }

        init?(_ key: String, extra: [String] = []) {
            guard let id = CanonicalSchema.v1.fieldID(key) else { return nil }
            let descriptor = id.descriptor
            self.id = id
            self.descriptor = descriptor
            self.key = key
            self.terms = ([descriptor.label.last ?? ""] + descriptor.aliases + extra)
                .map(NormalizedText.pattern).filter { $0.count >= 1 }
        }
    }

    private static func vocabulary(_ prefix: String) -> [Vocabulary] {
        CanonicalSchema.v1.fields.filter { $0.key.hasPrefix(prefix) }.compactMap { Vocabulary($0.key) }
    }

    /// Fields that count a whole, which a share of it never states.
    private static let totals: Set<String> = [
        "legacy.active.total", "legacy.applications.received", "legacy.proposals.npc.total",
        "legacy.proposals.cppcc.total",
    ]
    private static let channelKeys: Set<String> = Set(
        CanonicalSchema.v1.fields.map(\.key).filter { key in
            // Holds ".by_channel." (a part between two others), found without Foundation's search.
            key.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).dropFirst().dropLast()
                .contains { $0.elementsEqual("by_channel".utf8) }
        })
    private static let active = vocabulary("legacy.active.")
    private static let applications = vocabulary("legacy.applications.")
    private static let review = vocabulary("legacy.review.")
    private static let fees = vocabulary("legacy.fees.") + vocabulary("legacy.costs.")
    private static let npc = vocabulary("legacy.proposals.npc.")
    private static let cppcc = vocabulary("legacy.proposals.cppcc.")

    private static func terms(_ words: [String]) -> [[Unicode.Scalar]] { words.map { Array($0.unicodeScalars) } }
    private static let publishVerbs = terms(["公开", "发布"])
    private static let npcMarkers = terms(["人大", "代表建议", "代表议案"])
    private static let cppccMarkers = terms(["政协", "提案"])
    private static let receivedVerbs = terms(["收到", "受理"])
    private static let applicationWord = terms(["申请"])
    private static let consultationWord = Array("咨询".unicodeScalars)
    private static let disclosureWords = terms(["信息公开", "政府信息"])
    private static let disclosureWord = Array("信息公开".unicodeScalars)
    private static let publishWord = Array("公开".unicodeScalars)
    private static let replyWord = Array("答复".unicodeScalars)
    private static let documentMaking = terms(["制发", "制定", "出台", "清理"])
    private static let reviewWords = terms(["复议", "诉讼", "申诉", "投诉", "举报"])
    private static let statedZero = terms(["收到", "受理", "发生", "提出"])
    private static let channelWords = terms(["提出", "方式", "通过"])

    func extract(in range: Range<Int>) {
        var events: [(offset: Int, action: () -> Void)] = []
        let shared = Shared(text, bounds: range)
        for mention in builder.mentions(in: range) where !builder.isPlaced(mention.range) {
            events.append((mention.range.lowerBound, { read(mention, bounds: range, shared: shared) }))
        }
        for statement in builder.zeroStatements(in: range) {
            events.append((statement.range.lowerBound, { readZero(statement, bounds: range) }))
        }
        for event in events.sorted(by: { $0.offset < $1.offset }) { event.action() }
        inferSoleChannel(in: range)
    }

    // MARK: Figures

    private func read(_ mention: NumberMention, bounds: Range<Int>, shared: Shared) {
        guard LegacyFigureRules.canBeFigure(mention, in: text) else { return }
        let clause = shared.units.clause(around: mention.range)
        let sentence = shared.units.sentence(around: mention.range)
        if shared.clause?.range != clause {
            // Enumerations ("5大类") are not quantities: the words before them still name the figure after.
            let figures = Self.mentions(builder.mentions(in: bounds), startingIn: clause).filter {
                LegacyFigureRules.canBeFigure($0, in: text)
            }
            shared.clause = (clause, figures, nil)
        }
        let prose = self.prose
        if shared.sentence?.range != sentence { shared.sentence = (sentence, SentenceWords(prose.window(sentence))) }
        guard let figures = shared.clause?.figures, let sentenceWords = shared.sentence?.words else { return }
        // In text order and apart: the figures on either side are found by binary search.
        let following = figures.partitioningIndex { $0.range.upperBound > mention.range.lowerBound }
        let previousEnd = following > 0 ? figures[following - 1].range.upperBound : clause.lowerBound
        let next = figures.partitioningIndex { $0.range.lowerBound >= mention.range.upperBound }
        let nextStart = next < figures.count ? figures[next].range.lowerBound : clause.upperBound
        var before = prose.window(previousEnd..<mention.range.lowerBound)
        let after = prose.window(mention.range.upperBound..<nextStart)
        if previousEnd == clause.lowerBound,
            let previous = Prose.previousClause(before: clause.lowerBound, in: text, bounds: bounds),
            !NumberScanner.mentions(in: text, range: previous).contains(where: {
                LegacyFigureRules.canBeFigure($0, in: text)
            })
        {
            // "已列入计划，逐步解决的10件": the label spans the comma.
            before = prose.window(previous) + before
        }
        let section = sectionKey(mention.range.lowerBound)
        // The paragraph before the figure, as far back as a paragraph reasonably runs (one-line
        // pages are one "paragraph": reading all of it for every figure is quadratic).
        let lookBack = max(bounds.lowerBound, mention.range.lowerBound - 600)
        let paragraphStart = Self.paragraphStart(before: mention.range.lowerBound, in: text, notBefore: lookBack)
        let context = Context(
            mention: mention, before: before, after: after, sentence: sentenceWords, section: section,
            paragraphBefore: paragraphStart..<mention.range.lowerBound,
            isShare: LegacyFigureRules.isShare(mention, in: text, bounds: bounds))
        guard let (field, value) = match(context) else { return }
        let snippet = shared.clause?.snippet ?? text.trimmedString(clause)
        shared.clause?.snippet = snippet
        if !builder.set(field, to: value, from: mention.range, snippet: snippet) {
            builder.reportContradiction(field, value, at: mention.range, snippet: snippet)
        }
    }

    /// Where the paragraph holding `offset` starts, its leading blanks passed over, looking no
    /// further back than `limit`. Only the start is needed: the end, which a line of a one-line
    /// page puts far ahead, is not looked for.
    private static func paragraphStart(before offset: Int, in text: ReportText, notBefore limit: Int) -> Int {
        var start = offset
        while start > limit, text.scalars[start - 1] != "\n" { start -= 1 }
        while start < offset, Scalars.isWhitespace(text.scalars[start]) { start += 1 }
        return start
    }

    /// The mentions that start in `range`, of mentions in text order: found by halving, not
    /// by testing every figure of the part for every figure read in it.
    private static func mentions(_ mentions: [NumberMention], startingIn range: Range<Int>) -> ArraySlice<NumberMention>
    {
        let low = mentions.partitioningIndex { $0.range.lowerBound >= range.lowerBound }
        let end = mentions[low...].partitioningIndex { $0.range.lowerBound >= range.upperBound }
        return mentions[low..<end]
    }

    private struct Context {
        let mention: NumberMention
        let before: [Unicode.Scalar]
        let after: [Unicode.Scalar]
        let sentence: SentenceWords
        let section: String?
        /// The paragraph up to the figure (its words are read only for proposals).
        let paragraphBefore: Range<Int>
        /// A share of a whole ("…602条，占32.5%"): not the whole's total.
        let isShare: Bool

        func sentenceHas(_ terms: [[Unicode.Scalar]]) -> Bool { sentence.hasAny(terms) }
    }

    private func match(_ context: Context) -> (FieldID, FieldValue)? {
        let mention = context.mention
        // Asked of every field the figure might be: worked out once.
        let isCount = self.isCount(mention)
        if let proposals = proposalGroup(context) {
            return closest(proposals, context) { field in
                field.kind == .percentage ? mention.isPercent : isCount
            }
        }
        if isCount || mention.isPercent {
            if let found = closest(
                Self.review, context, allowAfter: true,
                accept: { field in
                    guard isCount, field.kind == .count else { return false }
                    return field.key != "legacy.review.complaints" || context.section == "review_litigation"
                        || context.sentence.has(Self.disclosureWord)
                })
            {
                return found
            }
            if context.sentenceHas(Self.applicationWord) || context.section == "applications" {
                if isCount, context.sentenceHas(Self.applicationWord),
                    Self.receivedVerbs.contains(where: { Prose.contains(context.before, $0) }),
                    Prose.contains(context.after, Self.applicationWord[0]),
                    let received = CanonicalSchema.v1.fieldID("legacy.applications.received")
                {
                    return (received, .integer(mention.integer ?? 0))
                }
                if isCount, let received = receivedApplications(context) {
                    return (received, .integer(mention.integer ?? 0))
                }
                // "网上咨询100人次": consultations, counted by channel as applications are, are
                // not applications.
                let countsConsultations =
                    Prose.contains(context.before, Self.consultationWord)
                    && !Prose.contains(context.before, Self.applicationWord[0])
                if !countsConsultations,
                    let found = closest(
                        Self.applications, context, allowAfter: false,
                        accept: { field in
                            field.kind == .percentage ? mention.isPercent : isCount
                        })
                {
                    return found
                }
            }
            if context.sentenceHas(Self.publishVerbs) || context.section == "active_disclosure" {
                let countsItems =
                    isCount
                    && (mention.unit == nil || mention.unit == "条" || mention.unit == "件" || mention.unit == "个")
                if let found = closest(
                    Self.active, context,
                    accept: { field in
                        guard countsItems else { return false }
                        if Self.channelKeys.contains(field.key) { return true }
                        if field.key.hasSuffix("normative_documents") {
                            return context.sentence.has(Self.publishWord)
                                && !Self.documentMaking.contains { Prose.contains(context.before, $0) }
                        }
                        return true
                    }, channelVerb: true)
                {
                    return found
                }
            }
        }
        // Money is a disclosure fee only where the text is about disclosure (not tax relief).
        if let yuan = mention.yuan, context.section == "fees" || context.sentenceHas(Self.disclosureWords) {
            if let (field, _) = closest(Self.fees, context, accept: { $0.kind == .money }) {
                return (field, .decimal(yuan))
            }
        }
        return nil
    }

    /// "共收到有关政府信息公开的申请7条": a received verb, then 申请 right before the figure,
    /// with no review or litigation words between.
    private func receivedApplications(_ context: Context) -> FieldID? {
        guard let verbEnd = Self.receivedVerbs.compactMap({ Prose.lastEnd(of: $0, in: context.before) }).max(),
            let applicationEnd = Prose.lastEnd(of: Self.applicationWord[0], in: context.before),
            applicationEnd > verbEnd,
            context.before.count - applicationEnd <= LegacyFigureRules.widestGap,
            LegacyFigureRules.unitFits(context.mention, Self.receivedField.descriptor),
            !context.isShare
        else { return nil }
        let between = Array(context.before[verbEnd..<applicationEnd])
        guard !Self.reviewWords.contains(where: { Prose.contains(between, $0) }) else {
            return nil
        }
        return Self.receivedField
    }

    private static let informationWord = Array("信息".unicodeScalars)
    private static let receivedField = CanonicalSchema.v1.fieldID("legacy.applications.received")!

    /// Which proposal group a figure belongs to: the last of 人大/代表建议 or 政协/提案 named
    /// before it in its paragraph.
    private func proposalGroup(_ context: Context) -> [Vocabulary]? {
        let paragraph = prose.slice(context.paragraphBefore)
        let npcAt = Self.npcMarkers.compactMap { Prose.lastEnd(of: $0, in: paragraph) }.max()
        let cppccAt = Self.cppccMarkers.compactMap { Prose.lastEnd(of: $0, in: paragraph) }.max()
        guard npcAt != nil || cppccAt != nil || context.section == "npc_cppcc_proposals" else { return nil }
        guard npcAt != nil || cppccAt != nil else { return nil }
        return (npcAt ?? -1) > (cppccAt ?? -1) ? Self.npc : Self.cppcc
    }

    /// The field whose term stands closest before the figure (longest on a tie), or, when
    /// `allowAfter`, right after it.
    private func closest(
        _ vocabulary: [Vocabulary], _ context: Context, allowAfter: Bool = false,
        accept: (Vocabulary) -> Bool, channelVerb: Bool = false
    ) -> (FieldID, FieldValue)? {
        var best: (entry: Vocabulary, end: Int, length: Int)?
        for entry in vocabulary where accept(entry) {
            for term in entry.terms {
                guard let end = Prose.lastEnd(of: term, in: context.before) else { continue }
                if channelVerb, Self.channelKeys.contains(entry.key),
                    !Self.publishVerbs.contains(where: { Prose.contains(Array(context.before[end...]), $0) })
                {
                    continue
                }
                if best == nil || end > best!.end || (end == best!.end && term.count > best!.length) {
                    best = (entry, end, term.count)
                }
            }
        }
        if best == nil, allowAfter {
            for entry in vocabulary where accept(entry) {
                for term in entry.terms where term.count >= 2 && Prose.contains(context.after, term) {
                    best = (entry, 0, term.count)
                    break
                }
                if best != nil { break }
            }
        }
        // Terms found before the figure must be close to it: nothing else's words between.
        if let found = best, found.end > 0, context.before.count - found.end > LegacyFigureRules.widestGap {
            return nil
        }
        // "不予公开信息数1658条" counts information items, not answers to applications.
        if let found = best, found.end > 0, found.entry.key.hasPrefix("legacy.applications."),
            Prose.contains(Array(context.before[found.end...]), Self.informationWord)
        {
            return nil
        }
        guard let best, LegacyFigureRules.unitFits(context.mention, best.entry.descriptor),
            !(context.isShare && Self.totals.contains(best.entry.key)),
            let value = value(of: context.mention, for: best.entry.descriptor)
        else { return nil }
        return (best.entry.id, value)
    }

    private func value(of mention: NumberMention, for field: FieldDescriptor) -> FieldValue? {
        switch field.kind {
        case .count: mention.integer.map(FieldValue.integer)
        case .percentage: Percentage(reported: LiteralBytes.string(mention.value)).map(FieldValue.percentage)
        case .money: mention.yuan.map(FieldValue.decimal)
        default: nil
        }
    }

    private func isCount(_ mention: NumberMention) -> Bool {
        !mention.isPercent && !mention.isMoney && !mention.isApproximate && mention.integer != nil
    }

    // MARK: Zero statements

    private func readZero(_ statement: ZeroStatements.Statement, bounds: Range<Int>) {
        let section = sectionKey(statement.range.lowerBound)
        let clause = prose.window(statement.range)
        for subject in statement.subjects {
            let keys: [String]
            switch subject {
            case "行政复议": keys = ["legacy.review.reconsideration"]
            case "行政诉讼": keys = ["legacy.review.litigation"]
            case "申诉", "举报", "投诉":
                guard section == "review_litigation" || Prose.contains(clause, Self.disclosureWord) else {
                    continue
                }
                keys = ["legacy.review.complaints"]
            case "收费", "费用", "减免":
                guard section == "fees" || Self.disclosureWords.contains(where: { Prose.contains(clause, $0) }) else {
                    continue
                }
                keys = [subject == "减免" ? "legacy.fees.waived_yuan" : "legacy.fees.charged_yuan"]
            case "不予公开": keys = ["legacy.applications.answered.refused"]
            case "申请":
                // "未收到…行政复议、提起行政诉讼的申请": the applications are for review, not disclosure.
                guard !statement.subjects.contains(where: { $0 == "行政复议" || $0 == "行政诉讼" }),
                    Self.statedZero.contains(where: { Prose.contains(clause, $0) })
                else { continue }
                keys = ["legacy.applications.received"]
            default: continue
            }
            for key in keys {
                guard let field = CanonicalSchema.v1.field(key) else { continue }
                let zero: FieldValue = field.kind == .money ? .decimal(0) : .integer(0)
                let snippet = text.trimmedString(statement.range)
                if !builder.set(key, to: zero, from: statement.range, snippet: snippet),
                    let id = CanonicalSchema.v1.fieldID(key)
                {
                    builder.reportContradiction(id, zero, at: statement.range, snippet: snippet)
                }
            }
        }
    }

    // MARK: Channel of a single application

    /// "依申请公开通过信函申请的方式提出": when the text names one channel, without a figure, for
    /// the applications it counted, that channel holds them all.
    private func inferSoleChannel(in range: Range<Int>) {
        guard case .integer(let received)? = builder.report["legacy.applications.received"] else { return }
        let channels = Self.applications.filter { Self.channelKeys.contains($0.key) }
        guard channels.allSatisfy({ builder.report[$0.id] == nil }) else { return }
        var named: [(Vocabulary, Range<Int>)] = []
        var clauseStart = range.lowerBound
        for offset in range.lowerBound...range.upperBound {
            guard offset == range.upperBound || Prose.isClauseBreak(text.scalars[offset]) else { continue }
            let clause = text.trim(clauseStart..<offset)
            clauseStart = offset + 1
            let words = prose.window(clause)
            guard Prose.contains(words, Self.applicationWord[0]), !Prose.contains(words, Self.replyWord),
                Self.channelWords.contains(where: { Prose.contains(words, $0) }),
                NumberScanner.mentions(in: text, range: clause).isEmpty
            else { continue }
            for channel in channels where channel.terms.contains(where: { $0.count >= 2 && Prose.contains(words, $0) })
            {
                if !named.contains(where: { $0.0.key == channel.key }) { named.append((channel, clause)) }
            }
        }
        guard named.count == 1, let (channel, clause) = named.first else { return }
        builder.set(channel.id, to: .integer(received), from: clause, snippet: text.trimmedString(clause))
    }
}
