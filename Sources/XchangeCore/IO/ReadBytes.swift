extension [UInt8] {
    /// At most `count` bytes, as many as `read` puts at the start of the room it is given (it
    /// returns how many).
    ///
    /// The room is left uninitialised: filling a megabyte with zeros only to overwrite it cost
    /// as much as copying it.
    public init(
        upTo count: Int, filledBy read: (UnsafeMutableRawBufferPointer) throws(Diagnostic) -> Int
    ) throws(Diagnostic) {
        var failure: Diagnostic?
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(Diagnostic) {
                initialized = try read(UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
    }
}
