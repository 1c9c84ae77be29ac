import Topology

extension Compiler {
    mutating func compileStream(_ settings: KindSettings, _ knobs: StreamKnobs, _ stationIndex: [String: Int]) -> StreamPlan {
        let kinesis = knobs.quotas == .shardQuotas
        if kinesis, settings["mode"]?.text == "on-demand" {
            notSimulated.append(.warning("on-demand Kinesis is simulated with its `shards` and their quotas", at: settings.required("mode").location))
        }
        let partitions = settings.integer(knobs.partitionField)
        let (consumerPlans, groups) = consumers(settings["consumers"], stationIndex, partitions: partitions)
        // Bandwidths are written in bits per second; the model counts bytes.
        return StreamPlan(
            quotas: knobs.quotas, partitions: partitions, retention: settings.number("retention"),
            partitionBytesPerSecond: kinesis ? nil : settings["partition_throughput"]?.double.map { $0 / 8 },
            shardRecordsPerSecond: kinesis ? settings.number("shard_write_records") : nil,
            shardBytesPerSecond: kinesis ? settings.number("shard_write_bandwidth") / 8 : nil,
            shardReadCallsPerSecond: kinesis ? settings.number("shard_read_calls") : nil,
            shardReadBytesPerSecond: kinesis ? settings.number("shard_read_bandwidth") / 8 : nil,
            consumers: consumerPlans, groups: groups)
    }
}
