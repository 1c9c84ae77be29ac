import SimKit
import Testing

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("starts full, refuses what it doesn't hold, refills at its rate up to the burst")
    func takeAndRefill() {
        var bucket = TokenBucket(rate: 10, burst: 5)
        let firstFive = (0..<5).map { _ in bucket.take(at: 0) }
        #expect(firstFive == [true, true, true, true, true])
        let sixth = bucket.take(at: 0)
        let halfBack = bucket.take(at: 0.05)  // half a token back
        let oneBack = bucket.take(at: 0.1)
        #expect(!sixth && !halfBack && oneBack)
        #expect(abs(bucket.tokens) < 1e-12)
        _ = bucket.take(0, at: 100)
        #expect(bucket.tokens == 5)  // never above the burst
    }

    @Test("wait says when an amount is there; charge may go into debt, which refills pay back first")
    func waitAndDebt() {
        var bucket = TokenBucket(rate: 2, burst: 2)
        let full = bucket.wait(for: 1, at: 0)
        #expect(full == 0)
        bucket.charge(5, at: 0)  // 3 in debt
        #expect(bucket.tokens == -3)
        let debt = bucket.wait(for: 0, at: 0)
        let one = bucket.wait(for: 1, at: 1)  // -1 left at t = 1: two tokens' time for one
        let almost = bucket.wait(for: 0, at: 1.5 - 1e-9, tolerance: 1e-6)
        #expect(debt == 1.5 && one == 1 && almost == 0)
        bucket.charge(10, at: 2, floor: 0)
        #expect(bucket.tokens == 0)
    }
}
