import Testing
import XchangeCore

@testable import XchangeFormats

/// The threshold tests decide as the ratios do: the cheap bound they try first never turns a
/// pair away that the common count would have let through.
struct LabelSimilarityTests {
    /// Every label of the schema against every other of its part (the comparisons the heading
    /// and row readers make), at the thresholds they use.
    @Test func thresholdTestsAgreeWithTheRatios() {
        let labels =
            CanonicalSchema.v1.fields.compactMap(\.label.last).map { Array(NormalizedText.pattern($0)) }
            + CanonicalSchema.v1.sections.flatMap { $0.subsections.map { Array(NormalizedText.pattern($0.label)) } }
        let sample = Array(labels.prefix(160))
        for a in sample {
            for b in sample {
                let common = LabelSimilarity.commonLength(a, b)
                #expect(LabelSimilarity.sharedBound(a, b) >= common)
                for threshold in [0.5, 0.8, 0.85] {
                    #expect(
                        LabelSimilarity.ratioToLonger(a, b, reaches: threshold)
                            == (LabelSimilarity.ratioToLonger(a, b) >= threshold))
                    #expect(
                        LabelSimilarity.ratioToShorter(a, b, reaches: threshold)
                            == (LabelSimilarity.ratioToShorter(a, b) >= threshold))
                }
            }
        }
    }

    @Test func boundCountsCharactersInAnyOrder() {
        let a = Array("行政复议".unicodeScalars)
        let b = Array("复议行政".unicodeScalars)
        #expect(LabelSimilarity.sharedBound(a, b) == 4)
        #expect(LabelSimilarity.commonLength(a, b) == 2)
        #expect(LabelSimilarity.sharedBound(a, Array("诉讼".unicodeScalars)) == 0)
    }
}
