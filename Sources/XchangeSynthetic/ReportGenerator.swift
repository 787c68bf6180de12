import Foundation
import XchangeCore

/// Realistic, random, internally consistent disclosure reports, for tests and benchmarks.
///
/// Each report has a distinct organ (a real administrative division, a department name, a
/// unified social credit code with valid check characters), report year and statistics
/// period, contact details, short section texts, and tables 二/三/四 (or the pre-2019 figures)
/// whose numbers look like real caseloads and satisfy every consistency rule of the schema.
///
/// With `faults: K`, exactly K single-cell changes that break a rule are planted, spread over
/// the reports; ``injectedFaults()`` lists them so a test can check that validation flags each.
/// The same count, seed, format and faults always give the same reports.
public struct ReportGenerator: Sequence, IteratorProtocol {
    public let count: Int
    public let seed: UInt64
    public let format: FormatVersion
    private let plan: [Int: [FaultKind]]
    private let faultList: [InjectedFault]
    private var position = 0

    /// - Parameters:
    ///   - count: how many reports to generate.
    ///   - seed: the seed; equal seeds give equal reports.
    ///   - format: the template the reports follow (and the era of their years).
    ///   - faults: rule violations to plant; at most ``maximumFaults(count:format:)``.
    public init(count: Int, seed: UInt64, format: FormatVersion = .unified2021, faults: Int = 0) {
        precondition(count >= 0, "count must be ≥ 0")
        precondition(
            faults >= 0 && faults <= Self.maximumFaults(count: count, format: format),
            "at most \(Self.maximumFaults(count: count, format: format)) faults fit in \(count) \(format.rawValue) reports"
        )
        self.count = count
        self.seed = seed
        self.format = format
        var random = SyntheticRandom(seed: seed, stream: 2, item: 0)
        var plan: [Int: [FaultKind]] = [:]
        let kinds = FaultKind.kinds(for: format)
        if faults <= count {
            // One fault per report, in distinct reports.
            var chosen = Set<Int>()
            while chosen.count < faults { chosen.insert(random.int(0...(count - 1))) }
            for index in chosen.sorted() { plan[index] = [random.pick(kinds)] }
        } else {
            // More faults than reports: each report takes several, each of a different kind.
            for index in 0..<count {
                let share = faults / count + (index < faults % count ? 1 : 0)
                var shuffled = kinds
                shuffled.shuffle(using: &random)
                plan[index] = Array(shuffled.prefix(share))
            }
        }
        self.plan = plan
        self.faultList = plan.keys.sorted().flatMap { index in
            plan[index]!.map { InjectedFault(reportIndex: index, ruleID: $0.rawValue, field: $0.field) }
        }
    }

    /// The most faults `count` reports of `format` can hold (one of each kind per report).
    public static func maximumFaults(count: Int, format: FormatVersion) -> Int {
        count * FaultKind.kinds(for: format).count
    }

    /// Every fault planted, by report index then rule, for all `count` reports (known before
    /// any report is generated).
    public func injectedFaults() -> [InjectedFault] { faultList }

    public mutating func next() -> Report? {
        guard position < count else { return nil }
        defer { position += 1 }
        var report = Self.report(index: position, seed: seed, format: format)
        for kind in plan[position] ?? [] { kind.apply(to: &report) }
        return report
    }

    /// The fault-free report at `index`.
    static func report(index: Int, seed: UInt64, format: FormatVersion) -> Report {
        var random = SyntheticRandom(seed: seed, stream: 1, item: index)
        let year: Int =
            switch format {
            case .unified2021: random.int(2021...2024)
            case .trial2019: random.int(2019...2020)
            // Legacy reports start in 2016 here so that each carries a USCC (GB 32100, 2015).
            case .legacyPre2019: random.int(2016...2018)
            }
        let agency = AgencyCatalog.agency(index: index, seed: seed, random: &random)
        var report = Report()
        report.formatVersion = format
        func set(_ key: String, _ value: FieldValue) { report.values[CanonicalSchema.v1.fieldID(key)!] = value }
        set("meta.report_year", .integer(year))
        set("meta.agency_name", .text(agency.name))
        set("meta.agency_uscc", .text(agency.uscc))
        set("meta.admin_division_code", .text(agency.division.code))
        set("meta.admin_division_name", .text(agency.division.name))
        set("meta.agency_level", .text(agency.level))
        set("meta.statistics_period.from", .date(CalendarDate(year: year, month: 1, day: 1)!))
        set("meta.statistics_period.to", .date(CalendarDate(year: year, month: 12, day: 31)!))
        set(
            "meta.published_on", .date(CalendarDate(year: year + 1, month: random.int(1...3), day: random.int(1...28))!)
        )
        let serial = String(random.int(1...9999)).leftPadded(5)
        set("meta.index_no", .text("\(agency.uscc)/\(year + 1)-\(serial)"))
        if random.chance(0.8) {
            set(
                "meta.source_url",
                .text("https://\(agency.domain)/zwgk/xxgknb/\(year + 1)/t\(year + 1)0120_\(serial).html"))
        }
        set("meta.contact.office", .text(agency.name))
        set(
            "meta.contact.address",
            .text("\(agency.division.name)\(random.pick(AgencyCatalog.roads))\(random.int(1...300))号"))
        set("meta.contact.postcode", .text(String(random.int(100_000...999_999))))
        set("meta.contact.phone", .text("0\(random.int(10...999))-\(random.int(2_000_000...89_999_999))"))
        if random.chance(0.6) {
            set("meta.contact.email", .text("zwgk\(random.int(1...99))@\(agency.domain.dropFirst(4))"))
        }
        if random.chance(0.5) { set("meta.contact.website", .text("https://\(agency.domain)")) }

        if random.chance(0.3) {
            report.preamble = SectionTexts.preamble(agency: agency.name, year: year, domain: agency.domain)
        }
        switch format {
        case .unified2021, .trial2019:
            report.overview = SectionTexts.overview(agency: agency.name, year: year, random: &random)
            if format == .unified2021 {
                TableFigures.activeDisclosure2021(&report, &random)
            } else {
                TableFigures.activeDisclosure2019(&report, &random)
            }
            TableFigures.applications(&report, &random, format: format)
            TableFigures.review(&report, &random)
            report.problemsAndImprovements = SectionTexts.problems(random: &random)
            let feeYuan = random.chance(0.9) ? 0 : random.int(1...20) * 100
            report.otherMatters = SectionTexts.otherMatters(year: year, feeYuan: feeYuan)
            set("other_matters.information_processing_fee.charged", .flag(feeYuan > 0))
            set("other_matters.information_processing_fee.amount_yuan", .decimal(Decimal(feeYuan)))
            if feeYuan > 0 {
                set("other_matters.information_processing_fee.notices_issued", .integer(random.int(1...5)))
            }
            if case .integer(let received)? = report["applications.new_received.total"] {
                report.facts.append(
                    Fact(
                        label: "本年新收政府信息公开申请", value: Decimal(received), unit: "件",
                        key: "applications.new_received.total"))
            }
        case .legacyPre2019:
            TableFigures.legacy(&report, &random)
            let reviews = ["legacy.review.reconsideration", "legacy.review.litigation"].compactMap {
                report[$0]?.plainText
            }
            let hadReviews = reviews.contains { $0 != "0" }
            report.legacySections = SectionTexts.legacyParts(
                agency: agency.name, year: year, hadReviews: hadReviews, random: &random)
        }
        report.facts.append(Fact(label: "召开新闻发布会", value: Decimal(random.int(1...60)), unit: "场"))
        return report
    }
}
