import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Model → report text → model keeps every table cell and every section text, for the real
/// samples and for generated reports that fill every cell of each format.
@Suite struct RoundTripTests {
    static let styles: [String] = ["plain", "markdown"]

    /// Writes `report` with the text module and reads the text back.
    static func roundTrip(
        _ report: Report, tables: String
    ) throws -> (report: Report, text: String, diagnostics: [Diagnostic]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "xchange-roundtrip-\(UUID().uuidString).txt"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let module = TextFormat()
        let diagnostics = DiagnosticList()
        let output = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(
            output.sink, options: try FormatOptions(["tables": tables], for: module), diagnostics: diagnostics)
        try writer.write(report)
        try writer.finish()
        try output.commit()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let (read, readDiagnostics) = try SampleReports.read(bytes: bytes, name: "roundtrip.txt")
        return (read, String(decoding: bytes, as: UTF8.self), diagnostics.diagnostics + readDiagnostics)
    }

    static let tablePrefixes = ["active_disclosure.", "active_disclosure_2019.", "applications.", "review_litigation."]

    /// Table cells and texts that differ between two reports.
    static func differences(_ original: Report, _ copy: Report) -> [String] {
        var problems: [String] = []
        for field in CanonicalSchema.v1.fields
        where tablePrefixes.contains(where: { field.key.hasPrefix($0) }) || field.key.hasPrefix("legacy.") {
            if original[field.key] != copy[field.key] {
                problems.append(
                    "\(field.key): \(original[field.key]?.plainText ?? "absent") → \(copy[field.key]?.plainText ?? "absent")"
                )
            }
        }
        for section in SectionKey.allCases where original[section: section] != copy[section: section] {
            problems.append("section \(section.rawValue) differs")
        }
        if original.legacySections != copy.legacySections { problems.append("legacy sections differ") }
        for key in [
            "meta.report_year", "meta.agency_name", "meta.published_on", "meta.statistics_period.from",
            "meta.statistics_period.to",
        ]
        where original[key] != nil && original[key] != copy[key] {
            problems.append("\(key): \(original[key]!.plainText) → \(copy[key]?.plainText ?? "absent")")
        }
        return problems
    }

    @Test(arguments: SampleReports.names, styles)
    func sampleSurvivesWriteAndRead(_ name: String, tables: String) throws {
        let (original, _) = try SampleReports.read(name)
        let (copy, text, _) = try Self.roundTrip(original, tables: tables)
        #expect(Self.differences(original, copy) == [], "\(name), tables=\(tables):\n\(text)")
        #expect(copy.formatVersion == original.formatVersion)
    }

    /// A report of `format` with every cell of its tables filled with a distinct figure, plus
    /// texts with sub-sections.
    static func fullReport(_ format: FormatVersion, absentEvery gap: Int? = nil) throws -> Report {
        var report = Report()
        report.formatVersion = format
        try report.set("meta.report_year", to: .integer(format == .unified2021 ? 2023 : 2019))
        try report.set("meta.agency_name", to: .text("示例县人民政府办公室"))
        try report.set(
            "meta.published_on", to: .date(CalendarDate(year: format == .unified2021 ? 2024 : 2020, month: 1, day: 20)!)
        )
        report.preamble = TextSection(text: "根据《中华人民共和国政府信息公开条例》规定，现公布本年度报告。\n本报告中所列数据的统计期限自1月1日起至12月31日止。")
        report.overview = TextSection(
            text: "本年度总体情况如下。",
            subsections: [
                Subsection(heading: "（一）主动公开", key: "active_disclosure", text: "全年主动公开政府信息。"),
                Subsection(heading: "（二）依申请公开", key: "applications", text: "依法办理申请。\n第二段文字。"),
                Subsection(heading: "（三）政府信息管理", key: "information_management", text: "加强管理。"),
                Subsection(heading: "（四）政府信息公开平台建设", key: "platform_building", text: "建设平台。"),
                Subsection(heading: "（五）监督保障", key: "supervision", text: "强化监督。"),
            ])
        report.problemsAndImprovements = TextSection(subsections: [
            Subsection(heading: "（一）存在问题", key: "problems", text: "一是公开质量有待提高。"),
            Subsection(heading: "（二）改进措施", key: "improvements", text: "一是提升质量。"),
        ])
        report.otherMatters = TextSection(text: "本年度未收取信息处理费。")
        try report.set("other_matters.information_processing_fee.charged", to: .flag(false))
        try report.set("other_matters.information_processing_fee.amount_yuan", to: .decimal(0))
        var figure = 0
        let tables: [TableSpec] = [.activeDisclosure(for: format), .applications, .reviewLitigation]
        for spec in tables {
            for row in spec.rows(for: format) {
                for field in row.fields {
                    figure += 1
                    if let gap, figure % gap == 0 { continue }
                    // Zeros must stay zeros, as distinct from absent cells.
                    let number = figure % 7 == 0 ? 0 : figure * 3
                    let value: FieldValue =
                        switch field.descriptor.kind {
                        case .money: .decimal(Decimal(number) + Decimal(string: "0.25")!)
                        case .signedCount: .integer(figure % 5 == 0 ? -number : number)
                        default: .integer(number)
                        }
                    try report.set(field, to: value)
                }
            }
        }
        return report
    }

    @Test(arguments: [FormatVersion.unified2021, .trial2019], styles)
    func everyCellSurvivesWriteAndRead(_ format: FormatVersion, tables: String) throws {
        let original = try Self.fullReport(format)
        let (copy, text, _) = try Self.roundTrip(original, tables: tables)
        #expect(Self.differences(original, copy) == [], "\(format), tables=\(tables):\n\(text)")
        #expect(copy.formatVersion == format)
    }

    @Test(arguments: [FormatVersion.unified2021, .trial2019], styles)
    func absentCellsStayAbsent(_ format: FormatVersion, tables: String) throws {
        let original = try Self.fullReport(format, absentEvery: 3)
        let (copy, text, _) = try Self.roundTrip(original, tables: tables)
        #expect(Self.differences(original, copy) == [], "\(format), tables=\(tables):\n\(text)")
    }

    @Test func legacyFiguresWithoutTextAreWrittenAsSentences() throws {
        var original = Report()
        original.formatVersion = .legacyPre2019
        try original.set("meta.report_year", to: .integer(2016))
        try original.set("meta.agency_name", to: .text("示例市人民政府"))
        let figures: [(String, FieldValue)] = [
            ("legacy.active.total", .integer(1200)), ("legacy.active.by_channel.gov_website", .integer(900)),
            ("legacy.active.by_channel.gov_weibo", .integer(300)), ("legacy.applications.received", .integer(15)),
            ("legacy.applications.by_channel.online", .integer(9)),
            ("legacy.applications.answered.granted", .integer(10)),
            ("legacy.applications.answered.refused", .integer(2)), ("legacy.review.reconsideration", .integer(1)),
            ("legacy.review.litigation", .integer(0)), ("legacy.fees.charged_yuan", .decimal(0)),
            ("legacy.costs.disclosure_work_yuan", .decimal(52000)), ("legacy.proposals.npc.total", .integer(20)),
            ("legacy.proposals.npc.resolved", .integer(12)), ("legacy.proposals.cppcc.total", .integer(30)),
            ("legacy.proposals.cppcc.in_progress", .integer(7)),
        ]
        for (key, value) in figures { try original.set(key, to: value) }
        let (copy, text, _) = try Self.roundTrip(original, tables: "plain")
        for (key, value) in figures {
            #expect(copy[key] == value, "\(key) in:\n\(text)")
        }
    }

    @Test func feeBlockIdentifiersAndContactSurviveWithoutTheirOwnText() throws {
        var original = try Self.fullReport(.unified2021, absentEvery: 5)
        original.preamble = nil
        original.otherMatters = TextSection(text: "本机关无其他需要报告的事项。")
        let metadata: [(String, FieldValue)] = [
            ("meta.index_no", .text("113307820076354208/2022-00012")),
            ("meta.agency_uscc", .text("113307820076354208")),
            ("meta.statistics_period.from", .date(CalendarDate(year: 2023, month: 1, day: 1)!)),
            ("meta.statistics_period.to", .date(CalendarDate(year: 2023, month: 12, day: 31)!)),
            ("meta.contact.office", .text("示例县人民政府办公室政务公开科")), ("meta.contact.address", .text("示例县人民路1号")),
            ("meta.contact.postcode", .text("322000")), ("meta.contact.phone", .text("0579-85551234")),
            ("meta.contact.email", .text("zwgk@example.gov.cn")),
            ("other_matters.information_processing_fee.charged", .flag(true)),
            ("other_matters.information_processing_fee.amount_yuan", .decimal(400)),
            ("other_matters.information_processing_fee.notices_issued", .integer(3)),
        ]
        for (key, value) in metadata { try original.set(key, to: value) }
        for tables in Self.styles {
            let (copy, text, _) = try Self.roundTrip(original, tables: tables)
            #expect(Self.differences(original, copy) == [], "\(text)")
            for (key, value) in metadata { #expect(copy[key] == value, "\(key) in:\n\(text)") }
            #expect(copy.otherMatters == original.otherMatters)
        }
    }
}
