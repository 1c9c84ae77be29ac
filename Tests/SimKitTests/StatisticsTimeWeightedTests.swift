import Testing

@testable import SimKit

@Suite("TimeWeighted")
struct StatisticsTimeWeightedTests {
    @Test func handComputedArea() {
        // 0 on [0,2), 3 on [2,5), 1 on [5,10): area 0 + 9 + 5 = 14 at t = 10.
        var q = TimeWeighted()
        q.update(to: 3, at: 2)
        q.update(to: 1, at: 5)
        #expect(q.area(until: 10) == 14)
        #expect(q.mean(until: 10) == 1.4)
        #expect(q.value == 1 && q.maximum == 3 && q.minimum == 0)
        // Same-time updates add no area: only the last value holds.
        q.update(to: 8, at: 10)
        q.update(to: 2, at: 10)
        #expect(q.area(until: 12) == 18)
        #expect(q.maximum == 8)
    }

    @Test func startValueAndTime() {
        let q = TimeWeighted(value: 2, at: 5)
        #expect(q.area(until: 8) == 6)
        #expect(q.mean(until: 8) == 2)
        #expect(q.mean(until: 5) == 0, "an empty window has mean 0")
    }

    @Test func addDelta() {
        var q = TimeWeighted()
        q.add(1, at: 1)  // 1 on [1,3)
        q.add(1, at: 3)  // 2 on [3,4)
        q.add(-2, at: 4)  // 0 on [4,6)
        #expect(q.value == 0)
        #expect(q.area(until: 6) == 4)
        #expect(q.mean(until: 6) == 4.0 / 6)
        #expect(q.maximum == 2)
    }

    @Test func resetStartsANewWindow() {
        var q = TimeWeighted()
        q.update(to: 10, at: 1)
        q.update(to: 4, at: 2)
        q.reset(at: 5)
        #expect(q.value == 4)
        #expect(q.maximum == 4, "the maximum restarts from the value held at the reset")
        #expect(q.area(until: 5) == 0)
        q.update(to: 6, at: 7)  // 4 on [5,7), 6 on [7,9)
        #expect(q.area(until: 9) == 20)
        #expect(q.mean(until: 9) == 5)
        #expect(q.windowStart == 5)
    }
}
