import XchangeCore

/// The report being read, with what the reading parts share: the text, where each value came
/// from, which parts of the text are already accounted for, and the diagnostics.
final class ReportBuilder {
    // A builder serves one reading, on one thread: its state is checked for exclusive access
    // statically only (the run-time checks cost more than marking a figure placed).
    @exclusivity(unchecked) private(set) var report = Report()
    let text: ReportText
    let normalized: NormalizedText
    /// The text folded for reading prose, made when a narrative reader first asks.
    private(set) lazy var prose = ProseWindows(text)
    let keepsProvenance: Bool
    private let diagnostics: any DiagnosticCollector
    /// Offsets whose figures went into fields, tables or metadata: not facts.
    @exclusivity(unchecked) private var placed: [Bool]
    /// Figures and zero statements of a stretch of prose, found once for every reader of it.
    private var mentionCache: [Range<Int>: [NumberMention]] = [:]
    private var zeroStatementCache: [Range<Int>: [ZeroStatements.Statement]] = [:]

    /// Where each field's value was read, by field index, for diagnostics that name it.
    @exclusivity(unchecked) private var origins: [Range<Int>?]

    init(text: ReportText, keepsProvenance: Bool, diagnostics: any DiagnosticCollector) {
        self.text = text
        self.normalized = NormalizedText(text)
        self.keepsProvenance = keepsProvenance
        self.diagnostics = diagnostics
        self.placed = Array(repeating: false, count: text.count)
        self.origins = Array(repeating: nil, count: CanonicalSchema.v1.fields.count)
        // Room for a value of every field at once, rather than rehashing every key as they grow.
        if keepsProvenance { report.provenance.reserveCapacity(CanonicalSchema.v1.fields.count) }
    }

    // MARK: Values

    /// Sets a field read from `range` of the text, unless the report already has it (the first
    /// statement of a figure wins). Returns whether the value was set.
    @discardableResult
    func set(_ id: FieldID, to value: FieldValue, from range: Range<Int>, snippet: String? = nil) -> Bool {
        guard report[id] == nil else { return false }
        do {
            try report.set(id, to: value)
        } catch {
            warn("text.value", "\(error.message); not read", at: range, field: id.key)
            return false
        }
        markPlaced(range)
        origins[id.index] = range
        if keepsProvenance { report.provenance[id.key] = text.reference(range, snippet: snippet) }
        return true
    }

    @discardableResult
    func set(_ key: String, to value: FieldValue, from range: Range<Int>, snippet: String? = nil) -> Bool {
        guard let id = CanonicalSchema.v1.fieldID(key) else { return false }
        return set(id, to: value, from: range, snippet: snippet)
    }

    func has(_ key: String) -> Bool { report[key] != nil }

    /// Warns that the text states a field a second time with another value, naming both
    /// places; the first statement stays (nothing is silently replaced).
    func reportContradiction(_ id: FieldID, _ value: FieldValue, at range: Range<Int>, snippet: String) {
        guard let current = report[id], current != value else { return }
        let key = id.key
        warn(
            "text.legacy.contradiction",
            "\(key) is \(current.plainText) from \(place(of: key)), but \"\(ReportText.shortened(snippet))\" states \(value.plainText); the first is kept",
            at: range, field: key)
    }

    /// The text a field's value was read from.
    func origin(of key: String) -> Range<Int>? { CanonicalSchema.v1.fieldID(key).flatMap { origins[$0.index] } }

    /// Where the text stated a field's value: "line 12 (“…”)".
    func place(of key: String) -> String {
        guard let range = origin(of: key) else { return "elsewhere" }
        let reference = text.reference(range)
        return
            "line \(reference.line ?? 0), column \(reference.column ?? 0) (\"\(text.snippet(range))\")"
    }

    func setFormat(_ format: FormatVersion) { report.formatVersion = format }

    func setSection(_ key: SectionKey, _ section: TextSection?, from range: Range<Int>) {
        guard let section, !section.isEmpty else { return }
        report[section: key] = section
        if keepsProvenance { report.provenance[key.rawValue] = text.reference(range) }
    }

    func appendLegacySection(_ subsection: Subsection) { report.legacySections.append(subsection) }

    func addFact(_ fact: Fact) { report.facts.append(fact) }

    /// Provenance for a fact or a value: nil when provenance is off.
    func source(_ range: Range<Int>, snippet: String? = nil) -> SourceReference? {
        keepsProvenance ? text.reference(range, snippet: snippet) : nil
    }

    // MARK: Prose

    func mentions(in range: Range<Int>) -> [NumberMention] {
        if let cached = mentionCache[range] { return cached }
        let found = NumberScanner.mentions(in: text, range: range)
        mentionCache[range] = found
        return found
    }

    func zeroStatements(in range: Range<Int>) -> [ZeroStatements.Statement] {
        if let cached = zeroStatementCache[range] { return cached }
        let found = ZeroStatements.find(in: text, range: range)
        zeroStatementCache[range] = found
        return found
    }

    // MARK: Accounting for the text

    /// Marks text whose figures are accounted for (cells, metadata, headings).
    func markPlaced(_ range: Range<Int>) {
        for offset in range.clamped(to: 0..<placed.count) { placed[offset] = true }
    }

    func isPlaced(_ range: Range<Int>) -> Bool {
        range.clamped(to: 0..<placed.count).contains { placed[$0] }
    }

    // MARK: Diagnostics

    func warn(_ code: String, _ message: String, at range: Range<Int>, field: String? = nil) {
        diagnostics.report(.warning(code, message, at: text.reference(range), field: field))
    }

    func note(_ code: String, _ message: String, at range: Range<Int>, field: String? = nil) {
        diagnostics.report(
            Diagnostic(.note, code: code, message: message, location: text.reference(range), field: field))
    }
}
