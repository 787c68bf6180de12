/// Decodes UTF-8 bytes into Unicode scalars in one pass that also validates them, so that a
/// report text's bytes are read once: checked as UTF-8 and turned into the scalars every
/// reading step works on (the text reader has no use for the `String` in between).
enum UTF8Scalars {
    /// The scalars of `bytes`; nil when they are not well-formed UTF-8 (a stray continuation
    /// byte, a sequence cut short, an overlong form, a surrogate or a value past U+10FFFF), as
    /// `String(validating:as:)` decides.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var isValid = true
        // Written straight into the array's storage: a text has at most one scalar per byte.
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalars, count in
            guard let decoded = decode(bytes, into: scalars) else {
                isValid = false
                count = 0
                return
            }
            count = decoded
        }
        return isValid ? scalars : nil
    }

    /// Decodes `bytes` into `scalars`, which has room for one per byte; returns how many, or
    /// nil at the first ill-formed sequence.
    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, into scalars: UnsafeMutableBufferPointer<Unicode.Scalar>
    ) -> Int? {
        guard let base = bytes.baseAddress, let output = scalars.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let end = bytes.count
        var count = 0
        var index = 0
        while index < end {
            let lead = UInt32(base[index])
            if lead < 0x80 {
                // Eight ASCII bytes at once (markup, figures, line breaks): one test for the word.
                if index + 8 <= end {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        for offset in 0..<8 {
                            (output + count + offset).initialize(
                                to: Unicode.Scalar(UInt8(truncatingIfNeeded: word >> UInt64(8 * offset))))
                        }
                        count += 8
                        index += 8
                        continue
                    }
                }
                (output + count).initialize(to: Unicode.Scalar(UInt8(truncatingIfNeeded: lead)))
                count += 1
                index += 1
                continue
            }
            // Written out per length: most of a Chinese text is three-byte sequences. Each
            // length's own checks leave only valid scalars (a two-byte value is never a
            // surrogate nor past U+10FFFF), so the value is taken as the scalar it then is.
            let value: UInt32
            if lead < 0xE0 {
                // Below 0xC2: a continuation byte with no lead, or an overlong two-byte form.
                guard lead >= 0xC2, index + 2 <= end else { return nil }
                let second = UInt32(base[index + 1])
                guard second & 0xC0 == 0x80 else { return nil }
                value = (lead & 0x1F) << 6 | (second & 0x3F)
                index += 2
            } else if lead < 0xF0 {
                guard index + 3 <= end else { return nil }
                // Both continuation bytes tested at once.
                let pair = UInt32(raw.loadUnaligned(fromByteOffset: index + 1, as: UInt16.self).littleEndian)
                guard pair & 0xC0C0 == 0x8080 else { return nil }
                value = (lead & 0x0F) << 12 | (pair & 0x3F) << 6 | (pair >> 8 & 0x3F)
                // An overlong form, or a surrogate (U+D800–U+DFFF).
                guard value >= 0x800, value & 0xF800 != 0xD800 else { return nil }
                (output + count).initialize(to: unsafeBitCast(value, to: Unicode.Scalar.self))
                count += 1
                index += 3
                // Chinese text runs on in three-byte sequences: the next ones are decoded here,
                // the lead and both continuation bytes of each tested with one four-byte load.
                // Anything else goes back to the loop above.
                while index + 4 <= end {
                    let word = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                    guard word & 0x00C0_C0F0 == 0x0080_80E0 else { break }
                    let next = (word & 0x0F) << 12 | (word >> 2) & 0xFC0 | (word >> 16) & 0x3F
                    guard next >= 0x800, next & 0xF800 != 0xD800 else { return nil }
                    (output + count).initialize(to: unsafeBitCast(next, to: Unicode.Scalar.self))
                    count += 1
                    index += 3
                }
                continue
            } else {
                guard lead <= 0xF4, index + 4 <= end else { return nil }
                let second = UInt32(base[index + 1])
                let third = UInt32(base[index + 2])
                let fourth = UInt32(base[index + 3])
                guard second & 0xC0 == 0x80, third & 0xC0 == 0x80, fourth & 0xC0 == 0x80 else { return nil }
                value = (lead & 0x07) << 18 | (second & 0x3F) << 12 | (third & 0x3F) << 6 | (fourth & 0x3F)
                // An overlong form, or past U+10FFFF.
                guard value >= 0x1_0000, value <= 0x10_FFFF else { return nil }
                index += 4
            }
            let scalar = unsafeBitCast(value, to: Unicode.Scalar.self)
            (output + count).initialize(to: scalar)
            count += 1
        }
        return count
    }
}
