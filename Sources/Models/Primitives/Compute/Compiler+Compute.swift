import Topology

extension Compiler {
    mutating func compileCompute(_ settings: KindSettings, _ knobs: ComputeKnobs) -> ComputePlan {
        let restart = (try? VariateConversion.variate(knobs.restart, dimension: .duration, files: topology.files)) ?? .constant(0)
        switch knobs.sizing {
        case .units(let field):
            let unit = settings.required(field)
            let scaling = settings["scaling"]
            return ComputePlan(
                units: ComputeSizing.startingUnits(settings), vcpu: settings.number("vcpu", in: unit),
                memory: settings.number("memory", in: unit), concurrency: settings.integer("concurrency", in: unit),
                vcpuSpeed: settings.number("vcpu_speed", in: unit),
                startup: scaling.map { distribution("startup_time", of: settings, in: $0) } ?? restart)
        case .dataProcessingUnits(let vcpu, let memory):
            let dpu = Double(settings.integer("dpu"))
            return ComputePlan(units: 1, vcpu: dpu * vcpu, memory: dpu * memory, concurrency: 1, vcpuSpeed: 1, startup: restart)
        case .jobFields:
            return ComputePlan(
                units: 1, vcpu: settings.number("vcpu"), memory: settings.number("memory"), concurrency: 1, vcpuSpeed: 1,
                startup: restart)
        }
    }
}

enum ComputeSizing {
    /// Units at the start: `scaling.min`, else `count`.
    static func startingUnits(_ settings: KindSettings) -> Int {
        settings["scaling"].map { settings.integer("min", in: $0) } ?? settings.integer("count")
    }

    /// Requests the component serves at once: what its consumers poll with by default.
    static func concurrency(_ component: Component) -> Int {
        let settings = KindSettings(component: component)
        switch component.kind.primitive {
        case .function: return settings.integer("concurrency")
        case .station: return settings.integer("servers")
        case .compute(let knobs):
            guard case .units(let field) = knobs.sizing else { return 1 }
            return max(1, startingUnits(settings) * settings.integer("concurrency", in: settings.required(field)))
        default:
            // Not a consumer kind (validate refuses it); one poller.
            return 1
        }
    }
}
