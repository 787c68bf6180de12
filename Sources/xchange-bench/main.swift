import Foundation

// xchange-bench [--count N] [--work-dir DIR] [--big-gb G]
//   Generates N reports (default 100000) into a wide CSV and measures the conversions, each in
//   a child process of its own, against Miller and Python when they are installed.
// xchange-bench run TASK INPUT OUTPUT
//   One measured conversion (used by the run above).
// xchange-bench text [REPETITIONS]
//   Only the report-text reading job: each sample text read REPETITIONS times (default 50).

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "run" {
    exit(Conversion.runChild(Array(arguments.dropFirst())))
}
if arguments.first == "run-pipeline" { exit(PipelineBenchmark.runChild(Array(arguments.dropFirst()))) }
if arguments.first == "text" {
    TextReadingBenchmark.run(repetitions: arguments.dropFirst().first.flatMap { Int($0) }.map { max($0, 1) } ?? 50)
    exit(0)
}

var count = 100_000
var workDirectory = NSTemporaryDirectory() + "xchange-bench"
var bigGigabytes = 1.0
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard let value = arguments.first else {
        print("\(flag) needs a value")
        exit(2)
    }
    arguments.removeFirst()
    switch flag {
    case "--count": count = Int(value) ?? count
    case "--work-dir": workDirectory = value
    case "--big-gb": bigGigabytes = Double(value) ?? bigGigabytes
    default:
        print("usage: xchange-bench [--count N] [--work-dir DIR] [--big-gb G] | xchange-bench text [REPETITIONS]")
        exit(2)
    }
}
Benchmark(count: count, workDirectory: workDirectory, bigGigabytes: bigGigabytes).run()
