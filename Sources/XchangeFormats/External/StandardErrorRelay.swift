import Foundation
import XchangeCore
import XchangeJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an external program's standard error on a thread of its own and turns each line into
/// a diagnostic: protocol diagnostics (`{"severity", "code", "message", "line"?, "column"?,
/// "field"?}`) keep their severity and code, any other line becomes a note. Every message
/// starts with the program's name, so the user knows which module said it.
final class StandardErrorRelay: @unchecked Sendable {
    /// Longer lines are cut: a program printing without line breaks must not fill memory.
    static let maximumLineLength = 16 * 1024

    private let done = DispatchSemaphore(value: 0)
    private let firstError = FirstLocation()

    /// Where the program's first error with a line number said the problem is: the place to
    /// name when the program then fails.
    var firstErrorLocation: SourceReference? { firstError.value }

    /// Starts reading `descriptor` (which the relay closes at its end). `file` is the input or
    /// output the program's line and column numbers refer to.
    init(
        descriptor: Int32, program: ExternalProgram, file: String?, diagnostics: any DiagnosticCollector
    ) {
        let done = self.done
        let firstError = self.firstError
        let thread = Thread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 8192)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: 10) {
                    let line = pending[..<newline].prefix(Self.maximumLineLength)
                    Self.relay(Array(line), program: program, file: file, to: diagnostics, noting: firstError)
                    pending.removeSubrange(...newline)
                }
                if pending.count > Self.maximumLineLength {
                    Self.relay(
                        Array(pending.prefix(Self.maximumLineLength)), program: program, file: file, to: diagnostics,
                        noting: firstError)
                    pending.removeAll()
                }
            }
            if !pending.isEmpty {
                Self.relay(pending, program: program, file: file, to: diagnostics, noting: firstError)
            }
            close(descriptor)
            done.signal()
        }
        thread.start()
    }

    /// Waits until the program's standard error has reached its end.
    func waitUntilDone() {
        done.wait()
        done.signal()
    }

    private static func relay(
        _ line: [UInt8], program: ExternalProgram, file: String?, to diagnostics: any DiagnosticCollector,
        noting firstError: FirstLocation
    ) {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        guard !text.allSatisfy(\.isWhitespace) else { return }
        let relayed = diagnostic(text, program: program, file: file)
        if relayed.severity == .error, let location = relayed.location, location.line != nil {
            firstError.keep(location)
        }
        diagnostics.report(relayed)
    }

    /// The diagnostic one line of standard error stands for.
    static func diagnostic(_ text: String, program: ExternalProgram, file: String?) -> Diagnostic {
        let prefix = program.executableName + ": "
        guard text.first == "{", let value = try? parseJSON(text),
            let severity = value["severity"]?.stringValue.flatMap(Severity.init(rawValue:)),
            let code = value["code"]?.stringValue, let message = value["message"]?.stringValue
        else {
            return Diagnostic(.note, code: "plugin.stderr", message: prefix + text)
        }
        let line = value["line"]?.numberLiteral.flatMap { Int($0) }
        let column = value["column"]?.numberLiteral.flatMap { Int($0) }
        let location = line == nil && file == nil ? nil : SourceReference(file: file, line: line, column: column)
        return Diagnostic(
            severity, code: code, message: prefix + message, location: location, field: value["field"]?.stringValue)
    }
}

/// The first location kept, shared by the relay's thread and the thread that asks.
private final class FirstLocation: @unchecked Sendable {
    private let lock = NSLock()
    private var first: SourceReference?

    func keep(_ location: SourceReference) {
        lock.withLock { if first == nil { first = location } }
    }

    var value: SourceReference? { lock.withLock { first } }
}
