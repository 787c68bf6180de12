import XchangeCore

/// An input of zero bytes is read as the contract documents: no report, or a refusal with the
/// documented code naming the file. The output of a writer given no report reads back the same
/// way, or as no report.
struct EmptyInputCheck {
    let harness: ModuleHarness
    let contract: ConformanceContract

    func findings() -> [ConformanceFinding] {
        let ext = harness.module.fileExtensions.first ?? "dat"
        var found: [String] = []
        if let path = try? harness.folder.write("empty.\(ext)", []) {
            found += problems(reading: path, what: "an empty input", expecting: contract.emptyInput)
        }
        if harness.module.capabilities.contains(.write) {
            do {
                let path = try harness.write([], to: "no-reports.\(ext)")
                let bytes = (try? harness.folder.read(path)) ?? []
                // A writer may write nothing at all (read as an empty input), or a document holding
                // no report (`[]`, read as no report).
                let what = "the output of a writer given no report (\(bytes.count) bytes)"
                let asEmpty = problems(reading: path, what: what, expecting: contract.emptyInput)
                if !asEmpty.isEmpty, !problems(reading: path, what: what, expecting: .noReports).isEmpty {
                    found += asEmpty
                }
            } catch {
                found.append("a writer given no report failed on finish: \(error)")
            }
        }
        return found.map { ConformanceFinding(.emptyInput, $0) }
    }

    private func problems(reading path: String, what: String, expecting expected: EmptyInput) -> [String] {
        let outcome = harness.read(path)
        if outcome.timedOut { return ["reading \(what) did not finish"] }
        switch expected {
        case .noReports:
            if let error = outcome.thrown { return ["\(what) should give no report, but reading threw \(error)"] }
            if !outcome.reports.isEmpty { return ["\(what) gave \(outcome.reports.count) report(s), not none"] }
            return outcome.diagnostics.filter { $0.severity == .error }.map { "\(what) gave the error \($0)" }
        case .refused(let code):
            guard let error = outcome.thrown as? Diagnostic else {
                let got = outcome.thrown.map { "\($0)" } ?? "\(outcome.reports.count) report(s)"
                return ["\(what) should be refused with \(code), but gave \(got)"]
            }
            var found: [String] = []
            if error.code != code { found.append("\(what) was refused with \(error.code), not \(code): \(error)") }
            if error.location?.file != path { found.append("the refusal of \(what) does not name the file: \(error)") }
            return found
        }
    }
}
