/// A text section of a report: body text, then ordered sub-headed parts.
///
/// Sub-headings that the schema recognises carry its `key` (（一）主动公开 → `active_disclosure`);
/// others keep only their heading, so that no report's own structure is lost.
public struct TextSection: Hashable, Sendable {
    /// Text before the first sub-heading (or the whole section when it has none).
    public var text: String?
    public var subsections: [Subsection]

    public init(text: String? = nil, subsections: [Subsection] = []) {
        self.text = text
        self.subsections = subsections
    }

    /// Whether the section holds nothing.
    public var isEmpty: Bool { (text ?? "").isEmpty && subsections.isEmpty }
}

/// One sub-headed part of a text section.
public struct Subsection: Hashable, Sendable {
    /// The heading as printed, e.g. `（一）主动公开`.
    public var heading: String
    /// The schema's key for a recognised heading.
    public var key: String?
    public var text: String

    public init(heading: String, key: String? = nil, text: String) {
        self.heading = heading
        self.key = key
        self.text = text
    }
}

/// The text sections of the canonical model, in report order.
public enum SectionKey: String, CaseIterable, Hashable, Sendable {
    case preamble
    case overview
    case problemsAndImprovements = "problems_and_improvements"
    case otherMatters = "other_matters"
}
