import Foundation
import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started with its standard input, output and error on pipes, in a process group of
/// its own, under a time limit.
///
/// Built on `posix_spawn` rather than Foundation's `Process` or swift-subprocess: the child must
/// lead its own process group, so that a hung module is killed together with whatever it started
/// (a shell script's `sleep`), and the readers and writers that use it are synchronous, which
/// swift-subprocess (async only) does not serve without a bridge.
///
/// The caller owns the three parent-side descriptors; the time limit kills the whole group, so
/// every pipe reaches its end and nothing blocked on the child stays blocked.
final class ChildProcess: @unchecked Sendable {
    /// How the child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    /// The write end of the child's standard input; -1 once closed.
    private(set) var inputDescriptor: Int32
    /// The read end of the child's standard output; -1 once closed.
    private(set) var outputDescriptor: Int32
    /// The read end of the child's standard error (closed by whoever reads it to its end).
    let errorDescriptor: Int32

    private let lock = NSLock()
    private var hasExited = false
    private var termination: Termination?
    private var timedOutFlag = false
    private var watchdog: DispatchWorkItem?

    /// Starts `path` with `arguments` (not including the program name). The child gets the
    /// default disposition of SIGPIPE, SIGINT and SIGTERM and an empty signal mask, whatever
    /// this process has set.
    init(path: String, arguments: [String], timeout: Double) throws(ChildProcessError) {
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        var error: [Int32] = [-1, -1]
        guard Self.makePipe(&input) else { throw .pipes(SystemErrorText.current) }
        guard Self.makePipe(&output) else {
            Self.closeAll(input)
            throw .pipes(SystemErrorText.current)
        }
        guard Self.makePipe(&error) else {
            Self.closeAll(input + output)
            throw .pipes(SystemErrorText.current)
        }
        IgnoredBrokenPipe.install()

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, error[1], 2)
        // Nothing else this process has open (the input file, a temporary output, a file
        // another thread is writing) reaches the child.
        if let closeFrom = SpawnCloseFrom.function { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) }
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        var status = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], environ)
        // A program written a moment ago may still be open for writing in a process another
        // thread is starting (it inherited the descriptor until its exec): wait a little.
        for attempt in 1...5 where status == ETXTBSY {
            usleep(useconds_t(attempt * 20_000))
            status = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], environ)
        }
        Self.closeAll([input[0], output[1], error[1]])
        guard status == 0 else {
            Self.closeAll([input[1], output[0], error[0]])
            throw .launch(String(cString: strerror(status)))
        }
        self.pid = pid
        inputDescriptor = input[1]
        outputDescriptor = output[0]
        errorDescriptor = error[0]
        SignalForwarding.shared.add(pid)
        let watchdog = DispatchWorkItem { [weak self] in self?.expire() }
        self.watchdog = watchdog
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    }

    /// Whether the time limit ran out and the child was killed for it.
    var timedOut: Bool {
        lock.withLock { timedOutFlag }
    }

    /// Closes the child's standard input, so that it sees the end of its input.
    func closeInput() {
        lock.withLock {
            if inputDescriptor >= 0 { close(inputDescriptor) }
            inputDescriptor = -1
        }
    }

    /// Sends `signal` to the child's process group, unless the child has already ended.
    func kill(_ signal: Int32 = SIGKILL) {
        lock.withLock {
            if !hasExited { signalGroup(pid, signal) }
        }
    }

    /// Whether the child ends within `seconds` (it is not reaped; see ``waitForExit()``).
    func hasEnded(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if lock.withLock({ hasExited }) { return true }
            var info = siginfo_t()
            let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            #if canImport(Glibc)
            let someoneEnded = info._sifields._sigchld.si_pid != 0
            #else
            let someoneEnded = info.si_pid != 0
            #endif
            if result == 0, someoneEnded { return true }
            if result != 0, errno != EINTR { return true }  // already reaped
            if Date() >= deadline { return false }
            usleep(10_000)
        }
    }

    /// Waits for the child to end and reaps it. Safe to call more than once.
    @discardableResult
    func waitForExit() -> Termination {
        if let known = lock.withLock({ termination }) { return known }
        // Wait without reaping first, so that `kill` never signals a reused process id.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        lock.withLock { hasExited = true }
        watchdog?.cancel()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        SignalForwarding.shared.remove(pid)
        let ended: Termination =
            (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
        lock.withLock { termination = ended }
        return ended
    }

    /// Closes the read end of the child's standard output (a child still writing gets EPIPE).
    func closeOutput() {
        lock.withLock {
            if outputDescriptor >= 0 { close(outputDescriptor) }
            outputDescriptor = -1
        }
    }

    private func expire() {
        lock.withLock {
            guard !hasExited else { return }
            timedOutFlag = true
            signalGroup(pid, SIGKILL)
        }
    }

    /// A pipe whose descriptors other children do not inherit (`dup2` onto 0–2 clears the flag).
    private static func makePipe(_ descriptors: inout [Int32]) -> Bool {
        guard pipe(&descriptors) == 0 else { return false }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func closeAll(_ descriptors: [Int32]) {
        for descriptor in descriptors where descriptor >= 0 { close(descriptor) }
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time:
/// the C headers hide it from Swift, and older systems lack it.
enum SpawnCloseFrom {
    typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let function: Function? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else {
            return nil
        }
        return unsafeBitCast(symbol, to: Function.self)
        #else
        return nil
        #endif
    }()
}

/// Sends `signal` to the process group led by `pid`.
func signalGroup(_ pid: pid_t, _ signal: Int32) {
    _ = kill(-pid, signal)
}

/// Why a child process could not be started.
enum ChildProcessError: Error {
    case pipes(String)
    case launch(String)

    var reason: String {
        switch self {
        case .pipes(let text): return "cannot create pipes: \(text)"
        case .launch(let text): return "cannot start it: \(text)"
        }
    }
}

/// The text of the current `errno`.
enum SystemErrorText {
    static var current: String { String(cString: strerror(errno)) }
}

/// Writing to a child that has ended must fail with EPIPE, not kill xchange: SIGPIPE is ignored
/// once the first child is started (children get the default back).
enum IgnoredBrokenPipe {
    private static let installed: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    static func install() { installed }
}
