import Foundation

/// What a run measured, read from its report.json (docs/report.md): the figures a diagram
/// shows on top of the architecture. Components or workloads missing from the report (or
/// measured as `null`) simply get no annotation.
public struct RunAnnotations: Sendable, Equatable {
    package struct WorkloadFigures: Sendable, Equatable {
        package var throughputRPS: Double?
        package var p99Milliseconds: Double?
    }

    /// `components.<name>.utilization.mean`, a fraction of servers busy.
    package var utilization: [String: Double] = [:]
    package var workloads: [String: WorkloadFigures] = [:]
    /// `archsim.topology`, to warn when the report is of another topology.
    package var topology: String?

    package init(utilization: [String: Double] = [:], workloads: [String: WorkloadFigures] = [:], topology: String? = nil) {
        self.utilization = utilization
        self.workloads = workloads
        self.topology = topology
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a report.json file.
    public static func read(path: String) throws -> RunAnnotations {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ReadError(description: "\(path): \(exists ? "can't read the file" : "no such file")")
        }
        do {
            return try parse(data)
        } catch let error as ReadError {
            throw ReadError(description: "\(path): \(error.description)")
        }
    }

    /// Parses the bytes of a report.json.
    public static func parse(_ data: Data) throws -> RunAnnotations {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReadError(description: "not a JSON document (is it the report.json that `archsim run --out DIR` writes?)")
        }
        guard let report = object as? [String: Any] else {
            throw ReadError(description: "expected a JSON object at the top (the report.json that `archsim run --out DIR` writes)")
        }
        guard report["components"] != nil || report["workloads"] != nil else {
            throw ReadError(description: "no `components` or `workloads`: not an archsim report.json")
        }
        var annotations = RunAnnotations()
        annotations.topology = (report["archsim"] as? [String: Any])?["topology"] as? String
        for (name, value) in report["components"] as? [String: Any] ?? [:] {
            let component = value as? [String: Any]
            if let mean = statistic(component?["utilization"]) {
                annotations.utilization[name] = mean
            }
        }
        for (name, value) in report["workloads"] as? [String: Any] ?? [:] {
            let workload = value as? [String: Any]
            let latency = workload?["latency_ms"] as? [String: Any]
            annotations.workloads[name] = WorkloadFigures(
                throughputRPS: statistic(workload?["throughput_rps"]),
                p99Milliseconds: statistic(latency?["p99"]))
        }
        return annotations
    }

    /// `{"mean": x, "ci95": [lo, hi]}` → x; a bare number is accepted too; `null` → nil.
    private static func statistic(_ value: Any?) -> Double? {
        let number = (value as? [String: Any])?["mean"] ?? value
        guard let number = number as? NSNumber else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }

    /// The component with the highest utilization among those drawn: the bottleneck.
    package func bottleneck(among components: [String]) -> String? {
        var best: (String, Double)?
        for name in components {
            guard let value = utilization[name], value > 0 else { continue }
            if best == nil || value > best!.1 { best = (name, value) }
        }
        return best?.0
    }
}
