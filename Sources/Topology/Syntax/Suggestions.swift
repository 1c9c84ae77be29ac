// MARK: - Suggestions

/// Shared helper: did-you-mean.
package enum Suggestions {
    /// Returns the closest candidate within edit distance `max(1, min(2, word.count / 3))`, or nil.
    ///
    /// A candidate that differs only in letter case wins over everything else, because units are
    /// case-sensitive (`mb` vs `MB`) and a case slip is the most likely mistake; otherwise the
    /// nearest candidate wins, the earliest one on a tie so callers control the preference by order.
    package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates, maxDistance: max(1, min(2, word.count / 3)))
    }

    /// Edit distance over `Character`s: insertions, deletions, substitutions and adjacent
    /// transpositions cost 1.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a), Array(b))
    }

    // MARK: - Internals

    static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int) -> String? {
        let characters = Array(word)
        let lowered = word.lowercased()
        var caseMatch: String?
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            if candidate == word { return candidate }
            if caseMatch == nil, candidate.lowercased() == lowered { caseMatch = candidate }
            let other = Array(candidate)
            // Cheap lower bound first: keeps a megabyte-long "word" from costing a full matrix.
            guard abs(other.count - characters.count) <= maxDistance else { continue }
            let distance = editDistance(characters, other)
            if distance <= maxDistance, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return caseMatch ?? best?.candidate
    }

    /// Optimal string alignment distance: Levenshtein plus swapping two adjacent characters
    /// for 1, the commonest typo (`tpye`, `egde`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows are enough: a transposition reads two rows back.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
