import Foundation
import XchangeCore

/// Reports that exercise every field, for round-trip tests.
public enum ReportFixtures {
    /// A report with a value in every field of the schema (whatever format claims it), every
    /// section, facts and provenance, and strings that YAML or CSV could misread ("yes", quotes,
    /// colons, leading spaces, line breaks): if any key is lost in a round trip, this shows it.
    public static func everyField() throws -> Report {
        var report = Report()
        for (index, field) in CanonicalSchema.v1.fields.enumerated() {
            try report.set(field.key, to: sampleValue(field, index: index))
        }
        report.preamble = TextSection(text: "本报告根据《条例》编制。\n统计期限为2021年1月1日至12月31日。")
        report.overview = TextSection(
            text: "总体情况如下：",
            subsections: [
                Subsection(heading: "（一）主动公开", key: "active_disclosure", text: "主动公开信息2316条。"),
                Subsection(heading: "（六）其他工作", text: "  leading spaces, \"quotes\", a: colon\nand a second line  "),
            ])
        report.problemsAndImprovements = TextSection(subsections: [
            Subsection(heading: "（一）存在问题", key: "problems", text: "更新不及时。")
        ])
        report.otherMatters = TextSection(text: "无。")
        report.legacySections = [
            Subsection(heading: "一、概述", key: "overview", text: "2017年…"), Subsection(heading: "九、附表", text: "见附件。"),
        ]
        report.facts = [
            Fact(
                label: "公共服务事项", value: 183, unit: "项",
                source: SourceReference(file: "年报.txt", line: 12, snippet: "公开全市公共服务事项183项")),
            Fact(label: "办结率", value: Decimal(string: "98.75")!, unit: "%", key: "applications.new_received.total"),
        ]
        report.provenance = [
            "applications.new_received.total": SourceReference(
                file: "年报.txt", line: 40, column: 3, snippet: "一、本年新收政府信息公开申请数量 8"),
            "overview": SourceReference(line: 5),
        ]
        return report
    }

    /// A value of the field's kind that passes its checks, different for each `index`.
    static func sampleValue(_ field: FieldDescriptor, index: Int) -> FieldValue {
        switch field.kind {
        case .count: return .integer(index)
        case .signedCount: return .integer(-index)
        case .year: return .integer(2021)
        case .money: return .decimal(Decimal(string: "\(index).0001")!)
        case .percentage: return .percentage(Percentage(reported: "86.90")!)
        case .text: return .text("文本\(index) “引号” #\(index): yes")
        case .date: return .date(CalendarDate(year: 2022, month: 1, day: 28)!)
        case .flag: return .flag(index % 2 == 0)
        case .code:
            if let first = field.values.first { return .text(first) }
            switch field.key {
            case "meta.agency_uscc": return .text("11371000004359010J")
            case "meta.agency_org_code": return .text("01424668-5")
            case "meta.admin_division_code", "meta.contact.postcode": return .text("231081")
            default: return .text("0579-\(index)")
            }
        }
    }
}
