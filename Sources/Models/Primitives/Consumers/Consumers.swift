import DequeModule

package struct ConsumerPlan: Sendable {
    var component: Int
    /// Operation the consumer runs per message; -1: the message's own.
    var operation: Int
    var batchSize: Int
    var pollers: Int
    var group: Int
}

/// A consumer's worker: takes messages from a queue (or its partitions of a stream) and runs
/// the consumer's handler on each, one at a time.
struct PollerState {
    var source: Int32
    var isStream: Bool
    var group: Int32
    var consumer: Int32
    var operation: Int32
    var batchSize: Int32
    /// RabbitMQ: most unacknowledged messages (0: unlimited).
    var prefetch: Int32
    var buffer: Deque<Int32> = []
    /// The receipt of each buffered message's receive (a later receive makes it stale).
    var receipts: Deque<UInt32> = []
    var busy = false
    var idle = false
    var partitions: [Int32] = []
    var partitionCursor = 0
    /// Streams: waiting for its shards' read quota (a `streamPoll` event is pending).
    var awaitingQuota = false
}

struct MessageCounts {
    /// Messages published, counting those present when the warm-up ended, so the balance holds.
    var published = 0
    var consumed = 0
    var expired = 0
    var deadLettered = 0
    var redelivered = 0
    var duplicates = 0
    var rejected = 0
    var failedProcessing = 0
}
