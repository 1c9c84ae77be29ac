import Topology

extension Compiler {
    mutating func compileFunction(_ settings: KindSettings) -> FunctionPlan {
        let memory = settings.number("memory")
        return FunctionPlan(
            concurrency: settings.integer("concurrency"), timeout: settings.number("timeout"), memory: memory,
            coldStart: distribution("cold_start", of: settings), idleLifetime: settings.number("idle_lifetime"),
            // Lambda gives one full vCPU at 1769 MB (AWS Lambda: memory and computing power).
            speed: min(1, memory / (1769 * 1_048_576)) * settings.number("vcpu_speed"))
    }
}
