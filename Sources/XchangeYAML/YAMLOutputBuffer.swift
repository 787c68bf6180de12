/// The bytes ``YAMLWriter`` has written and not yet handed to its sink.
///
/// Writers reserve room for a whole piece (an indicator, a scalar) and fill it through a
/// pointer, so the hot loops neither check capacity per byte nor go through `Array`. The
/// buffer grows to hold one very long scalar whole; the writer hands it over once it holds a
/// chunk (``chunkSize`` by default), because a sink that writes to a file or socket pays per call.
struct YAMLOutputBuffer: ~Copyable {
    /// The size at which gathered output is handed to the sink, unless the writer says otherwise.
    static let chunkSize = 64 * 1024

    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes are waiting.
    private(set) var count = 0

    init() {
        capacity = Self.chunkSize * 2
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Room for at least `length` more bytes, starting at the returned pointer; say how many
    /// were written with ``commit(_:)``.
    @inline(__always)
    mutating func reserve(_ length: Int) -> UnsafeMutablePointer<UInt8> {
        if count + length > capacity { grow(toHold: length) }
        return storage + count
    }

    private mutating func grow(toHold length: Int) {
        capacity = max(capacity * 2, count + length)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
    }

    /// Counts `length` bytes written into the room ``reserve(_:)`` gave.
    mutating func commit(_ length: Int) {
        count += length
    }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        reserve(bytes.count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Copies `bytes` to `target`: keys and numbers are short, and a copy of a few words
    /// inline costs less than a call to `memcpy`.
    @inline(__always)
    static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        guard n <= 64 else { return target.update(from: base, count: n) }
        let source = UnsafeRawPointer(base)
        let destination = UnsafeMutableRawPointer(target)
        if n < 8 {
            if n >= 4 {
                // Two words that overlap when `n` is below eight.
                let head = source.loadUnaligned(as: UInt32.self)
                let tail = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
                destination.storeBytes(of: head, as: UInt32.self)
                destination.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
            } else {
                for k in 0..<n { target[k] = base[k] }
            }
            return
        }
        var offset = 0
        while offset < n - 8 {
            destination.storeBytes(
                of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self
            )
            offset += 8
        }
        // The last word overlaps the one before when `n` is not a multiple of eight.
        destination.storeBytes(
            of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    /// Appends `length` spaces.
    @inline(__always)
    mutating func appendSpaces(_ length: Int) {
        guard length > 0 else { return }
        reserve(length).update(repeating: UInt8(ascii: " "), count: length)
        count += length
    }

    /// Hands the waiting bytes to `body` in place, then empties the buffer.
    mutating func drain(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        defer { count = 0 }
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Takes the waiting bytes out, leaving the buffer empty.
    mutating func take() -> [UInt8] {
        let bytes = Array(UnsafeBufferPointer(start: storage, count: count))
        count = 0
        return bytes
    }
}
