/// Collects what libyaml writes and passes it on to the caller's sink in large chunks.
///
/// libyaml writes through its own 16 KB buffer; a sink that writes to a file or socket
/// pays per call, so output is gathered to ``chunkSize`` before each call.
final class EmitterOutput {
    /// The size at which gathered output is handed to the sink.
    static let chunkSize = 64 * 1024

    private let sink: ([UInt8]) throws -> Void
    private var buffer: [UInt8] = []
    /// What the sink threw, kept because the C callback can only report failure as 0.
    private(set) var sinkError: (any Error)?

    init(sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.chunkSize + 16 * 1024)
    }

    /// Passes everything gathered so far to the sink.
    func deliver() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        buffer.append(contentsOf: bytes)
        guard buffer.count >= Self.chunkSize else { return true }
        do {
            try deliver()
            return true
        } catch {
            sinkError = error
            return false
        }
    }

    /// The C callback registered with `yaml_emitter_set_output`; `data` is an unretained
    /// `EmitterOutput` that the owning emitter keeps alive.
    static let handler: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int) -> Int32 = {
        data, bytes, size in
        guard let data else { return 0 }
        let output = Unmanaged<EmitterOutput>.fromOpaque(data).takeUnretainedValue()
        return output.append(UnsafeBufferPointer(start: bytes, count: size)) ? 1 : 0
    }
}
