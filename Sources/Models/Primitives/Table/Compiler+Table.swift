import Topology

extension Compiler {
    mutating func compileTable(_ settings: KindSettings) -> TablePlan {
        let provisioned = settings.text("mode") == "provisioned"
        let item = settings.number("item_size")
        // On-demand tables are throttled past their per-table maximum, a per-second limit
        // (the 300 s burst capacity is a provisioned-mode feature). A provisioned table without
        // `read_capacity`/`write_capacity` gets DynamoDB's console default, 5.
        return TablePlan(
            latency: distribution("latency", of: settings),
            readCapacity: provisioned ? settings["read_capacity"]?.double ?? 5 : settings.number("max_read_request_units"),
            writeCapacity: provisioned ? settings["write_capacity"]?.double ?? 5 : settings.number("max_write_request_units"),
            burstSeconds: provisioned ? 300 : 1,
            readUnitsPerRequest: (item / 4096).rounded(.up), writeUnitsPerRequest: (item / 1024).rounded(.up))
    }
}
