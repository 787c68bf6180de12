import Foundation
import XchangeCore
import XchangeFormats

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

    static func run(repetitions: Int = 50) {
        print(
            "\nReading a report text (in process, one core, median of \(repetitions) reads; run from the package folder):"
        )
        var medians: [Double] = []
        for path in samples {
            guard let data = FileManager.default.contents(atPath: path),
                let module = BenchModules.registry.module(forPath: path)
            else {
                print("  \(path): not found")
                continue
            }
            let bytes = [UInt8](data)
            var times: [Double] = []
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    let reader = try module.makeReader(
                        InputSource(bytes: bytes, name: path), options: .defaults(for: module, side: .read),
                        diagnostics: DiagnosticList())
                    _ = try reader.next()
                } catch {
                    print("  \(path): \(error)")
                    break
                }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            guard !times.isEmpty else { continue }
            let median = times.sorted()[times.count / 2]
            medians.append(median)
            print(String(format: "  %-52@ %6.1f KB  %6.2f ms", path as NSString, Double(bytes.count) / 1024, median))
        }
        guard !medians.isEmpty else { return }
        // Reports per second on one core when a year's texts look like the samples.
        let perReport = medians.reduce(0, +) / Double(medians.count)
        print(
            String(
                format: "  %d samples: %.2f ms per report on average, %.0f reports per second per core", medians.count,
                perReport, 1000 / perReport))
    }
}
