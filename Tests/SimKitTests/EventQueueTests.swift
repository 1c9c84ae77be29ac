import Testing

@testable import SimKit

/// The event queues against a sorted reference, with the heap invariant checked after every
/// operation, over seeded random interleavings of inserts and removals.
@Suite("Event queue")
struct EventQueueTests {
    /// Runs `operations` random inserts/removes on `Queue`, comparing every removal with the
    /// earliest event of a plain array, and returns the events removed.
    static func exercise<Queue: EventQueue>(
        _ type: Queue.Type, seed: UInt64, operations: Int, checkHeap: (Queue) -> Bool
    ) -> [Event] {
        var generator = SplitMix64(seed: seed)
        var queue = Queue()
        var reference: [Event] = []
        var removed: [Event] = []
        var sequence: UInt64 = 0
        for _ in 0..<operations {
            let choice = Int.random(in: 0..<10, using: &generator)
            if reference.isEmpty || choice < 6 {
                // Few distinct times, so ties (broken by sequence) are common.
                let time = Double(Int.random(in: 0..<50, using: &generator))
                let event = Event(time: time, sequence: sequence, kind: 0, target: 0, token: Int64(sequence))
                sequence += 1
                if choice == 0 {
                    // `replaceFirst`: the first event out, this one in (on an empty queue, just in).
                    if let first = reference.min() {
                        reference.remove(at: reference.firstIndex(of: first)!)
                        removed.append(first)
                    }
                    queue.replaceFirst(with: event)
                } else {
                    queue.insert(event)
                }
                reference.append(event)
            } else {
                let expected = reference.min()!
                reference.remove(at: reference.firstIndex(of: expected)!)
                let actual = queue.removeFirst()
                #expect(actual == expected)
                removed.append(expected)
            }
            #expect(queue.count == reference.count)
            #expect(queue.first == reference.min())
            #expect(checkHeap(queue))
        }
        while let event = queue.removeFirst() {
            #expect(event == reference.min())
            reference.remove(at: reference.firstIndex(of: event)!)
            removed.append(event)
        }
        #expect(reference.isEmpty)
        return removed
    }

    @Test("4-ary heap matches a sorted reference and keeps its invariant", arguments: 0..<20)
    func quaternary(seed: Int) {
        _ = Self.exercise(QuaternaryHeap.self, seed: UInt64(seed), operations: 2_000) { $0.satisfiesHeapProperty }
    }

    @Test("swift-collections heap adapter matches too", arguments: 0..<5)
    func collections(seed: Int) {
        _ = Self.exercise(CollectionsHeapQueue.self, seed: UInt64(seed), operations: 2_000) { _ in true }
    }

    @Test("both queues remove the same events in the same order")
    func sameOrder() {
        let a = Self.exercise(QuaternaryHeap.self, seed: 42, operations: 5_000) { _ in true }
        let b = Self.exercise(CollectionsHeapQueue.self, seed: 42, operations: 5_000) { _ in true }
        #expect(a == b)
    }

    @Test("the handled event stays first while its handler runs; handling order and pendingEvents are a plain sorted queue's")
    func holdMatchesPopThenPush() {
        // Handlers schedule 0, 1, 2 or 3 events at random delays (0 often, for ties); the
        // reference pops the earliest from a plain array and pushes what the handler asks.
        struct Random: SimulationModel {
            var generator = SplitMix64(seed: 11)
            var seen: [Int64] = []
            var pendingSeen: [Int] = []
            var nextToken: Int64 = 1000
            mutating func handle(_ event: Event, in simulation: inout Simulation) {
                seen.append(event.token)
                pendingSeen.append(simulation.pendingEvents)
                for _ in 0..<Int.random(in: 0...3, using: &generator) where nextToken < 6_000 {
                    let delay = Int.random(in: 0..<3, using: &generator) == 0 ? 0 : Double.random(in: 0..<5, using: &generator)
                    simulation.schedule(after: delay, kind: 0, token: nextToken)
                    nextToken += 1
                }
            }
        }
        var simulation = Simulation()
        for token in Int64(0)..<10 { simulation.schedule(at: Double(token % 3), kind: 0, token: token) }
        var model = Random()
        simulation.run(&model, until: .infinity)

        // The reference, replaying the same handler decisions.
        var generator = SplitMix64(seed: 11)
        var pending = (Int64(0)..<10).map { Event(time: Double($0 % 3), sequence: UInt64($0), kind: 0, target: 0, token: $0) }
        var sequence: UInt64 = 10
        var nextToken: Int64 = 1000
        var seen: [Int64] = []
        var pendingSeen: [Int] = []
        while let first = pending.min() {
            pending.remove(at: pending.firstIndex(of: first)!)
            seen.append(first.token)
            pendingSeen.append(pending.count)
            for _ in 0..<Int.random(in: 0...3, using: &generator) where nextToken < 6_000 {
                let delay = Int.random(in: 0..<3, using: &generator) == 0 ? 0 : Double.random(in: 0..<5, using: &generator)
                pending.append(Event(time: first.time + delay, sequence: sequence, kind: 0, target: 0, token: nextToken))
                sequence += 1
                nextToken += 1
            }
        }
        #expect(seen.count > 5_000)
        // The first difference, if any (not the whole lists, thousands long, in a failure).
        #expect(model.seen.count == seen.count && model.pendingSeen.count == pendingSeen.count)
        let orderDiffers = seen.indices.first { $0 < model.seen.count && model.seen[$0] != seen[$0] }
        #expect(orderDiffers == nil, "handling order differs from event \(orderDiffers ?? -1)")
        let pendingDiffers = pendingSeen.indices.first { $0 < model.pendingSeen.count && model.pendingSeen[$0] != pendingSeen[$0] }
        #expect(pendingDiffers == nil, "pendingEvents during the handler differs from event \(pendingDiffers ?? -1)")
        #expect(simulation.pendingEvents == 0)
    }

    @Test("same-time events run in scheduling order")
    func ties() {
        struct Recorder: SimulationModel {
            var seen: [Int64] = []
            mutating func handle(_ event: Event, in simulation: inout Simulation) {
                seen.append(event.token)
                if event.token < 3 { simulation.schedule(after: 0, kind: 0, token: event.token + 10) }
            }
        }
        var simulation = Simulation()
        for token in Int64(0)..<5 { simulation.schedule(at: 1, kind: 0, token: token) }
        var recorder = Recorder()
        simulation.run(&recorder, until: 10)
        #expect(recorder.seen == [0, 1, 2, 3, 4, 10, 11, 12])
        #expect(simulation.now == 10)
        #expect(simulation.handledEvents == 8)
    }

    @Test("run stops at the end time and leaves later events pending")
    func stopsAtEnd() {
        struct Counter: SimulationModel {
            var count = 0
            mutating func handle(_ event: Event, in simulation: inout Simulation) {
                count += 1
                simulation.schedule(after: 1, kind: 0)
            }
        }
        var simulation = Simulation()
        simulation.schedule(at: 0, kind: 0)
        var counter = Counter()
        simulation.run(&counter, until: 99.5)
        #expect(counter.count == 100)
        #expect(simulation.pendingEvents == 1)
    }
}
