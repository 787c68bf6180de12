import XchangeCore
import XchangeSynthetic

/// For modules that only write: generated reports of every era are written without error.
struct WriterCheck {
    let harness: ModuleHarness
    let contract: ConformanceContract

    func findings() -> [ConformanceFinding] {
        let ext = harness.module.fileExtensions.first ?? "out"
        var found: [String] = []
        for era in FormatVersion.allCases {
            let reports = Array(ReportGenerator(count: contract.reportsPerEra, seed: contract.seed, format: era))
            do {
                _ = try harness.write(reports, to: "written-\(era.rawValue).\(ext)")
            } catch {
                found.append("writing \(reports.count) \(era.rawValue) reports failed: \(error)")
            }
        }
        do {
            _ = try harness.write([], to: "written-none.\(ext)")
        } catch {
            found.append("a writer given no report failed on finish: \(error)")
        }
        return found.map { ConformanceFinding(.writer, $0) }
    }
}
