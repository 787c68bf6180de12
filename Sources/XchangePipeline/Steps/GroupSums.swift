import Foundation
import XchangeCore

/// The running sums of one aggregate group: exact decimal totals of every count and money
/// field, how many members had each, and the members' shared year and format.
final class GroupSums {
    static let divisionCode = CanonicalSchema.v1.fieldID("meta.admin_division_code")!
    static let reportYear = CanonicalSchema.v1.fieldID("meta.report_year")!
    static let formatVersion = CanonicalSchema.v1.fieldID("meta.format_version")!
    static let procurementAmount = CanonicalSchema.v1.fieldID(
        "active_disclosure_2019.centralized_procurement.total_amount")!
    static let procurementUnit = CanonicalSchema.v1.fieldID(
        "active_disclosure_2019.centralized_procurement.total_amount_unit")!

    /// The fields summed: counts (signed too) and money. Percentages, flags and texts are not.
    static let summed: [FieldID] = CanonicalSchema.v1.fields.indices.map(FieldID.init(index:)).filter { id in
        [.count, .signedCount, .money].contains(id.kind) && id != procurementAmount
    }

    let key: FieldValue
    let by: FieldID
    let first: PipelineItem
    private(set) var members = 0
    private var sums: [Int: Decimal] = [:]
    private var present: [Int: Int] = [:]
    /// 政府集中采购 amounts are in the unit each report names: summed per unit, combined at the end.
    private var procurement: [String: Decimal] = [:]
    private var procurementMembers = 0

    init(key: FieldValue, by: FieldID, first: PipelineItem) {
        self.key = key
        self.by = by
        self.first = first
    }

    /// Adds a member; one whose year or format differs from the group's first is an error.
    func add(_ item: PipelineItem) throws(Diagnostic) {
        for id in [Self.reportYear, Self.formatVersion] where item.report.values[id] != first.report.values[id] {
            let mine = item.report.values[id]?.plainText ?? "absent"
            let theirs = first.report.values[id]?.plainText ?? "absent"
            throw Diagnostic.error(
                "aggregate.mixed-group",
                "\(item.origin): group \(key.plainText) mixes \(id.key) \(theirs) (\(first.origin)) and \(mine)",
                field: id.key)
        }
        members += 1
        let values = item.report.values
        for id in Self.summed {
            guard let number = values[id]?.number else { continue }
            sums[id.index, default: 0] += number
            present[id.index, default: 0] += 1
        }
        if let amount = values[Self.procurementAmount]?.number {
            procurement[values[Self.procurementUnit]?.plainText ?? "", default: 0] += amount
            procurementMembers += 1
        }
    }

    /// Fields some members have and others lack.
    var partialFields: [FieldID] {
        var fields = present.filter { $0.value < members }.keys.sorted().map(FieldID.init(index:))
        if procurementMembers > 0, procurementMembers < members { fields.append(Self.procurementAmount) }
        return fields
    }

    /// The group's report: the sums, and meta of year, format, and the group's own key.
    func report(strict: Bool) -> Report {
        var report = Report()
        report.values[Self.reportYear] = first.report.values[Self.reportYear]
        report.values[Self.formatVersion] = first.report.values[Self.formatVersion]
        report.values[by] = key
        for (index, sum) in sums.sorted(by: { $0.key < $1.key }) {
            if strict, present[index, default: 0] < members { continue }
            let id = FieldID(index: index)
            report.values[id] = id.kind == .money ? .decimal(sum) : .integer(NSDecimalNumber(decimal: sum).intValue)
        }
        if !procurement.isEmpty, !(strict && procurementMembers < members) {
            let (amount, unit) = combinedProcurement()
            report.values[Self.procurementAmount] = .decimal(amount)
            if let unit { report.values[Self.procurementUnit] = .text(unit) }
        }
        return report
    }

    /// One unit when the members used one; otherwise everything in 万元 (exact: 元 ÷ 10000).
    private func combinedProcurement() -> (Decimal, String?) {
        if procurement.count == 1, let (unit, amount) = procurement.first { return (amount, unit.isEmpty ? nil : unit) }
        var total: Decimal = 0
        for (unit, amount) in procurement { total += unit == "元" ? amount / 10000 : amount }
        return (total, "万元")
    }
}
