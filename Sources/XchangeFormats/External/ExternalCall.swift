import Foundation
import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of an external program under the plugin protocol: the child, its standard error
/// relayed as diagnostics, optionally a thread feeding its standard input, and the translation
/// of how it ended into an error that names the program.
///
/// Its standard input, output and error are serviced independently (a feeder thread, the
/// caller, the relay thread), so a program that writes while xchange writes to it never
/// deadlocks on a full pipe.
final class ExternalCall: @unchecked Sendable {
    let program: ExternalProgram
    let child: ChildProcess
    /// The input or output the program works on, named by every error about the call.
    let file: String?
    private let timeout: Double
    private let relay: StandardErrorRelay
    private let lock = NSLock()
    private var feeder: DispatchSemaphore?
    private let feedFailure = FirstFailure()
    private var ended: Termination?

    private typealias Termination = ChildProcess.Termination

    /// Starts `program` with `arguments`. `file` is what its diagnostics' line numbers refer to.
    init(
        _ program: ExternalProgram, arguments: [String], settings: ExternalSettings, file: String?,
        diagnostics: any DiagnosticCollector
    ) throws(Diagnostic) {
        self.program = program
        self.file = file
        self.timeout = settings.timeout
        do {
            child = try ChildProcess(path: program.path, arguments: arguments, timeout: settings.timeout)
        } catch {
            throw Diagnostic.error("plugin.launch", "cannot run \(program.label): \(error.reason)")
        }
        relay = StandardErrorRelay(
            descriptor: child.errorDescriptor, program: program, file: file, diagnostics: diagnostics)
    }

    /// Feeds the program's standard input on a thread of its own with the chunks `nextChunk`
    /// returns until it returns an empty one, then closes it. A program that stops reading
    /// early ends the feeding quietly: how it exited says whether that was a failure.
    func feed(_ nextChunk: @escaping @Sendable () throws -> [UInt8]) {
        let done = DispatchSemaphore(value: 0)
        lock.withLock { feeder = done }
        Thread { [self] in
            defer {
                child.closeInput()
                done.signal()
            }
            do {
                while true {
                    let chunk = try nextChunk()
                    if chunk.isEmpty { return }
                    guard try writeInput(chunk) else { return }
                }
            } catch {
                feedFailure.record(error)
                child.kill()
            }
        }.start()
    }

    /// Writes bytes to the program's standard input. False when the program has closed it.
    @discardableResult
    func writeInput(_ bytes: [UInt8]) throws(Diagnostic) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                write(child.inputDescriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { return false }
                throw Diagnostic.error("plugin.io", "cannot write to \(program.label): \(SystemErrorText.current)")
            }
            offset += written
        }
        return true
    }

    /// Waits for the program to end (closing its input first, unless a feeder owns it) and
    /// throws if it failed: killed for the time limit, interrupted, crashed, or exited with a
    /// status other than 0. A failure to read xchange's own input while feeding it is thrown
    /// as it was.
    func finish() throws(Diagnostic) {
        // With a feeder, only the feeder closes the input: closing a descriptor another thread
        // writes to could send its bytes into whatever file reuses the number.
        if lock.withLock({ feeder }) == nil { child.closeInput() }
        let termination = waitForEnd()
        if let failure = feedFailure.error {
            if let diagnostic = failure as? Diagnostic { throw diagnostic }
            throw Diagnostic.error("plugin.io", "cannot feed \(program.label): \(failure)")
        }
        if let problem = failure(termination) { throw problem }
    }

    /// The error for how the program ended, or nil if it succeeded. Used also when its output
    /// was found wrong, to report a crash rather than the broken output it caused.
    func failure(_ termination: ChildProcess.Termination) -> Diagnostic? {
        let inFile = file.map { SourceReference(file: $0) }
        if child.timedOut {
            let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            return .error(
                "plugin.timeout",
                "\(program.label) did not finish within \(seconds) seconds and was stopped (XCHANGE_PLUGIN_TIMEOUT)",
                at: inFile)
        }
        if termination != .exited(0), let forwarded = SignalForwarding.shared.forwardedSignal {
            return .error("plugin.interrupted", "\(program.label) was interrupted (signal \(forwarded))", at: inFile)
        }
        switch termination {
        case .exited(0):
            return nil
        case .exited(let status):
            // Where the program itself said the problem is, when it said so.
            return .error(
                "plugin.failed", "\(program.label) failed: it exited with status \(status)",
                at: relay.firstErrorLocation ?? inFile)
        case .signalled(let signal):
            let name = String(cString: strsignal(signal))
            return .error(
                "plugin.crashed", "\(program.label) crashed: it was killed by signal \(signal) (\(name))",
                at: relay.firstErrorLocation ?? inFile)
        }
    }

    /// Waits for the child, the feeder and the relay. Safe to call more than once.
    @discardableResult
    func waitForEnd() -> ChildProcess.Termination {
        if let known = lock.withLock({ ended }) { return known }
        let termination = child.waitForExit()
        lock.withLock { feeder }?.wait()
        lock.withLock { feeder }?.signal()
        relay.waitUntilDone()
        lock.withLock { ended = termination }
        return termination
    }

    /// Stops the program if it still runs and waits for everything to end: for a caller that
    /// gives up half-way (an error elsewhere, a reader dropped before its end). Whoever reads
    /// the program's output closes it.
    func abandon() {
        child.kill()
        waitForEnd()
    }
}

extension ExternalCall {
    /// How long a program whose output was found wrong gets to finish on its own.
    static let gracePeriod = 1.0

    /// The error to report for output found wrong: if the program crashed or failed (which
    /// broke its output), that; otherwise the problem with the output itself. The program gets
    /// a short grace period to end on its own and is then stopped. With `drainingOutput`, the
    /// caller is the one reading the output, and what the program still prints is discarded
    /// meanwhile (otherwise another thread reads it).
    func explain(_ outputProblem: Diagnostic, drainingOutput: Bool) -> Diagnostic {
        let ended = drainingOutput ? drainOutput(within: Self.gracePeriod) : child.hasEnded(within: Self.gracePeriod)
        guard ended else {
            abandon()
            return outputProblem
        }
        return failure(waitForEnd()) ?? outputProblem
    }

    /// Reads and discards the program's output until its end or for `seconds`; whether the
    /// end was reached.
    private func drainOutput(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let descriptor = child.outputDescriptor
        while descriptor >= 0, Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return false }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return true }
        }
        return false
    }
}

/// The first error a helper thread met, kept for the thread that reports it.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (any Error)?

    func record(_ error: any Error) {
        lock.withLock { if first == nil { first = error } }
    }

    var error: (any Error)? { lock.withLock { first } }
}
