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

    /// Whether each of the schema's fields is summed, by field index: counts (signed too) and
    /// money. Percentages, flags and texts are not.
    private static let isSummed: [Bool] = CanonicalSchema.v1.fields.indices.map { index in
        let id = FieldID(index: index)
        return [.count, .signedCount, .money].contains(id.kind) && id != procurementAmount
    }

    let key: FieldValue
    let by: FieldID
    let first: PipelineItem
    private(set) var members = 0
    // By field index: counts summed in an Int (checked for overflow: exact, and many times
    // faster than decimals), amounts in decimals, and how many members had each.
    private var wholeSums: [Int]
    private var amountSums: [Decimal?]
    private var present: [Int]
    /// 政府集中采购 amounts are in the unit each report names: summed per unit, combined at the end.
    private var procurement: [String: Decimal] = [:]
    private var procurementMembers = 0

    init(key: FieldValue, by: FieldID, first: PipelineItem) {
        self.key = key
        self.by = by
        self.first = first
        let count = CanonicalSchema.v1.fields.count
        wholeSums = [Int](repeating: 0, count: count)
        amountSums = [Decimal?](repeating: nil, count: count)
        present = [Int](repeating: 0, count: count)
    }

    /// Adds a member; one whose year or format differs from the group's first is an error, and
    /// so is a count whose total no whole number can hold.
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
        // Only the fields the member has, walked in order beside its values.
        for (id, value) in item.report.values.present where Self.isSummed[id.index] {
            if id.kind != .money, case .integer(let number) = value {
                let (sum, overflow) = wholeSums[id.index].addingReportingOverflow(number)
                guard !overflow else {
                    throw Diagnostic.error(
                        "aggregate.overflow",
                        "\(item.origin): group \(key.plainText): the total of \(id.key) passes the largest whole number a report can hold",
                        field: id.key)
                }
                wholeSums[id.index] = sum
            } else {
                guard let number = value.number else { continue }
                amountSums[id.index] = (amountSums[id.index] ?? 0) + number
            }
            present[id.index] += 1
        }
        let values = item.report.values
        if let amount = values[Self.procurementAmount]?.number {
            procurement[values[Self.procurementUnit]?.plainText ?? "", default: 0] += amount
            procurementMembers += 1
        }
    }

    /// Fields some members have and others lack.
    var partialFields: [FieldID] {
        var fields = present.indices.filter { present[$0] > 0 && present[$0] < members }.map(FieldID.init(index:))
        if procurementMembers > 0, procurementMembers < members { fields.append(Self.procurementAmount) }
        return fields
    }

    /// The group's report: the sums, and meta of year, format, and the group's own key.
    func report(strict: Bool) -> Report {
        var report = Report()
        report.values[Self.reportYear] = first.report.values[Self.reportYear]
        report.values[Self.formatVersion] = first.report.values[Self.formatVersion]
        report.values[by] = key
        for index in present.indices where present[index] > 0 {
            if strict, present[index] < members { continue }
            let id = FieldID(index: index)
            if id.kind == .money {
                report.values[id] = .decimal(amountSums[index] ?? 0)
            } else if let fraction = amountSums[index] {
                // A count set to a decimal (not through a reader): summed as it always was.
                report.values[id] = .integer(NSDecimalNumber(decimal: Decimal(wholeSums[index]) + fraction).intValue)
            } else {
                report.values[id] = .integer(wholeSums[index])
            }
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
