import Testing

@testable import SimKit

@Suite("Station")
struct StationTests {
    @Test("servers fill, then arrivals wait in FIFO order, then capacity drops")
    func fifo() {
        var station = Station(servers: 2, capacity: 4)
        #expect(station.arrive(token: 1, at: 0) == .serve)
        #expect(station.arrive(token: 2, at: 0) == .serve)
        #expect(station.arrive(token: 3, at: 1) == .wait)
        #expect(station.arrive(token: 4, at: 2) == .wait)
        #expect(station.arrive(token: 5, at: 3) == .drop)
        #expect(station.release(at: 4) == 3)
        #expect(station.release(at: 5) == 4)
        #expect(station.release(at: 6) == nil)
        #expect(station.busy == 1)
        #expect(station.dropped == 1)
        // Waits: 0, 0, 3 (from 1 to 4), 3 (from 2 to 5).
        #expect(station.waits.count == 4)
        #expect(abs(station.waits.mean - 1.5) < 1e-12)
    }

    @Test("priority classes are served lowest class first, FIFO within a class")
    func priority() {
        var station = Station(servers: 1, priorityClasses: 3)
        #expect(station.arrive(token: 0, priority: 2, at: 0) == .serve)
        _ = station.arrive(token: 1, priority: 2, at: 1)
        _ = station.arrive(token: 2, priority: 0, at: 2)
        _ = station.arrive(token: 3, priority: 1, at: 3)
        _ = station.arrive(token: 4, priority: 0, at: 4)
        var order: [Int64] = []
        var time = 5.0
        while let next = station.release(at: time) {
            order.append(next)
            time += 1
        }
        #expect(order == [2, 4, 3, 1])
    }

    @Test("abandoned customers are skipped and counted")
    func reneging() {
        var station = Station(servers: 1)
        _ = station.arrive(token: 1, at: 0)
        _ = station.arrive(token: 2, at: 0)
        _ = station.arrive(token: 3, at: 0)
        station.abandon(token: 2, at: 1)
        #expect(station.waitingCount == 1)
        #expect(station.release(at: 2) == 3)
        #expect(station.abandoned == 1)
    }

    @Test("utilization and queue length are time averages")
    func averages() {
        var station = Station(servers: 2)
        _ = station.arrive(token: 1, at: 0)    // 1 busy from 0
        _ = station.arrive(token: 2, at: 5)    // 2 busy from 5
        _ = station.release(at: 10)            // 1 busy from 10
        // Busy servers: 1×5 + 2×5 + 1×10 over 20 = 25/20; utilization = that / 2 servers.
        #expect(abs(station.utilization(until: 20) - 25.0 / 40.0) < 1e-12)
    }
}
