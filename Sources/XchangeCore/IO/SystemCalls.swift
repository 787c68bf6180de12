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

    /// The text of the current `errno`.
    static var lastError: String { String(cString: strerror(errno)) }
}
