import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child process and measures it: wall time, and peak resident memory from
/// the kernel's accounting of that child alone (wait4's ru_maxrss, the child's VmHWM).
struct ChildProcess {
    struct Outcome {
        let status: Int32
        /// Wall time.
        let seconds: Double
        /// User plus system CPU time of the child: what the work cost, whatever else the
        /// machine was doing.
        let cpuSeconds: Double
        let peakKilobytes: Int
        let output: String
    }

    /// Runs `arguments[0]` (looked up on PATH) with stdout to `stdoutPath` (or a capture file),
    /// and stderr to `stderrPath` when given (else this program's).
    static func run(_ arguments: [String], stdoutPath: String? = nil, stderrPath: String? = nil) -> Outcome {
        let capture =
            stdoutPath ?? NSTemporaryDirectory() + "xchange-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderrPath {
            posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        defer { posix_spawn_file_actions_destroy(&actions) }
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else {
            return Outcome(
                status: -1, seconds: 0, cpuSeconds: 0, peakKilobytes: 0,
                output: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1, errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        let output = stdoutPath == nil ? ((try? String(contentsOfFile: capture, encoding: .utf8)) ?? "") : ""
        if stdoutPath == nil { unlink(capture) }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // A child of this program reports its own VmHWM; the kernel's ru_maxrss can include
        // pages the child briefly shared with this (large) parent before exec.
        let reported = output.split(separator: " ").first { $0.hasPrefix("peak_kb=") }.flatMap {
            Int($0.dropFirst(8).prefix { $0.isNumber })
        }
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
                usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Outcome(
            status: exit, seconds: seconds, cpuSeconds: cpu, peakKilobytes: reported ?? Int(usage.ru_maxrss),
            output: output)
    }

    /// Whether a program is on PATH.
    static func isInstalled(_ name: String) -> Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { access("\($0)/\(name)", X_OK) == 0 }
    }

    /// This executable's own path, to re-run it for one measured conversion.
    static var selfPath: String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}

/// This process's peak resident memory so far, in kilobytes (VmHWM in /proc/self/status).
func peakMemoryKilobytes() -> Int {
    #if !os(Linux)
    // Without /proc, the kernel's own peak for this process (bytes on Darwin).
    var usage = rusage()
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss) / 1024
    #else
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
    }
    return 0
    #endif
}
