import Foundation
import XchangeCore

/// Fills tables 二, 三, 四 and the pre-2019 figures with numbers shaped like real reports:
/// mostly small counts, many zeros, natural persons far ahead of organisations, and every
/// consistency rule holding.
enum TableFigures {
    private static func id(_ key: String) -> FieldID { CanonicalSchema.v1.fieldID(key)! }

    static func activeDisclosure2021(_ report: inout Report, _ random: inout SyntheticRandom) {
        let ruleMaking = random.chance(0.1)
        let regulationsInForce = ruleMaking ? random.int(1...40) : 0
        report.values[id("active_disclosure.regulations.issued_this_year")] = .integer(
            ruleMaking ? random.int(0...3) : 0)
        report.values[id("active_disclosure.regulations.repealed_this_year")] = .integer(
            ruleMaking ? random.int(0...2) : 0)
        report.values[id("active_disclosure.regulations.in_force")] = .integer(regulationsInForce)
        report.values[id("active_disclosure.normative_documents.issued_this_year")] = .integer(
            random.count(zero: 0.4, max: 12))
        report.values[id("active_disclosure.normative_documents.repealed_this_year")] = .integer(
            random.count(zero: 0.6, max: 6))
        report.values[id("active_disclosure.normative_documents.in_force")] = .integer(random.count(zero: 0.2, max: 90))
        report.values[id("active_disclosure.administrative_licensing.decisions_this_year")] = .integer(
            random.count(zero: 0.35, max: 5000))
        report.values[id("active_disclosure.administrative_penalty.decisions_this_year")] = .integer(
            random.count(zero: 0.4, max: 800))
        report.values[id("active_disclosure.administrative_coercion.decisions_this_year")] = .integer(
            random.count(zero: 0.7, max: 60))
        let fee = random.chance(0.75) ? Decimal(0) : Decimal(random.int(1...500_000)) / 100
        report.values[id("active_disclosure.administrative_fees.amount_wan_yuan")] = .decimal(fee)
    }

    static func activeDisclosure2019(_ report: inout Report, _ random: inout SyntheticRandom) {
        for row in ["regulations", "normative_documents"] {
            let made =
                row == "regulations" ? (random.chance(0.1) ? random.int(0...3) : 0) : random.count(zero: 0.4, max: 12)
            report.values[id("active_disclosure_2019.\(row).newly_made_this_year")] = .integer(made)
            report.values[id("active_disclosure_2019.\(row).newly_published_this_year")] = .integer(made)
            report.values[id("active_disclosure_2019.\(row).total_published")] = .integer(
                made + random.count(zero: 0.3, max: 80))
        }
        for row in [
            "administrative_licensing", "other_external_services", "administrative_penalty", "administrative_coercion",
        ] {
            let prior = random.count(zero: 0.3, max: 400)
            report.values[id("active_disclosure_2019.\(row).items_prior_year")] = .integer(prior)
            report.values[id("active_disclosure_2019.\(row).items_change_this_year")] = .integer(
                random.int(-min(prior, 5)...5))
            report.values[id("active_disclosure_2019.\(row).decisions")] = .integer(random.count(zero: 0.4, max: 3000))
        }
        let feeItems = random.count(zero: 0.5, max: 30)
        report.values[id("active_disclosure_2019.administrative_fees.items_prior_year")] = .integer(feeItems)
        report.values[id("active_disclosure_2019.administrative_fees.items_change_this_year")] = .integer(
            random.int(-min(feeItems, 2)...2))
        let projects = random.count(zero: 0.5, max: 60)
        report.values[id("active_disclosure_2019.centralized_procurement.project_count")] = .integer(projects)
        report.values[id("active_disclosure_2019.centralized_procurement.total_amount")] = .decimal(
            projects == 0 ? 0 : Decimal(random.int(1...900_000)) / 100)
        report.values[id("active_disclosure_2019.centralized_procurement.total_amount_unit")] = .text("万元")
    }

    /// Relative frequency of each outcome row, per 1000 (予以公开 and 不掌握 dominate).
    private static func outcomeWeight(_ row: ApplicationRow) -> Int {
        switch row {
        case .granted: 420
        case .partiallyGranted: 90
        case .withheldStateSecret, .withheldEnforcementCaseFile: 3
        case .withheldProhibitedByLaw, .withheldEndangersSecurityStability: 5
        case .withheldThirdPartyRights, .withheldInternalAffairs, .withheldAdministrativeInquiry: 10
        case .withheldProcessInformation: 15
        case .unableNotHeld: 200
        case .unableRequiresCreation: 30
        case .unableUnclearAfterCorrection: 25
        case .notProcessedPetitionOrComplaint: 40
        case .notProcessedRepeatedApplication: 35
        case .notProcessedPublishedMaterial: 8
        case .notProcessedExcessiveUnreasonable: 6
        case .notProcessedConfirmOrReissue: 10
        case .otherHandling: 60
        case .otherHandlingCorrectionOverdue: 35
        case .otherHandlingFeeUnpaid: 5
        case .otherHandlingOther: 20
        default: 0
        }
    }

    static func applications(_ report: inout Report, _ random: inout SyntheticRandom, format: FormatVersion) {
        let rows = ApplicationRow.rows(for: format)
        let outcomes = rows.filter { outcomeWeight($0) > 0 }
        var cumulative: [Int] = []
        var running = 0
        for row in outcomes {
            running += outcomeWeight(row)
            cumulative.append(running)
        }
        // Typical annual caseloads per applicant type: most organs get a handful, a few get hundreds.
        let busy = random.chance(0.15)
        let limits: [ApplicantColumn: (zero: Double, max: Int)] = [
            .naturalPerson: (0.25, busy ? 1500 : 60), .commercialEnterprise: (0.75, busy ? 80 : 6),
            .researchInstitution: (0.97, 3), .publicInterestOrganization: (0.96, 3),
            .legalServiceInstitution: (0.85, busy ? 30 : 4), .otherOrganization: (0.9, 5),
        ]
        var totals = [ApplicationRow: Int]()
        for column in ApplicantColumn.parties {
            let limit = limits[column]!
            let received = random.count(zero: limit.zero, max: limit.max)
            let carriedOver = received == 0 ? 0 : random.count(zero: 0.7, max: max(1, received / 6))
            let open = received + carriedOver
            let carriedForward = open == 0 ? 0 : min(open, random.count(zero: 0.7, max: max(1, open / 6)))
            var counts = [ApplicationRow: Int]()
            counts[.newReceived] = received
            counts[.carriedOver] = carriedOver
            counts[.carriedForward] = carriedForward
            counts[.resultTotal] = open - carriedForward
            for _ in 0..<(open - carriedForward) {
                let draw = random.int(1...running)
                var low = 0
                var high = cumulative.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] >= draw { high = middle } else { low = middle + 1 }
                }
                counts[outcomes[low], default: 0] += 1
            }
            for row in rows {
                let count = counts[row] ?? 0
                report.values[id(row.key(column))] = .integer(count)
                totals[row, default: 0] += count
            }
        }
        for row in rows { report.values[id(row.key(.total))] = .integer(totals[row] ?? 0) }
    }

    static func review(_ report: inout Report, _ random: inout SyntheticRandom) {
        for group in ReviewGroup.allCases {
            let active = random.chance(group == .reconsideration ? 0.25 : 0.1)
            var total = 0
            for outcome in ReviewOutcome.allCases where outcome != .total {
                let count = active ? random.count(zero: 0.5, max: 9) : 0
                total += count
                report.values[id(ReviewOutcome.key(group, outcome))] = .integer(count)
            }
            report.values[id(ReviewOutcome.key(group, .total))] = .integer(total)
        }
    }

    static func legacy(_ report: inout Report, _ random: inout SyntheticRandom) {
        func set(_ key: String, _ value: Int) { report.values[id("legacy." + key)] = .integer(value) }
        func percent(_ key: String, _ text: String) {
            report.values[id("legacy." + key)] = .percentage(Percentage(reported: text)!)
        }
        let channels = [
            "gov_website": random.count(zero: 0, max: 9000), "gov_gazette": random.count(zero: 0.5, max: 300),
            "gov_weibo": random.count(zero: 0.3, max: 2000), "gov_wechat": random.count(zero: 0.3, max: 2000),
            "other": random.count(zero: 0.5, max: 500),
        ]
        for (channel, count) in channels.sorted(by: { $0.key < $1.key }) { set("active.by_channel.\(channel)", count) }
        set("active.total", channels.values.reduce(0, +))
        set("active.normative_documents", random.count(zero: 0.4, max: 20))
        let byChannel = [
            "in_person": random.count(zero: 0.4, max: 40), "fax": random.count(zero: 0.95, max: 2),
            "email": random.count(zero: 0.7, max: 10), "online": random.count(zero: 0.3, max: 60),
            "letter": random.count(zero: 0.6, max: 20), "other": random.count(zero: 0.9, max: 3),
        ]
        for (channel, count) in byChannel.sorted(by: { $0.key < $1.key }) {
            set("applications.by_channel.\(channel)", count)
        }
        let received = byChannel.values.reduce(0, +)
        set("applications.received", received)
        var left = received
        for answer in ["granted", "partially_granted", "refused", "not_exist", "not_held", "unclear"] {
            let count = answer == "granted" ? left * random.int(50...90) / 100 : random.int(0...max(0, left / 3))
            set("applications.answered.\(answer)", count)
            left -= count
        }
        percent(
            "applications.on_time_rate_percent",
            random.chance(0.8) ? "100" : "9\(random.int(0...9)).\(random.int(0...9))")
        set("review.reconsideration", random.count(zero: 0.8, max: 4))
        set("review.litigation", random.count(zero: 0.9, max: 3))
        set("review.complaints", random.count(zero: 0.85, max: 5))
        report.values[id("legacy.fees.charged_yuan")] = .decimal(Decimal(random.count(zero: 0.9, max: 500)))
        report.values[id("legacy.fees.waived_yuan")] = .decimal(0)
        report.values[id("legacy.costs.disclosure_work_yuan")] = .decimal(Decimal(random.int(0...300) * 1000))
        for body in ["npc", "cppcc"] {
            let parts = [
                random.count(zero: 0.2, max: 30), random.count(zero: 0.5, max: 10), random.count(zero: 0.6, max: 10),
                random.count(zero: 0.6, max: 8),
            ]
            for (name, count) in zip(["resolved", "in_progress", "planned", "explained"], parts) {
                set("proposals.\(body).\(name)", count)
            }
            set("proposals.\(body).total", parts.reduce(0, +))
            percent("proposals.\(body).response_rate_percent", "100")
            percent("proposals.\(body).satisfaction_rate_percent", "9\(random.int(5...9)).\(random.int(0...9))")
        }
    }
}
