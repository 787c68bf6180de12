import Foundation

/// The benchmark run: generates the input, runs each conversion and the reference tools in
/// child processes, and prints throughput, peak memory and ratios.
struct Benchmark {
    let count: Int
    let workDirectory: String
    let bigGigabytes: Double

    struct Row {
        let name: String
        let megabytes: Double
        let outcome: ChildProcess.Outcome?
        let note: String?

        var throughput: Double? {
            guard let outcome, outcome.status == 0, outcome.seconds > 0 else { return nil }
            return megabytes / outcome.seconds
        }
    }

    func run() {
        try? FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let me = ChildProcess.selfPath
        let wide = workDirectory + "/reports-wide.csv"
        print("xchange-bench: \(count) generated unified_2021 reports; work dir \(workDirectory)")
        print("machine: \(Self.machine())")
        let generation = ChildProcess.run([me, "run", "generate", String(count), wide])
        guard generation.status == 0 else {
            print("generating the input failed: \(generation.output)")
            exit(1)
        }
        let size = Self.megabytes(wide)
        print(String(format: "input: %@ (%.1f MB), generated and written in %.2f s\n", wide, size, generation.seconds))

        var rows: [Row] = []
        func ours(_ name: String, _ task: Conversion, _ input: String, _ output: String, megabytes: Double? = nil) -> Row {
            let outcome = ChildProcess.run([me, "run", task.rawValue, input, output])
            let note: String? = switch outcome.status {
            case 0: nil
            case Conversion.unavailable: "json module not available"
            default: "failed: " + outcome.output
            }
            let row = Row(name: name, megabytes: megabytes ?? size, outcome: outcome.status == 0 ? outcome : nil, note: note)
            rows.append(row)
            Self.printRow(row)
            return row
        }
        Self.printHeader()
        let parse = ours("CSV wide → reports (read only)", .parseCSV, wide, "/dev/null")
        let jsonLines = workDirectory + "/reports.jsonl"
        let toJSONLines = ours("CSV wide → JSON Lines", .csvToJSONLines, wide, jsonLines)
        if toJSONLines.outcome != nil {
            _ = ours("JSON Lines → CSV wide", .jsonLinesToCSV, jsonLines, workDirectory + "/back.csv", megabytes: Self.megabytes(jsonLines))
        } else {
            let row = Row(name: "JSON Lines → CSV wide", megabytes: 0, outcome: nil, note: "json module not available")
            rows.append(row)
            Self.printRow(row)
        }
        _ = ours("CSV wide → JSON", .csvToJSON, wide, workDirectory + "/reports.json")
        _ = ours("validate CSV wide", .validateCSV, wide, "/dev/null")
        _ = ours("CSV wide → CSV wide", .csvToCSV, wide, workDirectory + "/copy.csv")

        let miller = reference("Miller (mlr --icsv --ojsonl cat)", ["mlr", "--icsv", "--ojsonl", "cat", wide], output: workDirectory + "/mlr.jsonl", size: size)
        let pythonScript = "import csv,json,sys\nwith open(sys.argv[1],newline='',encoding='utf-8-sig') as f, open(sys.argv[2],'w',encoding='utf-8') as o:\n    for row in csv.DictReader(f): o.write(json.dumps(row,ensure_ascii=False)+'\\n')\n"
        let python = reference("Python csv.DictReader → json.dumps", ["python3", "-c", pythonScript, wide, workDirectory + "/python.jsonl"], output: nil, size: size)
        if let miller { rows.append(miller); Self.printRow(miller) }
        if let python { rows.append(python); Self.printRow(python) }

        print("\nRatios (throughput on the same input file, same run):")
        let subjects = [toJSONLines, rows.first { $0.name == "CSV wide → JSON" }, parse].compactMap { $0 }
        for reference in [miller, python].compactMap({ $0 }) {
            for subject in subjects {
                guard let ours = subject.throughput, let theirs = reference.throughput else {
                    print("  \(subject.name) vs \(reference.name): \(subject.note ?? reference.note ?? "not measured")")
                    continue
                }
                print(String(format: "  %@ vs %@: %.1f×", subject.name, reference.name, ours / theirs))
            }
        }
        PipelineBenchmark.run(wide: wide, workDirectory: workDirectory, me: me)
        memoryAndStartup(wide: wide, me: me)
        TextReadingBenchmark.run()
    }

    private func reference(_ name: String, _ arguments: [String], output: String?, size: Double) -> Row? {
        guard ChildProcess.isInstalled(arguments[0]) else {
            print("  (\(arguments[0]) not installed; skipping \(name))")
            return nil
        }
        let outcome = ChildProcess.run(arguments, stdoutPath: output ?? "/dev/null")
        return Row(name: name, megabytes: size, outcome: outcome.status == 0 ? outcome : nil, note: outcome.status == 0 ? nil : "failed (\(outcome.status))")
    }

    /// Peak memory at a tenth of the input and at about `bigGigabytes` GB, and the wall time of
    /// converting one small report.
    private func memoryAndStartup(wide: String, me: String) {
        print("\nPeak memory of reading a wide CSV, by input size:")
        let lines = (try? String(contentsOfFile: wide, encoding: .utf8))?.split(separator: "\r\n", omittingEmptySubsequences: true) ?? []
        guard lines.count > 1 else { return }
        let header = String(lines[0])
        let body = lines.dropFirst()
        let tenth = workDirectory + "/reports-tenth.csv"
        try? ([header] + body.prefix(max(1, body.count / 10)).map(String.init)).joined(separator: "\r\n").appending("\r\n").write(toFile: tenth, atomically: true, encoding: .utf8)
        var inputs = [tenth, wide]
        if bigGigabytes > 0 {
            let big = workDirectory + "/reports-big.csv"
            if Self.repeatRows(of: wide, into: big, gigabytes: bigGigabytes) { inputs.append(big) }
        }
        for input in inputs {
            let outcome = ChildProcess.run([me, "run", Conversion.parseCSV.rawValue, input, "/dev/null"])
            let megabytes = Self.megabytes(input)
            print(String(format: "  %8.1f MB input: peak %6.1f MB, %6.1f MB/s", megabytes, Double(outcome.peakKilobytes) / 1024, megabytes / max(outcome.seconds, 1e-9)))
        }
        if bigGigabytes > 0 { try? FileManager.default.removeItem(atPath: workDirectory + "/reports-big.csv") }

        print("\nStartup: converting one small report (median of 7 runs, wall time of the whole process):")
        let one = workDirectory + "/one-report.csv"
        try? [header, String(body.first!)].joined(separator: "\r\n").appending("\r\n").write(toFile: one, atomically: true, encoding: .utf8)
        for task in [Conversion.csvToCSV, .csvToJSON] {
            var times: [Double] = []
            var note = ""
            for _ in 0..<7 {
                let outcome = ChildProcess.run([me, "run", task.rawValue, one, workDirectory + "/one-out"])
                if outcome.status == Conversion.unavailable { note = "json module not available"; break }
                times.append(outcome.seconds * 1000)
            }
            if times.isEmpty { print("  \(task.rawValue): \(note)"); continue }
            times.sort()
            print(String(format: "  %@: %.1f ms", task.rawValue, times[times.count / 2]))
        }
    }

    /// Writes the header and then the rows of `source` again and again until about `gigabytes` GB.
    private static func repeatRows(of source: String, into target: String, gigabytes: Double) -> Bool {
        guard let data = FileManager.default.contents(atPath: source), let firstLineEnd = data.firstIndex(of: 0x0A) else { return false }
        let header = data[...firstLineEnd]
        let rows = data[(firstLineEnd + 1)...]
        guard !rows.isEmpty, FileManager.default.createFile(atPath: target, contents: header), let handle = FileHandle(forWritingAtPath: target) else { return false }
        handle.seekToEndOfFile()
        var written = Double(header.count)
        while written < gigabytes * 1e9 {
            handle.write(rows)
            written += Double(rows.count)
        }
        handle.closeFile()
        return true
    }

    static func megabytes(_ path: String) -> Double {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Double(size) / 1e6
    }

    static func printHeader() {
        print("conversion                                 input MB    seconds      MB/s   peak MB")
    }

    static func printRow(_ row: Row) {
        let name = row.name.padding(toLength: 40, withPad: " ", startingAt: 0)
        guard let outcome = row.outcome, let throughput = row.throughput else {
            print("\(name)   \(row.note ?? "")")
            return
        }
        print(String(format: "%@ %10.1f %10.2f %9.1f %9.1f", name, row.megabytes, outcome.seconds, throughput, Double(outcome.peakKilobytes) / 1024))
    }

    static func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)"
    }
}
