import Dispatch
import Foundation
import XchangeCore

/// Drives a module's readers and writers on real files, under a time limit.
struct ModuleHarness: Sendable {
    let module: any FormatModule
    let folder: ScratchFolder
    let timeout: Double

    /// Everything reading one input gave.
    struct ReadOutcome {
        var reports: [Report] = []
        var diagnostics: [Diagnostic] = []
        /// The error that stopped reading.
        var thrown: (any Error)?
        /// Whether the read did not end within the time limit.
        var timedOut = false
        /// Whether the reader kept giving reports far beyond what the input can hold.
        var runaway = false
    }

    /// Reading a few kilobytes cannot honestly give more reports than this.
    static let reportLimit = 10_000

    /// Reads every report of the file at `path`.
    func read(_ path: String, options given: [String: String] = [:]) -> ReadOutcome {
        let diagnostics = DiagnosticList()
        var result =
            limited { () -> ReadOutcome in
                var outcome = ReadOutcome()
                do {
                    let options = try FormatOptions(given, for: module, side: .read)
                    let reader = try module.makeReader(
                        try InputSource(path: path), options: options, diagnostics: diagnostics)
                    while let report = try reader.next() {
                        outcome.reports.append(report)
                        if outcome.reports.count > Self.reportLimit {
                            outcome.runaway = true
                            break
                        }
                    }
                } catch {
                    outcome.thrown = error
                }
                return outcome
            } ?? ReadOutcome(timedOut: true)
        result.diagnostics = diagnostics.diagnostics
        return result
    }

    /// Writes `reports` to a new file `name` in the scratch folder through an atomic output and
    /// returns its path; throws what the writer threw.
    func write(_ reports: [Report], to name: String, options given: [String: String] = [:]) throws -> String {
        let path = folder.file(name)
        let outcome = limited { () -> Result<Void, any Error> in
            Result {
                let output = try AtomicFileOutput(path: path)
                let options = try FormatOptions(given, for: module, side: .write)
                let writer = try module.makeWriter(output.sink, options: options, diagnostics: DiagnosticList())
                for report in reports { try writer.write(report) }
                try writer.finish()
                try output.commit()
            }
        }
        guard let outcome else { throw HarnessError.timedOut(seconds: timeout) }
        try outcome.get()
        return path
    }

    /// Runs `work` on its own thread and waits at most `timeout` seconds; nil when it did not
    /// finish (the thread is left to end on its own: there is no safe way to stop it).
    private func limited<Value>(_ work: @escaping () -> Value) -> Value? {
        let box = ResultBox<Value>(work)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = box.work()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return box.value
    }
}

/// Failures of the harness itself.
enum HarnessError: Error, CustomStringConvertible {
    case timedOut(seconds: Double)

    var description: String {
        switch self {
        case .timedOut(let seconds): "did not finish within \(Int(seconds)) seconds"
        }
    }
}

/// Carries the work to the worker thread and its value back; the semaphore orders the accesses.
private final class ResultBox<Value>: @unchecked Sendable {
    let work: () -> Value
    var value: Value?

    init(_ work: @escaping () -> Value) { self.work = work }
}
