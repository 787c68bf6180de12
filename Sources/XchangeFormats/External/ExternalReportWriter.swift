import Foundation
import XchangeCore
import XchangeJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes reports as canonical JSON Lines into an external program and copies what it prints
/// to the output, on a thread of its own so that the program never blocks on a full pipe.
final class ExternalReportWriter: CancellableReportWriter {
    private let call: ExternalCall
    private let encoder = CanonicalEncoder(includeProvenance: true)
    private var json: JSONWriter
    private let copied = DispatchSemaphore(value: 0)
    private let copyFailure = FirstFailure()
    private var finished = false

    init(call: ExternalCall, output: OutputSink) {
        self.call = call
        self.json = JSONWriter(style: .compact) { chunk in
            guard try call.writeInput(chunk) else {
                throw call.explain(
                    .error("plugin.input-closed", "\(call.program.label) stopped reading its input before the end"),
                    drainingOutput: false)
            }
        }
        let descriptor = call.child.outputDescriptor
        Thread { [copied, copyFailure] in
            // This thread owns the output descriptor and closes it at its end.
            defer {
                call.child.closeOutput()
                copied.signal()
            }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            do {
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { return }
                    try output.write(buffer[0..<count])
                }
            } catch {
                copyFailure.record(error)
                call.child.kill()
            }
        }.start()
    }

    deinit { cancel() }

    /// Stops the program and waits until its output is no longer copied.
    func cancel() {
        guard !finished else { return }
        finished = true
        call.abandon()
        copied.wait()
    }

    func write(_ report: Report) throws {
        try encoder.encode(report, to: &json)
        json.newline()
    }

    func finish() throws {
        try json.flush()
        call.child.closeInput()
        copied.wait()
        finished = true
        if let failure = copyFailure.error {
            call.abandon()
            throw failure
        }
        try call.finish()
    }
}
