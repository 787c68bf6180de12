import CCurl
import Foundation

/// One HTTP request, as the upload client builds it.
struct HTTPRequest: Sendable {
    var method: String
    var url: URL
    /// Header lines in the order they are sent.
    var headers: [(name: String, value: String)] = []
    var body: [UInt8]?

    init(_ method: String, _ url: URL) {
        self.method = method
        self.url = url
    }

    /// Sets a header, replacing one of the same name.
    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }
}

/// One HTTP exchange through libcurl: no cookies, no redirects (a redirect could carry the
/// token elsewhere), HTTP and HTTPS only, HTTPS checked against the system's certificates.
///
/// libcurl is loaded when the first request is sent (see `CCurl`): linked, it and the
/// libraries it needs were loaded by every command, upload or not, at about 10 ms a command.
/// GET and POST are what the platform's API uses; another method is sent without a body.
struct HTTPTransport: Sendable {
    /// A complete answer.
    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
    }

    /// No complete answer came.
    struct Failure: Error, Sendable, CustomStringConvertible {
        /// libcurl's error number; 0 when libcurl itself could not be used.
        let code: Int32
        let message: String

        /// Whether the exchange ran out of time.
        var isTimeout: Bool { code == CurlCode.operationTimedOut }

        var description: String { code == 0 ? message : "\(message) (curl \(code))" }
    }

    /// Seconds one exchange may take, connecting included.
    let timeout: Double

    /// Sends the request on a thread of its own (libcurl blocks while it waits) and returns
    /// the answer, whatever its status.
    ///
    /// Each exchange has a handle of its own and forbids reusing its connection: a request
    /// retried on a kept-alive connection the server had closed could hang until the timeout.
    func send(_ request: HTTPRequest) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try perform(request) }) }
            thread.start()
        }
    }

    /// Why no request can be sent (libcurl is missing or cannot start), or nil. Loads libcurl
    /// the first time it is asked.
    static var unavailability: String? { xchange_curl_load().map { String(cString: $0) } }

    /// The exchange itself, blocking.
    func perform(_ request: HTTPRequest) throws(Failure) -> Answer {
        if let problem = Self.unavailability { throw Failure(code: 0, message: problem) }
        guard let handle = xchange_curl_easy_init() else {
            throw Failure(code: 0, message: "libcurl could not start a transfer")
        }
        defer { xchange_curl_easy_cleanup(handle) }
        var headers: UnsafeMutableRawPointer?
        defer { xchange_curl_slist_free_all(headers) }
        // "Expect:" (empty) stops libcurl from asking for a 100 Continue before a large body
        // and waiting a second for a server that does not send one.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            guard let list = xchange_curl_slist_append(headers, line) else {
                throw Failure(code: 0, message: "libcurl could not take the request's headers")
            }
            headers = list
        }
        let received = ReceivedBytes()
        var errorText = [CChar](repeating: 0, count: 256)  // CURL_ERROR_SIZE
        let body = request.body ?? []
        let code = errorText.withUnsafeMutableBufferPointer { errorBuffer in
            body.withUnsafeBytes { bodyBytes -> Int32 in
                var options = CurlOptions(handle)
                options.set(CurlOption.url, request.url.absoluteString)
                options.set(CurlOption.errorBuffer, pointer: errorBuffer.baseAddress)
                options.set(CurlOption.noSignal, 1)
                options.set(CurlOption.forbidReuse, 1)
                options.set(CurlOption.followLocation, 0)
                options.set(CurlOption.protocols, CurlProtocol.http | CurlProtocol.https)
                options.set(CurlOption.timeoutMilliseconds, max(1, Int(timeout * 1000)))
                options.set(CurlOption.httpHeader, pointer: headers)
                options.set(CurlOption.userAgent, "xchange")
                options.setWriteCallback(
                    { bytes, size, count, context in
                        let taken = size * count
                        let received = Unmanaged<ReceivedBytes>.fromOpaque(context!).takeUnretainedValue()
                        received.bytes.append(
                            contentsOf: UnsafeRawBufferPointer(start: bytes, count: taken).bindMemory(to: UInt8.self))
                        return taken
                    }, context: Unmanaged.passUnretained(received).toOpaque())
                switch request.method {
                case "GET":
                    options.set(CurlOption.httpGet, 1)
                case "POST":
                    options.set(CurlOption.post, 1)
                    options.set(CurlOption.postFieldSize, offset: Int64(bodyBytes.count))
                    options.set(
                        CurlOption.postFields, pointer: bodyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1))
                default:
                    options.set(CurlOption.customRequest, request.method)
                }
                if let failed = options.failed { return failed }
                return withExtendedLifetime(received) { Int32(xchange_curl_easy_perform(handle)) }
            }
        }
        guard code == 0 else {
            let detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw Failure(
                code: code, message: detail.isEmpty ? String(cString: xchange_curl_easy_strerror(code)) : detail)
        }
        var status = 0
        _ = xchange_curl_getinfo_long(handle, CurlInfo.responseCode, &status)
        return Answer(status: status, body: received.bytes)
    }
}

/// The answer's body as libcurl hands it over.
private final class ReceivedBytes {
    var bytes: [UInt8] = []
}

/// Sets options on a handle, keeping the first error.
private struct CurlOptions {
    let handle: UnsafeMutableRawPointer
    private(set) var failed: Int32?

    init(_ handle: UnsafeMutableRawPointer) { self.handle = handle }

    private mutating func check(_ code: Int32) {
        if code != 0, failed == nil { failed = code }
    }

    mutating func set(_ option: Int32, _ value: Int) { check(xchange_curl_setopt_long(handle, option, value)) }

    /// libcurl copies the strings it is given.
    mutating func set(_ option: Int32, _ value: String) {
        check(value.withCString { xchange_curl_setopt_pointer(handle, option, $0) })
    }

    mutating func set(_ option: Int32, pointer: UnsafeRawPointer?) {
        check(xchange_curl_setopt_pointer(handle, option, pointer))
    }

    mutating func set(_ option: Int32, offset: Int64) { check(xchange_curl_setopt_offset(handle, option, offset)) }

    mutating func setWriteCallback(_ callback: xchange_curl_write_callback, context: UnsafeMutableRawPointer) {
        check(xchange_curl_setopt_write_callback(handle, CurlOption.writeFunction, callback))
        check(xchange_curl_setopt_pointer(handle, CurlOption.writeData, context))
    }
}

/// libcurl's option numbers (`curl.h`: a type base plus a number).
private enum CurlOption {
    static let writeData: Int32 = 10001
    static let url: Int32 = 10002
    static let errorBuffer: Int32 = 10010
    static let writeFunction: Int32 = 20011
    static let postFields: Int32 = 10015
    static let userAgent: Int32 = 10018
    static let httpHeader: Int32 = 10023
    static let customRequest: Int32 = 10036
    static let post: Int32 = 47
    static let followLocation: Int32 = 52
    static let forbidReuse: Int32 = 75
    static let httpGet: Int32 = 80
    static let noSignal: Int32 = 99
    static let timeoutMilliseconds: Int32 = 155
    static let protocols: Int32 = 181
    static let postFieldSize: Int32 = 30120
}

private enum CurlProtocol {
    static let http = 1
    static let https = 2
}

private enum CurlInfo {
    /// CURLINFO_LONG + 2.
    static let responseCode: Int32 = 0x20_0002
}

enum CurlCode {
    static let operationTimedOut: Int32 = 28
}
