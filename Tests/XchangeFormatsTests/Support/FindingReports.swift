import XchangeCore
import XchangeSynthetic

/// Generated reports with findings planted where a validation test looks for them.
enum FindingReports {
    /// `count` reports of `seed`; those at `brokenSums` have a total that does not add up
    /// (`review_litigation.reconsideration.total` is 999); and each of `otherYears` adds, `later`
    /// places after the report at `index`, that agency's report for `step` years away, whose
    /// figures do not carry over (a cross-year warning, the later year sometimes first).
    static func make(
        count: Int, seed: UInt64, brokenSums: StrideTo<Int>, otherYears: [(index: Int, step: Int)], later: Int
    ) throws -> [Report] {
        var reports = Array(ReportGenerator(count: count, seed: seed))
        for index in brokenSums {
            try reports[index].set("review_litigation.reconsideration.total", to: .integer(999))
        }
        for (index, step) in otherYears {
            var other = reports[index]
            try other.set("meta.report_year", to: .integer(other.reportYear! + step))
            reports.insert(other, at: index + later)
        }
        return reports
    }
}
