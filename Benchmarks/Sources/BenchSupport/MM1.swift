import SimKit

// MARK: - The M/M/1 model

/// What the M/M/1 model needs of an engine: the clock and scheduling by delay. Both SimKit's
/// `Simulation` and the benchmark's `QueueSimulation` provide it, so the same model code runs
/// on either.
public protocol Scheduling {
    var now: Double { get }
    mutating func schedule(delay: Double, kind: UInt32)
}

extension Simulation: Scheduling {
    @inlinable
    public mutating func schedule(delay: Double, kind: UInt32) { schedule(after: delay, kind: kind) }
}

/// M/M/1: Poisson arrivals (rate λ), one server with exponential service (rate μ), FIFO, and
/// `customers` arrivals in all; the run ends when the last one has left. Two events per
/// customer: its arrival (kind 0) and its departure (kind 1). Built on SimKit's `Station`, like
/// the `service` components of archsim's models.
public struct MM1 {
    public static let arrival: UInt32 = 0
    public static let departure: UInt32 = 1

    public let lambda: Double
    public let mu: Double
    public let customers: Int
    public var station = Station(servers: 1)
    @usableFromInline var arrivals: Xoshiro256StarStar
    @usableFromInline var services: Xoshiro256StarStar
    @usableFromInline let interarrival: Variate
    @usableFromInline let service: Variate
    @usableFromInline var arrived = 0

    public init(lambda: Double = 0.9, mu: Double = 1, customers: Int, seed: UInt64 = 1) {
        precondition(customers >= 1 && lambda > 0 && mu > 0)
        self.lambda = lambda
        self.mu = mu
        self.customers = customers
        let streams = RandomStreams(seed: seed, replication: 0)
        arrivals = streams.stream("arrivals")
        services = streams.stream("service")
        interarrival = .exponential(mean: 1 / lambda)
        service = .exponential(mean: 1 / mu)
    }

    /// Schedules the first arrival (at time 0).
    @inlinable
    public mutating func start<Engine: Scheduling>(in engine: inout Engine) {
        engine.schedule(delay: 0, kind: Self.arrival)
    }

    @inlinable
    public mutating func handle<Engine: Scheduling>(_ event: Event, in engine: inout Engine) {
        if event.kind == Self.arrival {
            arrived &+= 1
            if arrived < customers {
                engine.schedule(delay: interarrival.sample(&arrivals), kind: Self.arrival)
            }
            if station.arrive(token: Int64(arrived), at: engine.now) == .serve {
                engine.schedule(delay: service.sample(&services), kind: Self.departure)
            }
        } else {
            if station.release(at: engine.now) != nil {
                engine.schedule(delay: service.sample(&services), kind: Self.departure)
            }
        }
    }

    /// Mean wait in queue found by the run.
    public var meanWait: Double { station.waits.mean }

    /// Erlang's (Pollaczek–Khinchine's) mean wait in queue of M/M/1: ρ / (μ − λ), ρ = λ/μ.
    public var erlangWait: Double { (lambda / mu) / (mu - lambda) }
}

/// `MM1` as a SimKit `SimulationModel`.
public struct MM1OnSimulation: SimulationModel {
    public var model: MM1
    public init(_ model: MM1) { self.model = model }

    @inlinable
    public mutating func handle(_ event: Event, in simulation: inout Simulation) {
        model.handle(event, in: &simulation)
    }
}

// MARK: - An engine generic over the queue

/// SimKit's `Simulation` loop, line for line, but generic over the pending-event set, so the
/// M/M/1 model can run on `CollectionsHeapQueue` too (`Simulation` is fixed to `QuaternaryHeap`).
public struct QueueSimulation<Queue: EventQueue>: Scheduling {
    @usableFromInline var queue = Queue()
    @usableFromInline var _now: Double = 0
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var firstIsHandled = false
    @usableFromInline var _handledEvents = 0

    public init() {}

    public var now: Double { _now }
    public var handledEvents: Int { _handledEvents }

    @inlinable
    public mutating func schedule(delay: Double, kind: UInt32) {
        let event = Event(time: _now + delay, sequence: nextSequence, kind: kind, target: 0, token: 0)
        nextSequence &+= 1
        if firstIsHandled {
            firstIsHandled = false
            queue.replaceFirst(with: event)
        } else {
            queue.insert(event)
        }
    }

    @inlinable
    public mutating func run(_ model: inout MM1, until end: Double) {
        while let event = queue.first, event.time <= end {
            _now = event.time
            _handledEvents &+= 1
            firstIsHandled = true
            model.handle(event, in: &self)
            if firstIsHandled {
                firstIsHandled = false
                _ = queue.removeFirst()
            }
        }
        if end > _now { _now = end }
    }
}

// MARK: - One measured run

/// Which engine runs the M/M/1 model.
public enum MM1Engine: String, CaseIterable, Sendable {
    /// SimKit's `Simulation` (its 4-ary heap): the engine as archsim ships it.
    case quaternary
    /// `QueueSimulation<CollectionsHeapQueue>`: the same loop on swift-collections' `Heap`.
    case collections
    /// `QueueSimulation<QuaternaryHeap>`: the benchmark's generic loop on the 4-ary heap, a
    /// control showing that loop costs what `Simulation`'s does.
    case quaternaryGeneric = "quaternary-generic"
}

public struct MM1Result: Sendable {
    public var engine: MM1Engine
    public var customers: Int
    public var events: Int
    /// Seconds of the event loop alone (not the process start, nor setting the model up).
    public var wallSeconds: Double
    public var meanWait: Double
    public var erlangWait: Double
    public var served: Int

    public var eventsPerSecond: Double { Double(events) / wallSeconds }
    public var customersPerSecond: Double { Double(customers) / wallSeconds }
}

/// Runs M/M/1 (λ = 0.9, μ = 1 unless told) with `customers` arrivals to the end.
public func runMM1(customers: Int, engine: MM1Engine, lambda: Double = 0.9, mu: Double = 1, seed: UInt64 = 1)
    -> MM1Result
{
    var model = MM1(lambda: lambda, mu: mu, customers: customers, seed: seed)
    let seconds: Double
    let events: Int
    switch engine {
    case .quaternary:
        var simulation = Simulation()
        model.start(in: &simulation)
        var wrapped = MM1OnSimulation(model)
        seconds = time { simulation.run(&wrapped, until: .infinity) }.seconds
        model = wrapped.model
        events = simulation.handledEvents
    case .collections:
        var simulation = QueueSimulation<CollectionsHeapQueue>()
        model.start(in: &simulation)
        seconds = time { simulation.run(&model, until: .infinity) }.seconds
        events = simulation.handledEvents
    case .quaternaryGeneric:
        var simulation = QueueSimulation<QuaternaryHeap>()
        model.start(in: &simulation)
        seconds = time { simulation.run(&model, until: .infinity) }.seconds
        events = simulation.handledEvents
    }
    return MM1Result(
        engine: engine, customers: customers, events: events, wallSeconds: seconds,
        meanWait: model.meanWait, erlangWait: model.erlangWait, served: model.station.started)
}
