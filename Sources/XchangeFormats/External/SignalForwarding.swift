import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Passes SIGINT and SIGTERM on to the external programs xchange is running.
///
/// Children lead process groups of their own (so that a time limit can kill everything they
/// started), which also keeps a terminal's Ctrl-C from reaching them directly. While a child
/// runs, xchange catches these signals and forwards them; the child ends, the command fails
/// like any other failed call and discards its partial output. With no child running, the
/// signal takes its default effect, as if xchange had never caught it.
final class SignalForwarding: @unchecked Sendable {
    static let shared = SignalForwarding()

    private let lock = NSLock()
    private var children: Set<pid_t> = []
    private var sources: [any DispatchSourceSignal] = []
    private var received: Int32?

    /// Starts forwarding to `pid`'s process group.
    func add(_ pid: pid_t) {
        lock.withLock {
            if sources.isEmpty { install() }
            children.insert(pid)
        }
    }

    /// Stops forwarding to `pid`'s group (it has ended).
    func remove(_ pid: pid_t) {
        _ = lock.withLock { children.remove(pid) }
    }

    /// The signal that was forwarded, if one was.
    var forwardedSignal: Int32? {
        lock.withLock { received }
    }

    private func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [unowned self] in self.forward(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    private func forward(_ signalNumber: Int32) {
        let targets = lock.withLock {
            received = signalNumber
            return children
        }
        guard !targets.isEmpty else {
            // Nothing to pass it to: end xchange as the signal would have.
            signal(signalNumber, SIG_DFL)
            raise(signalNumber)
            return
        }
        for pid in targets { signalGroup(pid, signalNumber) }
    }
}
