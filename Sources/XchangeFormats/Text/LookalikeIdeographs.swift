import Foundation

/// Characters that text copied from a PDF often holds in place of the ideographs they look
/// like: Kangxi radicals (`⼀、总体情况`, `⾏政许可`, U+2F00–U+2FD5), CJK radicals and CJK
/// compatibility ideographs. Each is folded to the ideograph it stands for (its NFKC form), one
/// scalar for one, so every offset, line and column stays where it was.
enum LookalikeIdeographs {
    /// Whether `scalar` lies in a block that holds lookalikes: one subtraction and compare per
    /// block.
    @inline(__always)
    private static func mayFold(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value &- 0x2E80 < 0x160 || scalar.value &- 0xF900 < 0x200
    }

    /// Whether `scalars` hold a character of those blocks: one pass with no branch per
    /// character (the compiler runs it several characters at a time), for every text read.
    private static func anyIn(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.withUnsafeBufferPointer { scalars in
            var found: UInt32 = 0
            for scalar in scalars {
                found |= (scalar.value &- 0x2E80 < 0x160 ? 1 : 0) | (scalar.value &- 0xF900 < 0x200 ? 1 : 0)
            }
            return found != 0
        }
    }

    /// Replaces the lookalikes in `scalars` with their ideographs.
    static func fold(_ scalars: inout [Unicode.Scalar]) {
        guard anyIn(scalars) else { return }
        let table = Self.table
        for index in scalars.indices where mayFold(scalars[index]) {
            if let ideograph = table[scalars[index].value] { scalars[index] = ideograph }
        }
    }

    /// The lookalikes and their ideographs, as Foundation's compatibility normalization maps
    /// them (669 that stand for an ideograph of the basic block or extension A; the few others
    /// stand for rarer ones), and the radicals it leaves. Built once, when a text first holds a
    /// character of these blocks (about 1.5 ms).
    private static let table: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        for block in [UInt32(0x2E80)..<0x2FE0, 0xF900..<0xFB00] {
            for value in block {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let folded = String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars
                if folded.count == 1, let ideograph = folded.first, ideograph != scalar, Scalars.isHan(ideograph) {
                    table[value] = ideograph
                }
            }
        }
        table.merge(radicalsWithoutNormalForm) { normalized, _ in normalized }
        return table
    }()

    /// CJK radicals that compatibility normalization leaves alone, each with the ideograph
    /// Unicode's EquivalentUnifiedIdeograph.txt gives it: those that stand for characters these
    /// reports use (⺠ in `⼈⺠政府`, ⻔ in `部⻔`, ⻓ in `局⻓`).
    private static let radicalsWithoutNormalForm: [UInt32: Unicode.Scalar] = [
        0x2EA0: "民", 0x2EC4: "西", 0x2EC5: "见", 0x2EC8: "讠", 0x2EC9: "贝", 0x2ECB: "车", 0x2ED3: "长",
        0x2ED4: "门", 0x2ED8: "青", 0x2EDA: "页", 0x2EDB: "风", 0x2EDC: "飞", 0x2EE2: "马", 0x2EE5: "鱼",
        0x2EE6: "鸟", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEC: "齐", 0x2EEE: "齿", 0x2EF0: "龙",
    ]
}
