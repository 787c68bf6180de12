extension RandomAccessCollection {
    /// The index of the first element for which `isInSecondPart` holds, by binary search: the
    /// collection must hold every element that fails it before every element that passes it
    /// (`endIndex` when none passes).
    func partitioningIndex(where isInSecondPart: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isInSecondPart(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
