import HeapModule

/// swift-collections' binary min-max `Heap` as an event queue: the reference the 4-ary heap
/// is benchmarked against.
public struct CollectionsHeapQueue: EventQueue {
    @usableFromInline var heap = Heap<Event>()

    @inlinable public init() {}

    @inlinable public var count: Int { heap.count }
    @inlinable public var isEmpty: Bool { heap.isEmpty }
    @inlinable public var first: Event? { heap.min }

    @inlinable public mutating func insert(_ event: Event) { heap.insert(event) }
    @inlinable public mutating func removeFirst() -> Event? { heap.popMin() }

    @inlinable
    public mutating func replaceFirst(with event: Event) {
        if heap.isEmpty { heap.insert(event) } else { _ = heap.replaceMin(with: event) }
    }

    @inlinable
    public mutating func removeAll(keepingCapacity: Bool) {
        heap = Heap<Event>()
    }
}
