// MARK: - TimeWeighted

/// Time-weighted statistics of a piecewise-constant quantity: queue length, busy servers,
/// open connections.
///
/// The quantity holds `value` from the time it was set until the next `update`, so its
/// average over a window is the area under the step function divided by the window's
/// length. Constant memory; each change costs O(1).
public struct TimeWeighted: Sendable, Equatable {
    // Stored privately with public getters: writing `value` directly would skip the area.
    @usableFromInline var _value: Double
    @usableFromInline var _maximum: Double
    @usableFromInline var _minimum: Double

    /// The current value of the quantity.
    public var value: Double { _value }
    /// The largest value held since the start of the window (the value at `reset` counts).
    public var maximum: Double { _maximum }
    /// The smallest value held since the start of the window (the value at `reset` counts).
    public var minimum: Double { _minimum }
    /// Start of the current observation window.
    public private(set) var windowStart: Double
    /// Time of the last change; the area is accumulated up to here.
    @usableFromInline var lastTime: Double
    @usableFromInline var accumulatedArea: Double = 0

    public init(value: Double = 0, at time: Double = 0) {
        _value = value
        _maximum = value
        _minimum = value
        self.windowStart = time
        self.lastTime = time
    }

    // MARK: - Changes

    /// The quantity becomes `newValue` at `time`. Time never decreases; that is checked in
    /// debug builds only, since this runs once per simulated event.
    @inlinable @inline(__always)
    public mutating func update(to newValue: Double, at time: Double) {
        assert(time >= lastTime, "TimeWeighted: time went backwards (\(time) < \(lastTime))")
        accumulatedArea += _value * (time - lastTime)
        lastTime = time
        _value = newValue
        if newValue > _maximum { _maximum = newValue }
        if newValue < _minimum { _minimum = newValue }
    }

    /// The quantity changes by `delta` at `time` (an arrival: +1, a departure: −1).
    @inlinable
    public mutating func add(_ delta: Double, at time: Double) {
        update(to: _value + delta, at: time)
    }

    /// Starts a new observation window at `time`, keeping the current value.
    ///
    /// Used to drop the warm-up: what was accumulated before `time` is forgotten, and the
    /// maximum and minimum restart from the value held now.
    public mutating func reset(at time: Double) {
        assert(time >= lastTime, "TimeWeighted: reset before the last change (\(time) < \(lastTime))")
        accumulatedArea = 0
        lastTime = time
        windowStart = time
        _maximum = _value
        _minimum = _value
    }

    // MARK: - Results

    /// The area under the step function from the window's start until `time` (≥ the last change).
    public func area(until time: Double) -> Double {
        accumulatedArea + value * (time - lastTime)
    }

    /// The time-average over the window `[windowStart, time]`; 0 when that window is empty.
    public func mean(until time: Double) -> Double {
        let elapsed = time - windowStart
        return elapsed > 0 ? area(until: time) / elapsed : 0
    }
}
