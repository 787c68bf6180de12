import Hummingbird
import XchangeJSON

/// The JSON answers of the platform API (`schemas/platform/openapi.yaml`).
enum APIResponse {
    /// A receipt's bytes with the given status.
    static func receipt(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        json(bytes, status: status)
    }

    /// An `Error` answer: `{"error": {"code", "message"}}` plus any extra members.
    static func error(
        _ status: HTTPResponse.Status, code: String, message: String, extra: [JSONMember] = [],
        headers: HTTPFields = [:]
    ) -> Response {
        let body = JSONValue.object(
            [
                JSONMember(
                    key: "error",
                    value: .object([
                        JSONMember(key: "code", value: .string(code)),
                        JSONMember(key: "message", value: .string(message)),
                    ]))
            ] + extra)
        return json(JSONWriter.encode(body) + [0x0A], status: status, headers: headers)
    }

    private static func json(_ bytes: [UInt8], status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
