import Foundation

/// What the cross-year rules need of a run of reports, taken without the validator's memory:
/// reports are checked alone on several threads (``Validator/validateAlone(_:source:)``), each
/// noting its reports here (``Validator/note(_:in:)``), and the batches are then checked
/// against the memory in input order (``Validator/crossYearFindings(_:at:source:)``).
///
/// A report's figures are packed as the validator's memory holds them, in flat arrays: no
/// allocation per report.
public struct CrossYearBatch: Sendable {
    /// Who a report is about, for the cross-year rules: nil when it has no year or agency.
    struct Entry: Sendable {
        let agency: AgencyDigest
        let year: Int
        /// The report's set of rules (by format).
        let plan: Int
    }

    var entries: [Entry?] = []
    /// The kept fields' figures, `fieldCount` per report.
    var figures: [UInt16] = []
    var others: [Int: Decimal] = [:]
    let fieldCount: Int

    init(fieldCount: Int) {
        self.fieldCount = fieldCount
    }

    /// How many reports were noted.
    public var count: Int { entries.count }

    /// The year of the report noted at `index`, when it has a year and an agency.
    public func year(at index: Int) -> Int? { entries[index]?.year }
}
