#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls xchange's input and output use directly, under names that do not collide
/// with Swift's own `read`/`write` methods.
enum SystemCalls {
    #if canImport(Glibc)
    static let read = Glibc.read
    static let write = Glibc.write
    #elseif canImport(Darwin)
    static let read = Darwin.read
    static let write = Darwin.write
    #endif

    /// Linux's `sync_file_range(2)`, looked up at run time: the C library declares it only
    /// for GNU sources, which Swift's Glibc module does not import. Nil where there is none.
    static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// `SYNC_FILE_RANGE_WRITE`: start writing back the range's dirty pages, without waiting.
    static let syncFileRangeWrite: UInt32 = 2

    /// The text of the current `errno`.
    static var lastError: String { String(cString: strerror(errno)) }
}
