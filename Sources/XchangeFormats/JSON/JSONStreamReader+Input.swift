import XchangeCore
import XchangeJSON

extension JSONStreamReader {
    /// Reads items from an input source, through its one read API.
    convenience init(input: InputSource) {
        self.init { (buffer) throws(JSONError) -> Int in
            do throws(Diagnostic) {
                return try input.read(into: buffer)
            } catch {
                throw JSONError(error.message)
            }
        }
    }
}
