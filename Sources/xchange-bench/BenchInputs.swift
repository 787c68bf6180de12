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
    /// The first tenth of the reports as a YAML stream (YAML is the slowest form to read).
    case yaml
    /// JSON Lines of at least `--big-gb` GB: the generated lines again and again.
    case bigJSONLines
    /// A wide CSV of at least `--big-gb` GB.
    case bigCSV
    /// A YAML stream of at least a quarter of `--big-gb` GB.
    case bigYAML

    /// The file's path for these settings.
    func path(_ settings: BenchSettings) -> String {
        let stem = "\(settings.workDirectory)/reports-\(settings.count)-seed\(settings.seed)"
        return switch self {
        case .jsonLines: stem + ".jsonl"
        case .jsonArray: stem + ".json"
        case .csv: stem + ".csv"
        case .yaml: "\(settings.workDirectory)/reports-\(max(1, settings.count / 10))-seed\(settings.seed).yaml"
        case .bigJSONLines: stem + "-big.jsonl"
        case .bigCSV: stem + "-big.csv"
        case .bigYAML: stem + "-big.yaml"
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
            let count = self == .yaml ? max(1, settings.count / 10) : settings.count
            let outcome = ChildProcess.run([
                ChildProcess.selfPath, "task", "generate", String(count), String(settings.seed), target,
            ])
            made = outcome.status == 0
            if !made { print("generating \(target) failed: \(outcome.output)") }
        case .bigJSONLines:
            made = Self.repeatBody(
                of: BenchInput.jsonLines.path(settings), headerLines: 0, into: target,
                bytes: settings.bigGigabytes * 1e9)
        case .bigCSV:
            made = Self.repeatBody(
                of: BenchInput.csv.path(settings), headerLines: 1, into: target, bytes: settings.bigGigabytes * 1e9)
        case .bigYAML:
            made = Self.repeatBody(
                of: BenchInput.yaml.path(settings), headerLines: 0, into: target, bytes: settings.bigGigabytes * 0.25e9)
        }
        if made {
            print(
                String(
                    format: "  made %@ (%.1f MB) in %.1f s", target, megabytes(target),
                    Date().timeIntervalSince(started)))
        }
        return made
    }

    /// The header lines of `source`, then its remaining bytes again and again until at least `bytes`.
    private static func repeatBody(of source: String, headerLines: Int, into target: String, bytes: Double) -> Bool {
        guard let data = FileManager.default.contents(atPath: source) else { return false }
        var bodyStart = data.startIndex
        for _ in 0..<headerLines {
            guard let lineEnd = data[bodyStart...].firstIndex(of: 0x0A) else { return false }
            bodyStart = lineEnd + 1
        }
        let body = data[bodyStart...]
        let partial = target + ".partial"
        guard !body.isEmpty, FileManager.default.createFile(atPath: partial, contents: data[..<bodyStart]),
            let handle = FileHandle(forWritingAtPath: partial)
        else { return false }
        handle.seekToEndOfFile()
        var written = Double(bodyStart)
        while written < bytes {
            handle.write(body)
            written += Double(body.count)
        }
        handle.closeFile()
        return rename(partial, target) == 0
    }
}

/// A file's size in MB (10^6 bytes); 0 when it is missing.
func megabytes(_ path: String) -> Double {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return Double(size) / 1e6
}
