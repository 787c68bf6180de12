import XchangeCore
import XchangeSynthetic

/// Writes generated reports of every era and reads them back: what the contract says the module
/// keeps must come back unchanged, without an error or a warning.
struct RoundTripCheck {
    let harness: ModuleHarness
    let contract: ConformanceContract

    func findings() -> [ConformanceFinding] {
        contract.roundTrips.flatMap { roundTrip in
            var found = roundTrip.eras.flatMap { era in
                check(roundTrip, batches: batches(of: generated(era), roundTrip), label: era.rawValue)
            }
            if roundTrip.includesEveryFieldReport {
                do {
                    found += check(roundTrip, batches: [[try ReportFixtures.everyField()]], label: "every field")
                } catch {
                    found.append(ConformanceFinding(.setup, "the every-field report could not be made: \(error)"))
                }
            }
            return found
        }
    }

    private func batches(of reports: [Report], _ roundTrip: RoundTrip) -> [[Report]] {
        roundTrip.reportsPerFile == .one ? reports.map { [$0] } : [reports]
    }

    /// Files the module wrote in its first round trip, one per era: realistic inputs to damage.
    func writtenSamples() -> [(name: String, bytes: [UInt8])] {
        guard let first = contract.roundTrips.first else { return [] }
        return first.eras.compactMap { era in
            let reports = Array(generated(era).prefix(first.reportsPerFile == .one ? 1 : 3))
            let name = "sample-\(era.rawValue).\(harness.module.fileExtensions.first ?? "dat")"
            guard let path = try? harness.write(reports, to: name, options: first.writeOptions),
                let bytes = try? harness.folder.read(path)
            else { return nil }
            return (name, bytes)
        }
    }

    private func generated(_ era: FormatVersion) -> [Report] {
        Array(ReportGenerator(count: contract.reportsPerEra, seed: contract.seed, format: era))
    }

    /// Writes each batch to a file of its own and reads it back.
    private func check(_ roundTrip: RoundTrip, batches: [[Report]], label: String) -> [ConformanceFinding] {
        var found: [String] = []
        for (index, batch) in batches.enumerated() {
            let context = "\(roundTrip.name), \(label)" + (batches.count > 1 ? " report \(index + 1)" : "")
            let name =
                "round-trip-\(index)-\(label.replacingOccurrences(of: " ", with: "-")).\(harness.module.fileExtensions.first ?? "dat")"
            let path: String
            do {
                path = try harness.write(batch, to: name, options: roundTrip.writeOptions)
            } catch {
                found.append("\(context): writing \(batch.count) report(s) failed: \(error)")
                continue
            }
            let outcome = harness.read(path, options: roundTrip.readOptions)
            if outcome.timedOut {
                found.append("\(context): reading back did not finish")
                continue
            }
            if let error = outcome.thrown {
                found.append("\(context): reading back failed: \(error)")
                continue
            }
            for diagnostic in outcome.diagnostics where diagnostic.severity >= .warning {
                found.append("\(context): reading its own output gave \(diagnostic)")
            }
            guard outcome.reports.count == batch.count else {
                found.append("\(context): wrote \(batch.count) report(s), read back \(outcome.reports.count)")
                continue
            }
            for (number, (written, read)) in zip(batch, outcome.reports).enumerated() {
                let expected = roundTrip.keeps(written)
                let actual = roundTrip.keeps(Self.withoutAddedSources(read, comparedTo: written))
                let differences = ReportDifference.list(expected, actual)
                if !differences.isEmpty {
                    let shown = differences.prefix(5).joined(separator: "; ")
                    let more = differences.count > 5 ? " (and \(differences.count - 5) more)" : ""
                    found.append(
                        "\(context): report \(number + 1) changed in \(roundTrip.keeps.description): \(shown)\(more)")
                }
            }
        }
        return found.map { ConformanceFinding(.roundTrip, $0) }
    }

    /// A reader may record where it read each value; that is not a change of the report.
    static func withoutAddedSources(_ read: Report, comparedTo written: Report) -> Report {
        var cleaned = read
        cleaned.provenance = read.provenance.filter { written.provenance[$0.key] != nil }
        for index in cleaned.facts.indices where index < written.facts.count && written.facts[index].source == nil {
            cleaned.facts[index].source = nil
        }
        return cleaned
    }
}
