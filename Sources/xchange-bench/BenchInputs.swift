import Foundation

/// What one run of the benchmark was asked for.
struct BenchSettings {
    let count: Int
    let seed: UInt64
    let workDirectory: String
    let bigGigabytes: Double
    let repetitions: Int
    let peers: Bool
}

/// The generated input files of a run, made once per count and seed and reused afterwards.
enum BenchInput: CaseIterable {
    /// The reports as JSON Lines.
    case jsonLines
    /// The same reports as one pretty-printed JSON array.
    case jsonArray
    /// The same reports as a wide CSV.
    case csv
    /// The same reports as JSON Lines, with a broken figure planted in one report of ten
    /// (``validate`` then places a finding in each of those).
    case faultyJSONLines
    /// The first tenth of the reports as a YAML stream (YAML is the slowest form to read).
    case yaml
    /// JSON Lines of at least `--big-gb` GB. Like every big input, it holds that many distinct
    /// generated reports (not the same ones again), so that `validate`'s memory of agency-years
    /// fills as it would on real data.
    case bigJSONLines
    /// A wide CSV of at least `--big-gb` GB.
    case bigCSV
    /// A YAML stream of at least a quarter of `--big-gb` GB.
    case bigYAML

    /// The file's path for these settings.
    func path(_ settings: BenchSettings) -> String {
        let stem = "\(settings.workDirectory)/reports-\(settings.count)-seed\(settings.seed)"
        let big = stem + String(format: "-big%gGB", settings.bigGigabytes)
        return switch self {
        case .jsonLines: stem + ".jsonl"
        case .jsonArray: stem + ".json"
        case .csv: stem + ".csv"
        case .faultyJSONLines: stem + "-faults.jsonl"
        case .yaml: "\(settings.workDirectory)/reports-\(max(1, settings.count / 10))-seed\(settings.seed).yaml"
        case .bigJSONLines: big + ".jsonl"
        case .bigCSV: big + ".csv"
        case .bigYAML: big + ".yaml"
        }
    }

    /// Makes the file unless it is already there. Returns false when it could not be made.
    func prepare(_ settings: BenchSettings) -> Bool {
        let target = path(settings)
        if FileManager.default.fileExists(atPath: target) { return true }
        try? FileManager.default.createDirectory(atPath: settings.workDirectory, withIntermediateDirectories: true)
        let started = Date()
        let made: Bool
        switch self {
        case .jsonLines, .jsonArray, .csv, .yaml:
            made = Self.generate(self == .yaml ? max(1, settings.count / 10) : settings.count, settings, target)
        case .faultyJSONLines:
            made = Self.generate(settings.count, settings, target, faults: max(1, settings.count / 10))
        case .bigJSONLines, .bigCSV, .bigYAML:
            made = makeBig(settings, at: target)
        }
        if made {
            print(
                String(
                    format: "  made %@ (%.1f MB) in %.1f s", target, megabytes(target),
                    Date().timeIntervalSince(started)))
        }
        return made
    }

    /// The input of ordinary size in the same format, whose size per report sets the count.
    private var ordinary: BenchInput {
        switch self {
        case .bigJSONLines: .jsonLines
        case .bigCSV: .csv
        case .bigYAML: .yaml
        default: self
        }
    }

    /// How many bytes a big input holds at least.
    private func bigBytes(_ settings: BenchSettings) -> Double {
        self == .bigYAML ? settings.bigGigabytes * 0.25e9 : settings.bigGigabytes * 1e9
    }

    /// Generates as many reports as make the big input's size, judged by the ordinary input's
    /// bytes per report, with the run's seed.
    private func makeBig(_ settings: BenchSettings, at target: String) -> Bool {
        let small = ordinary
        guard small.prepare(settings) else { return false }
        let smallCount = small == .yaml ? max(1, settings.count / 10) : settings.count
        let perReport = megabytes(small.path(settings)) * 1e6 / Double(smallCount)
        guard perReport > 0 else { return false }
        // Reports differ in size: 2% more of them, so that the input is not short of its size.
        return Self.generate(Int((bigBytes(settings) / perReport * 1.02).rounded(.up)), settings, target)
    }

    /// Generates `count` reports with the run's seed into `target`, in the format its extension
    /// names, `faults` figures broken.
    private static func generate(_ count: Int, _ settings: BenchSettings, _ target: String, faults: Int = 0) -> Bool {
        let outcome = ChildProcess.run([
            ChildProcess.selfPath, "task", "generate", String(count), String(settings.seed), target, String(faults),
        ])
        if outcome.status != 0 { print("generating \(target) failed: \(outcome.output)") }
        return outcome.status == 0
    }
}

/// A file's size in MB (10^6 bytes); 0 when it is missing.
func megabytes(_ path: String) -> Double {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return Double(size) / 1e6
}
