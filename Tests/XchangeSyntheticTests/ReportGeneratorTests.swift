import Testing
import XchangeCore
import XchangeSynthetic

@Suite("ReportGenerator")
struct ReportGeneratorTests {
    @Test("generated reports pass every rule", arguments: FormatVersion.allCases)
    func cleanReportsValidate(format: FormatVersion) {
        let validator = Validator()
        var count = 0
        for report in ReportGenerator(count: 300, seed: 7, format: format) {
            let findings = validator.validate(report)
            #expect(findings.isEmpty, "report \(count): \(findings.map(\.description))")
            #expect(report.formatVersion == format)
            count += 1
        }
        #expect(count == 300)
    }

    @Test("the same seed gives the same reports; another seed does not")
    func deterministic() {
        let first = Array(ReportGenerator(count: 20, seed: 42, faults: 5))
        let again = Array(ReportGenerator(count: 20, seed: 42, faults: 5))
        let other = Array(ReportGenerator(count: 20, seed: 43, faults: 5))
        #expect(first == again)
        #expect(first != other)
        #expect(
            ReportGenerator(count: 20, seed: 42, faults: 5).injectedFaults()
                == ReportGenerator(count: 20, seed: 42, faults: 5).injectedFaults())
    }

    @Test(
        "every planted fault is flagged by its rule, and only faulty reports have findings",
        arguments: FormatVersion.allCases)
    func faultsAreFlagged(format: FormatVersion) {
        for (count, faults) in [(200, 37), (5, 23)] {
            let generator = ReportGenerator(count: count, seed: 99, format: format, faults: faults)
            let planted = generator.injectedFaults()
            #expect(planted.count == faults)
            let validator = Validator()
            for (index, report) in generator.enumerated() {
                let found = Set(validator.validate(report).map(\.code))
                let expected = planted.filter { $0.reportIndex == index }
                for fault in expected {
                    #expect(found.contains(fault.ruleID), "report \(index): \(fault) not flagged; found \(found)")
                }
                if expected.isEmpty { #expect(found.isEmpty, "report \(index) has no fault but \(found)") }
            }
        }
    }

    @Test("identifiers carry valid check characters and agencies are distinct")
    func identifiers() {
        var codes = Set<String>()
        for report in ReportGenerator(count: 2000, seed: 3) {
            guard case .text(let uscc)? = report["meta.agency_uscc"] else {
                Issue.record("no USCC")
                continue
            }
            #expect(CheckCharacters.isValidUSCC(uscc))
            #expect(CheckCharacters.isValidOrganisationCode(inUSCC: uscc))
            codes.insert(uscc)
        }
        #expect(codes.count == 2000)
    }

    @Test("natural persons dominate and most organisation cells are zero")
    func realisticShape() {
        var natural = 0
        var organisations = 0
        var zeroCells = 0
        var cells = 0
        for report in ReportGenerator(count: 500, seed: 11) {
            natural += report[.newReceived, .naturalPerson] ?? 0
            for column in ApplicantColumn.parties where column != .naturalPerson {
                organisations += report[.newReceived, column] ?? 0
            }
            for row in ApplicationRow.rows(for: .unified2021) {
                for column in ApplicantColumn.allCases {
                    cells += 1
                    if report[row, column] == 0 { zeroCells += 1 }
                }
            }
        }
        #expect(natural > 3 * organisations)
        #expect(Double(zeroCells) / Double(cells) > 0.6)
    }
}
