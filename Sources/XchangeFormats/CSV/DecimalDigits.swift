/// Whole numbers as ASCII decimal text, byte by byte, for writers that put bytes straight
/// into their buffers.
enum DecimalDigits {
    /// Calls `body` with each byte of `value` in decimal: a minus sign, then the digits.
    @inline(__always)
    static func forEachByte(of value: Int, _ body: (UInt8) -> Void) {
        if value >= 0, value < 10 {
            body(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        if value < 0 { body(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            body(UInt8(ascii: "0") &+ UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }
}
