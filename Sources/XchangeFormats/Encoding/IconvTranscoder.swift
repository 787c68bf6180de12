import XchangeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts a byte stream between encodings with the C library's iconv, chunk by chunk: the
/// one converter every format uses (CSV reading and writing, report text decoding).
///
/// A multibyte sequence split across two chunks is held back and completed by the next chunk,
/// so callers can feed arbitrary read sizes.
final class IconvTranscoder {
    /// Where conversion stopped on bytes that are not valid in the source encoding.
    struct InvalidInput: Error {
        /// Offset of the first bad byte, counted from the start of the whole stream.
        let offset: Int
        /// Up to four bytes from there, for the message.
        let bytes: [UInt8]
        /// Whether the stream ended inside a multibyte sequence.
        let truncated: Bool
    }

    private let descriptor: iconv_t
    private var carry: [UInt8] = []
    private var output: [UInt8]
    /// Bytes of input consumed so far.
    private(set) var consumed = 0

    init(from source: String, to target: String) throws(Diagnostic) {
        let handle = iconv_open(target, source)
        guard let handle, handle != iconv_t(bitPattern: -1) else {
            throw Diagnostic.error("encoding.unsupported", "this system's iconv cannot convert \(source) to \(target)")
        }
        descriptor = handle
        output = [UInt8](repeating: 0, count: 1 << 16)
    }

    deinit { iconv_close(descriptor) }

    /// Converts `input` (after any bytes held back from the last call), appending to `result`.
    /// On invalid input, everything before the bad byte has been appended when the error is thrown.
    func convert(_ input: UnsafeRawBufferPointer, into result: inout [UInt8]) throws(InvalidInput) {
        if carry.isEmpty {
            try run(input, into: &result)
        } else {
            let joined = carry + Array(input)
            carry = []
            var failure: InvalidInput?
            joined.withUnsafeBytes { buffer in
                do throws(InvalidInput) { try run(buffer, into: &result) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Converts a whole array (see ``convert(_:into:)``).
    func convert(_ input: [UInt8], into result: inout [UInt8]) throws(InvalidInput) {
        var failure: InvalidInput?
        input.withUnsafeBytes { buffer in
            do throws(InvalidInput) { try convert(buffer, into: &result) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// All of `bytes` converted at once; nil when they are not valid in `source` (or iconv
    /// cannot convert it).
    static func convert(_ bytes: some Collection<UInt8>, from source: String, to target: String) -> [UInt8]? {
        guard let transcoder = try? IconvTranscoder(from: source, to: target) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        do {
            try transcoder.convert(Array(bytes), into: &result)
            try transcoder.finish(into: &result)
        } catch {
            return nil
        }
        return result
    }

    /// Ends the stream: bytes still held back are an incomplete sequence.
    func finish(into result: inout [UInt8]) throws(InvalidInput) {
        if !carry.isEmpty {
            throw InvalidInput(offset: consumed, bytes: Array(carry.prefix(4)), truncated: true)
        }
        // Flush any shift state (none for the encodings used here, but iconv asks for it).
        output.withUnsafeMutableBytes { out in
            var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
            var outLeft = out.count
            _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[0..<(out.count - outLeft)]))
        }
    }

    private func run(_ input: UnsafeRawBufferPointer, into result: inout [UInt8]) throws(InvalidInput) {
        guard input.count > 0 else { return }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
            mutating: input.baseAddress!.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        while inLeft > 0 {
            let status: Int = output.withUnsafeMutableBytes { out in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                let failure = status == -1 ? errno : 0
                result.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[0..<(out.count - outLeft)]))
                return Int(failure)
            }
            let done = input.count - inLeft
            switch Int32(status) {
            case 0, E2BIG:
                continue
            case EINVAL:
                // An incomplete sequence at the end of this chunk: keep it for the next one.
                carry = Array(UnsafeRawBufferPointer(rebasing: input[done...]))
                consumed += done
                return
            default:
                let bad = Array(UnsafeRawBufferPointer(rebasing: input[done..<min(done + 4, input.count)]))
                throw InvalidInput(offset: consumed + done, bytes: bad, truncated: false)
            }
        }
        consumed += input.count
    }
}
