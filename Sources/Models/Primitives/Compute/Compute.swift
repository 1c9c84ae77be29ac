import SimKit

package struct ComputePlan: Sendable {
    /// Units (tasks, pods, instances) at the start: `count`, or `scaling.min`.
    package var units: Int
    package var vcpu: Double
    package var memory: Double
    package var concurrency: Int
    package var vcpuSpeed: Double
    /// Time for a unit killed (out of memory) to come back.
    var startup: Variate
}

/// A compute service of one replication: its units are `units[firstUnit ..< firstUnit + unitCount]`.
struct ComputeState {
    var firstUnit: Int32
    var unitCount: Int32
    var roundRobin: Int32 = 0
    var startup: Variate
    var noHealthyTarget = 0
    var outOfMemory = 0
    var kills = 0

    mutating func resetStatistics() {
        noHealthyTarget = 0
        outOfMemory = 0
        kills = 0
    }
}

/// One task, pod or instance: concurrency slots, vCPUs, memory, zone.
struct UnitState {
    var component: Int32
    var zone: Int32
    var slotStation: Int32
    var cpuStation: Int32
    /// Speed of one CPU server: fractional vCPUs run work slower.
    var cpuSpeed: Double
    var memoryLimit: Double
    var memoryUsed: Double = 0
    var up = true
    var downSince = -Double.infinity
    var running = TimeWeighted(value: 1, at: 0)

    mutating func resetStatistics(at time: Double) {
        running.reset(at: time)
    }
}

extension NetworkModel {
    /// Units dealt to the component's zones in turn, each a slot station and a vCPU station.
    mutating func buildCompute(_ compute: ComputePlan, _ plan: NetworkPlan.Station, component index: Int) -> Int32 {
        let state = ComputeState(firstUnit: Int32(units.count), unitCount: Int32(compute.units), startup: compute.startup)
        // Whole vCPUs serve in parallel; a fraction of one is one slower server.
        let cpuServers = max(1, Int(compute.vcpu.rounded(.down)))
        let cpuSpeed = compute.vcpu / Double(cpuServers) * compute.vcpuSpeed
        for unit in 0..<compute.units {
            let zone = plan.zones.isEmpty ? -1 : Int32(plan.zones[unit % plan.zones.count])
            let slots = addStation(Station(servers: compute.concurrency), component: index)
            let cpu = addStation(Station(servers: cpuServers), component: index)
            units.append(UnitState(
                component: Int32(index), zone: zone, slotStation: slots, cpuStation: cpu, cpuSpeed: cpuSpeed,
                memoryLimit: compute.memory))
        }
        computes.append(state)
        return Int32(computes.count - 1)
    }

    func unitRange(_ slot: Int) -> Range<Int> {
        Int(computes[slot].firstUnit)..<Int(computes[slot].firstUnit + computes[slot].unitCount)
    }

    /// Utilization is of the vCPUs; waits and queues are for the concurrency slots.
    func computeMetrics(_ slot: Int, until end: Double, measured: Double, into result: inout ReplicationResult.Station) {
        let units = self.units[unitRange(slot)]
        let slots = StationPool(units.map { stations[Int($0.slotStation)] }, until: end)
        let cpus = StationPool(units.map { stations[Int($0.cpuStation)] }, until: end)
        result.utilization = cpus.utilization
        result.slotUtilization = slots.utilization
        result.waitMean = slots.wait
        result.queueLengthMean = slots.queue
        result.inSystemMean = slots.inSystem
        result.throughput = Double(slots.started) / measured
        result.abandoned = slots.abandoned
        result.runningUnits = units.reduce(0) { $0 + $1.running.mean(until: end) }
        result.measures.append(("cpu_wait_ms", cpus.wait * 1000))
        let state = computes[slot]
        result.counts += [("no_healthy_target", state.noHealthyTarget), ("out_of_memory", state.outOfMemory), ("tasks_killed", state.kills)]
    }

    func computeGauges(_ slot: Int, at time: Double, into gauges: inout ComponentGauges) {
        let units = self.units[unitRange(slot)]
        gauges.add(busy: units.map { stations[Int($0.cpuStation)] }, waits: units.map { stations[Int($0.slotStation)] }, at: time)
        gauges.runningArea = units.reduce(0) { $0 + $1.running.area(until: time) }
        gauges.refused += Double(computes[slot].noHealthyTarget)
    }

    func computeServers(_ slot: Int) -> Int {
        units[unitRange(slot)].reduce(0) { $0 + stations[Int($1.cpuStation)].servers }
    }
}
