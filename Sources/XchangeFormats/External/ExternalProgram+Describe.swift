import Foundation
import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ExternalProgram {
    /// A description longer than this is not a description.
    static let maximumDescriptionSize = 1 << 20
    /// Seconds `describe` may take at most (less if `XCHANGE_PLUGIN_TIMEOUT` is less): it only
    /// prints a constant, and a module that hangs here must not hold up `xchange formats` or a
    /// lookup by extension for the full time limit of a conversion.
    static let describeTimeLimit = 10.0

    /// Runs `describe` and parses what it prints. Failing to run, a non-zero exit, a time-out
    /// or a malformed answer throws an error naming the program, ending with the last lines
    /// the program printed on standard error.
    public func describe(settings: ExternalSettings) throws(Diagnostic) -> ProgramDescription {
        let said = DiagnosticList()
        do {
            return try describe(settings: settings, diagnostics: said)
        } catch {
            var failure = error
            let lines = said.diagnostics.suffix(3).map(\.message)
            if !lines.isEmpty { failure.message += "; it said: " + lines.joined(separator: " / ") }
            throw failure
        }
    }

    private func describe(
        settings: ExternalSettings, diagnostics: any DiagnosticCollector
    ) throws(Diagnostic) -> ProgramDescription {
        var settings = settings
        settings.timeout = min(settings.timeout, Self.describeTimeLimit)
        let call = try ExternalCall(
            self, arguments: ["describe"], settings: settings, file: nil, diagnostics: diagnostics)
        call.child.closeInput()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while bytes.count <= Self.maximumDescriptionSize {
            let count = buffer.withUnsafeMutableBytes { read(call.child.outputDescriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        guard bytes.count <= Self.maximumDescriptionSize else {
            call.abandon()
            call.child.closeOutput()
            throw Diagnostic.error(
                "plugin.describe",
                "\(label) printed a malformed description: more than \(Self.maximumDescriptionSize) bytes")
        }
        call.child.closeOutput()
        try call.finish()
        return try ProgramDescription(parsing: bytes, of: self)
    }
}

/// A program's description, obtained by running `describe` once per process, when first asked
/// for; a failure is kept too, so a broken program is not run again and again.
final class DescriptionCache: @unchecked Sendable {
    let program: ExternalProgram
    let settings: ExternalSettings
    private let lock = NSLock()
    private var described: Result<ProgramDescription, Diagnostic>?

    init(program: ExternalProgram, settings: ExternalSettings) {
        self.program = program
        self.settings = settings
    }

    func get() throws(Diagnostic) -> ProgramDescription {
        let result = lock.withLock {
            if let described { return described }
            let result = Result { () throws(Diagnostic) -> ProgramDescription in
                try program.describe(settings: settings)
            }
            described = result
            return result
        }
        return try result.get()
    }
}
