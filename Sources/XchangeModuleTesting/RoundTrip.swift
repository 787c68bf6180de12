import XchangeCore

/// One way of writing reports and reading them back, and what it keeps.
///
/// Canonical formats keep everything (``lossless``); others say what they keep with a
/// ``ReportProjection``, and the suite compares only that part of each report.
public struct RoundTrip: Sendable {
    /// How findings name this round trip (`lossless`, `long layout`).
    public var name: String
    /// Options for the writer and for the reader.
    public var writeOptions: [String: String]
    public var readOptions: [String: String]
    /// The eras of the generated reports.
    public var eras: [FormatVersion]
    /// Whether one output holds many reports or exactly one.
    public var reportsPerFile: ReportsPerFile
    /// The part of a report that survives.
    public var keeps: ReportProjection
    /// Whether ``ReportFixtures/everyField()`` — every field, facts, provenance, awkward
    /// strings — makes the round trip too, alone in its file.
    public var includesEveryFieldReport: Bool

    public init(
        _ name: String, writeOptions: [String: String] = [:], readOptions: [String: String] = [:],
        eras: [FormatVersion] = FormatVersion.allCases, reportsPerFile: ReportsPerFile = .many,
        keeps: ReportProjection = .everything, includesEveryFieldReport: Bool = false
    ) {
        self.name = name
        self.writeOptions = writeOptions
        self.readOptions = readOptions
        self.eras = eras
        self.reportsPerFile = reportsPerFile
        self.keeps = keeps
        self.includesEveryFieldReport = includesEveryFieldReport
    }

    /// Every report of every era, and the report with every field, come back equal, several to
    /// a file, with default options.
    public static let lossless = RoundTrip("lossless", includesEveryFieldReport: true)

    /// How many reports one written file holds.
    public enum ReportsPerFile: Sendable {
        case many
        case one
    }
}

/// The part of a report a lossy round trip keeps, applied to the report written and to the
/// report read back before they are compared.
public struct ReportProjection: Sendable {
    /// What is kept, in words (shown in findings).
    public let description: String
    private let project: @Sendable (Report) -> Report

    public init(_ description: String, _ project: @escaping @Sendable (Report) -> Report) {
        self.description = description
        self.project = project
    }

    /// Applies the projection.
    public func callAsFunction(_ report: Report) -> Report { project(report) }

    /// The whole report.
    public static let everything = ReportProjection("the whole report") { $0 }

    /// The whole report but its provenance map (where values were read from): for formats that
    /// carry data, not its sources.
    public static let withoutProvenance = ReportProjection("everything but provenance") { report in
        var kept = report
        kept.provenance = [:]
        return kept
    }

    /// The fields that pass `keep`, and nothing else.
    public static func fields(
        _ description: String, where keep: @escaping @Sendable (FieldDescriptor) -> Bool
    )
        -> ReportProjection
    {
        ReportProjection(description) { keptFields(of: $0, where: keep) }
    }

    /// The fields that pass `keep` and the text of the four sections and their sub-sections
    /// (not the headings): what a rendered document such as the report text keeps.
    public static func fieldsAndSectionTexts(
        _ description: String, where keep: @escaping @Sendable (FieldDescriptor) -> Bool
    ) -> ReportProjection {
        ReportProjection(description) { report in
            var kept = keptFields(of: report, where: keep)
            for key in SectionKey.allCases {
                guard let section = report[section: key] else { continue }
                kept[section: key] = TextSection(
                    text: section.text, subsections: section.subsections.map { Subsection(heading: "", text: $0.text) })
            }
            return kept
        }
    }

    private static func keptFields(of report: Report, where keep: (FieldDescriptor) -> Bool) -> Report {
        var kept = Report()
        for (id, value) in report.values.present where keep(id.descriptor) {
            try? kept.set(id, to: value)
        }
        return kept
    }
}
