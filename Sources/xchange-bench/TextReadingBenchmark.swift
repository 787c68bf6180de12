import Foundation
import XchangeCore
import XchangeFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long reading one published report text takes: the cost a province pays per report when
/// it turns a year's texts into data.
enum TextReadingBenchmark {
    /// Report texts of the project's samples; the first is a full 2021 report of about 20 KB.
    static let samples = [
        "samples/rendered/pingtan-2021-report.txt.plain.txt",
        "samples/pingtan-2021-report.txt",
        "samples/pingtan-2020-report.txt",
        "samples/suifenhe-2017-report.txt",
        "samples/pingtan-county-2013-report.txt",
        "samples/pingtan-local-tax-2013-report.txt",
        "samples/dalu-town-2019-report.txt",
        "samples/zhabu-township-2021-report.txt",
        "samples/hanyang-district-office-2022-report.txt",
        "samples/shanghai-general-office-2019-report.html",
    ]

    static func run(samples: [String] = samples, repetitions: Int = 50) {
        print(
            "\nReading a report text (in process, one core, median of \(repetitions) reads; run from the package folder).\n"
                + "CPU time is this thread's own (what targets are judged on); wall time includes the neighbours:")
        print("  \(pad("sample", 52))      size   CPU time  wall time")
        var medians: [Double] = []
        for path in samples {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("  \(path): cannot be read")
                continue
            }
            guard let module = BenchModules.registry.module(forPath: path) else {
                print("  \(path): no format reads this file (a .txt report text or an .html page)")
                continue
            }
            let bytes = [UInt8](data)
            var cpuTimes: [Double] = []
            var wallTimes: [Double] = []
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = threadCPUMilliseconds()
                do {
                    let reader = try module.makeReader(
                        InputSource(bytes: bytes, name: path), options: .defaults(for: module, side: .read),
                        diagnostics: DiagnosticList())
                    _ = try reader.next()
                } catch {
                    print("  \(path): \(error)")
                    break
                }
                cpuTimes.append(threadCPUMilliseconds() - cpuStart)
                wallTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            guard !cpuTimes.isEmpty else { continue }
            let median = cpuTimes.sorted()[cpuTimes.count / 2]
            medians.append(median)
            print(
                "  \(pad(path, 52)) "
                    + String(
                        format: "%6.1f KB  %6.2f ms  %6.2f ms", Double(bytes.count) / 1024, median,
                        wallTimes.sorted()[wallTimes.count / 2]))
        }
        guard !medians.isEmpty else { return }
        // Reports per second on one core when a year's texts look like the samples.
        let perReport = medians.reduce(0, +) / Double(medians.count)
        let counted = medians.count == 1 ? "1 sample" : "\(medians.count) samples"
        print(
            "  \(counted): "
                + String(
                    format: "%.2f ms of CPU time per report on average, %.0f reports per second per core", perReport,
                    1000 / perReport))
    }

    /// The CPU time this thread has used, in milliseconds: what one core spent on it, however
    /// busy the machine is.
    private static func threadCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }

    /// The text left-aligned in a column of `width` characters.
    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
