#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Feeds libyaml's read handler, which asks for at most a few kilobytes at a time.
///
/// Both inputs go through the same handler so that there is one lifetime story: libyaml
/// never holds a pointer into Swift-owned memory between calls, and a file is read as the
/// parser advances instead of being loaded whole.
final class ParserInput {
    /// The whole input when reading from memory; `nil` when reading a file.
    let bytes: [UInt8]?
    private var offset = 0
    private let fileDescriptor: Int32
    /// Where bytes come from when neither memory nor a descriptor is given.
    private let readFunction: YAMLDocumentReader.ReadFunction?
    /// Set when reading the file failed, so the error names the system's reason rather
    /// than libyaml's generic "input error".
    private(set) var readFailure: String?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        fileDescriptor = -1
        readFunction = nil
    }

    init(fileDescriptor: Int32) {
        bytes = nil
        self.fileDescriptor = fileDescriptor
        readFunction = nil
    }

    init(read: @escaping YAMLDocumentReader.ReadFunction) {
        bytes = nil
        fileDescriptor = -1
        readFunction = read
    }

    /// Fills `buffer` with up to `size` bytes; returns the count (0 at end of input), or
    /// `nil` when the file cannot be read.
    func read(into buffer: UnsafeMutablePointer<UInt8>, size: Int) -> Int? {
        if let bytes {
            let count = min(size, bytes.count - offset)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBufferPointer { all in
                buffer.update(from: all.baseAddress! + offset, count: count)
            }
            offset += count
            return count
        }
        if let readFunction {
            do {
                return try readFunction(UnsafeMutableRawBufferPointer(start: buffer, count: size))
            } catch {
                readFailure = error.message
                return nil
            }
        }
        while true {
            let count = systemRead(fileDescriptor, buffer, size)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            readFailure = String(cString: strerror(errno))
            return nil
        }
    }

    /// The C callback registered with `yaml_parser_set_input`; `data` is an unretained
    /// `ParserInput` that the owning parser keeps alive.
    static let handler:
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?
        ) -> Int32 = { data, buffer, size, sizeRead in
            guard let data, let buffer, let sizeRead else { return 0 }
            let input = Unmanaged<ParserInput>.fromOpaque(data).takeUnretainedValue()
            guard let count = input.read(into: buffer, size: size) else { return 0 }
            sizeRead.pointee = count
            return 1
        }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ size: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, size)
    #else
    Darwin.read(fd, buffer, size)
    #endif
}
