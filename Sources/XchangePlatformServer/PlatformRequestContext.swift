import Hummingbird
import NIOCore

/// The request context of the platform's routes: Hummingbird's basics plus the connection,
/// which the rehearsal faults close to imitate a dropped connection.
public struct PlatformRequestContext: RequestContext {
    /// Hummingbird's own request state.
    public var coreContext: CoreRequestContextStorage
    /// The client connection this request came on.
    public let channel: any Channel

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
