import Testing
@testable import Topology

// MARK: - Suggestions

struct SuggestionsSyntaxTests {
    static let distances: [(a: String, b: String, distance: Int)] = [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("kitten", "sitting", 3), ("ms", "mss", 1),
        ("flaw", "lawn", 2), ("same", "same", 0), ("ab", "ba", 1), ("\u{B5}s", "us", 1),
        ("tpye", "type", 1), ("egde", "edge", 1), ("ca", "abc", 3),
    ]

    @Test(arguments: distances)
    func editDistance(_ example: (a: String, b: String, distance: Int)) {
        #expect(Suggestions.editDistance(example.a, example.b) == example.distance)
        #expect(Suggestions.editDistance(example.b, example.a) == example.distance)
    }

    static let suggestions: [(word: String, candidates: [String], expected: String?)] = [
        ("mss", ["ns", "ms", "s"], "ms"),
        ("kb", ["KB", "MB"], "KB"),                       // case wins even over a distance-1 candidate
        ("Mb", ["MB", "Mbps"], "MB"),
        ("exponental", ["exponential", "normal"], "exponential"),
        ("expnentil", ["exponential"], "exponential"),    // distance 2, allowed for 9 letters
        ("exnentil", ["exponential"], nil),               // distance 3
        ("ab", ["xy"], nil),                             // distance 2 > max(1, 2/3)
        ("ab", ["ax", "bb"], "ax"),                      // earliest of equally close candidates
        ("abcdef", ["abcxyz"], nil),                     // 6 letters allow 2 edits, not 3
        ("abcdef", ["abcdxy"], "abcdxy"),
        ("zzz", [], nil),
    ]

    @Test(arguments: suggestions)
    func closest(_ example: (word: String, candidates: [String], expected: String?)) {
        #expect(Suggestions.closest(to: example.word, in: example.candidates) == example.expected)
    }

    @Test func hugeWordsAreCheap() {
        let word = String(repeating: "a", count: 1_000_000)
        #expect(Suggestions.closest(to: word, in: ["ms", "min"]) == nil)
    }
}
