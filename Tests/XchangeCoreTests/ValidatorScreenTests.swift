import Foundation
import Testing

@testable import XchangeCore

/// The validator's shortcuts — the screen that passes clean reports without the full rule
/// evaluator, and the compact cross-year memory — give exactly the findings of the plain way.
struct ValidatorScreenTests {
    /// A small deterministic generator, so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let compiled = CanonicalSchema.v1.rules.map { CompiledRule($0, schema: .v1) }

    /// Every rule that applies, evaluated one by one: what the validator did before it screened.
    func plainFindings(_ report: Report, source: String) -> [Diagnostic] {
        let evaluator = RuleEvaluator(report: report, source: source)
        return Self.compiled.filter { $0.rule.applies(to: report.formatVersion) }
            .flatMap { evaluator.evaluate($0).map(\.diagnostic) }
    }

    /// A report whose tables 三 and 四 and pre-2019 figures all add up.
    func consistentReport() throws -> Report {
        var report = Report()
        let columns = ApplicantColumn.allCases.filter { $0 != .total }
        let outcomes: [ApplicationRow] = [.granted, .partiallyGranted, .withheldStateSecret, .unableNotHeld]
        for (offset, column) in columns.enumerated() {
            let base = offset * 7 + 3
            let handled = outcomes.enumerated().map { index, row in (row, base + index) }
            let total = handled.reduce(0) { $0 + $1.1 }
            var rows = handled + [(.resultTotal, total), (.carriedForward, 2)]
            rows += [(.newReceived, total - 1), (.carriedOver, 3)]
            for (row, value) in rows { try report.set(row.key(column), to: .integer(value)) }
        }
        for row in [ApplicationRow.granted, .partiallyGranted, .withheldStateSecret, .unableNotHeld] + [
            .resultTotal, .carriedForward, .newReceived, .carriedOver,
        ] {
            let sum = columns.reduce(0) { total, column in
                guard case .integer(let value)? = report[row.key(column)] else { return total }
                return total + value
            }
            try report.set(row.key(.total), to: .integer(sum))
        }
        try report.set(ReviewOutcome.key(.reconsideration, .upheld), to: .integer(2))
        try report.set(ReviewOutcome.key(.reconsideration, .corrected), to: .integer(1))
        try report.set(ReviewOutcome.key(.reconsideration, .total), to: .integer(3))
        for (key, value) in [("total", 10), ("by_channel.gov_website", 6), ("by_channel.other", 4)] {
            try report.set("legacy.active." + key, to: .integer(value))
        }
        try report.set("legacy.applications.received", to: .integer(9))
        try report.set("legacy.applications.answered.granted", to: .integer(7))
        try report.set("meta.agency_uscc", to: .text("11371000004359010J"))
        return report
    }

    /// One random change: a figure moved, blanked, made negative, decimal, huge or text; a
    /// change that keeps a sum; a code or a format changed.
    func mutate(_ report: inout Report, _ random: inout SplitMix) {
        let keys = CanonicalSchema.v1.fields.map(\.key).filter {
            $0.hasPrefix("applications.") || $0.hasPrefix("review_litigation.") || $0.hasPrefix("legacy.")
                || $0.hasPrefix("active_disclosure.")
        }
        let id = CanonicalSchema.v1.fieldID(keys.randomElement(using: &random)!)!
        let choice = Int.random(in: 0..<12, using: &random)
        switch choice {
        case 0: report.values[id] = nil
        case 1: report.values[id] = .integer(Int.random(in: 0...40, using: &random))
        case 2: report.values[id] = .integer(-Int.random(in: 1...5, using: &random))
        case 3: report.values[id] = .decimal(Decimal(string: "2.5")!)
        case 4: report.values[id] = .integer(Int.max - Int.random(in: 0...3, using: &random))
        case 5: report.values[id] = .text("many")
        case 6: report.values[id] = .integer(Int.min + Int.random(in: 0...1, using: &random))
        case 7:
            // Moves one unit between two outcome rows: every sum still holds.
            let column = ApplicantColumn.allCases.filter { $0 != .total }.randomElement(using: &random)!
            for (row, change) in [(ApplicationRow.granted, 1), (.partiallyGranted, -1)] {
                if case .integer(let value)? = report[row.key(column)] {
                    report.values[CanonicalSchema.v1.fieldID(row.key(column))!] = .integer(value + change)
                }
            }
        case 8: report.formatVersion = FormatVersion.allCases.randomElement(using: &random)
        case 9: report.values[CanonicalSchema.v1.fieldID("meta.agency_uscc")!] = .text("11371000004359010K")
        case 10: report.values[CanonicalSchema.v1.fieldID("meta.agency_uscc")!] = .text("9135010０M000100Y4")
        default: report.values[id] = .percentage(Percentage(checkedDigits: "86.90"))
        }
    }

    @Test func screenedFindingsEqualThePlainEvaluation() throws {
        var random = SplitMix(state: 2024)
        let base = try consistentReport()
        let validator = Validator()
        var clean = 0
        var checked = 0
        for _ in 0..<1500 {
            var report = base
            report.formatVersion = [nil, .legacyPre2019, .trial2019, .unified2021].randomElement(using: &random)!
            for _ in 0..<Int.random(in: 0...3, using: &random) { mutate(&report, &random) }
            let expected = plainFindings(report, source: "r.json")
            // No report year: nothing is remembered between reports.
            let found = validator.validate(report, source: "r.json")
            #expect(found == expected, "\(report.values.present.map { ($0.id.descriptor.key, $0.value) })")
            if found.isEmpty { clean += 1 }
            checked += 1
        }
        // Both ways were taken many times: clean reports through the screen, others in full.
        #expect(clean > 150 && checked - clean > 150, "clean \(clean) of \(checked)")
    }

    @Test func crossYearMemoryKeepsEveryFigureExactly() throws {
        let fields = CanonicalSchema.v1.rules.map { CompiledRule($0, schema: .v1) }.flatMap(\.crossYearFields)
        let kept = Array(Set(fields)).sorted()
        var history = CrossYearHistory(fields: kept, capacity: 64)
        var random = SplitMix(state: 7)
        let values: [FieldValue?] = [
            nil, .integer(0), .integer(41), .integer(65_533), .integer(65_534), .integer(65_535),
            .integer(Int(Int32.max) + 1),
            .integer(Int(Int32.min) + 1), .integer(-3), .integer(Int.min), .decimal(Decimal(string: "12.75")!),
            .text("x"),
        ]
        for agency in 0..<40 {
            var report = Report()
            for id in kept { report.values[id] = values.randomElement(using: &random)! }
            let digest = AgencyDigest("agency \(agency)")
            history.store(report, agency: digest, year: 2021)
            let record = try #require(history.record(digest, year: 2021))
            let stored = history.figures(of: record)
            let direct = history.figures(of: report, year: 2021)
            for id in kept { #expect(stored[id] == direct[id], "\(id.descriptor.key)") }
            #expect(stored.year == 2021)
        }
    }

    @Test func crossYearMemoryForgetsTheOldestBeyondItsCapacity() {
        let kept = [CanonicalSchema.v1.fieldID("applications.carried_forward.total")!]
        var history = CrossYearHistory(fields: kept, capacity: 50)
        var random = SplitMix(state: 11)
        // A model of what must be held: the last 50 distinct agency-years stored, each with its figure.
        var order: [String] = []
        var figure: [String: Int] = [:]
        for step in 0..<2000 {
            let key = "agency \(Int.random(in: 0..<120, using: &random))"
            let year = 2020 + Int.random(in: 0...2, using: &random)
            var report = Report()
            report.values[kept[0]] = .integer(step)
            history.store(report, agency: AgencyDigest(key), year: year)
            let name = "\(key)/\(year)"
            if figure[name] == nil {
                order.append(name)
                if order.count > 50 { figure[order.removeFirst()] = nil }
            }
            figure[name] = step
        }
        for agency in 0..<120 {
            for year in 2020...2022 {
                let record = history.record(AgencyDigest("agency \(agency)"), year: year)
                let expected = figure["agency \(agency)/\(year)"]
                #expect(record.flatMap { history.figures(of: $0)[kept[0]] } == expected.map { Decimal($0) })
                #expect((record != nil) == (expected != nil))
            }
        }
    }

    @Test func identifierChecksAgreeWithTheCharacterByCharacterReading() {
        // Non-ASCII and odd lengths take the general path; the answers do not depend on it.
        #expect(!CheckCharacters.isValidUSCC("11371000004359010J "))
        #expect(!CheckCharacters.isValidUSCC("1137100000435901０J"))
        #expect(!CheckCharacters.isValidUSCC("11371000004359010j"))
        #expect(CheckCharacters.isValidOrganisationCode(inUSCC: "０1371000004359010J"))
        #expect(CheckCharacters.isValidOrganisationCode(inUSCC: "某某某某某某某某004359010J"))
        #expect(CheckCharacters.isValidOrganisationCode(inUSCC: "014246685"))
        #expect(!CheckCharacters.isValidOrganisationCode(inUSCC: "01424668-6"))
        #expect(!CheckCharacters.isValidOrganisationCode(inUSCC: "0142466-85"))
    }
}
