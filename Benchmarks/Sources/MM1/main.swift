import BenchSupport
import Foundation

// Runs M/M/1 (λ = 0.9, μ = 1, FIFO, one server, no warm-up removed) with N customers on
// SimKit and prints one JSON line, like the peers in ../peers/. Timing covers the event loop
// only (the same for the peers).
//
//   MM1 [--customers N] [--queue quaternary|collections|quaternary-generic] [--seed S]
//   MM1 hold --pending N [--operations M] [--queue quaternary|collections|baseline]

let usage = """
    usage: MM1 [--customers N] [--queue quaternary|collections|quaternary-generic] [--seed S]
           MM1 hold --pending N [--operations M] [--queue quaternary|collections|baseline]
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("MM1: \(message)\n\(usage)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let holdMode = arguments.first == "hold"
if holdMode { arguments.removeFirst() }

var options: [String: String] = [:]
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard flag.hasPrefix("--"), !arguments.isEmpty else { fail("bad argument `\(flag)`") }
    options[String(flag.dropFirst(2))] = arguments.removeFirst()
}

@MainActor func integer(_ name: String, default value: Int) -> Int {
    guard let text = options.removeValue(forKey: name) else { return value }
    // Accepts 1000000, 1_000_000 and 1e6.
    let cleaned = text.replacingOccurrences(of: "_", with: "")
    if let number = Int(cleaned) { return number }
    if let number = Double(cleaned), number >= 1, number <= 1e15, number == number.rounded() { return Int(number) }
    fail("--\(name) wants a positive integer, not `\(text)`")
}

func json(_ fields: [(String, Any)]) -> String {
    "{" + fields.map { key, value in
        let rendered: String
        switch value {
        case let text as String: rendered = "\"\(text)\""
        case let number as Double: rendered = number.isFinite ? "\(number)" : "null"
        default: rendered = "\(value)"
        }
        return "\"\(key)\": \(rendered)"
    }.joined(separator: ", ") + "}"
}

if holdMode {
    let pending = integer("pending", default: 1000)
    let operations = integer("operations", default: 2_000_000)
    let warmUp = options["warmup"] == nil ? nil : integer("warmup", default: 0)
    let queue = options.removeValue(forKey: "queue") ?? "quaternary"
    if let unknown = options.keys.first { fail("unknown option --\(unknown)") }
    let measured: (nanoseconds: Double, check: Double)
    if queue == "baseline" {
        measured = measureHoldBaseline(operations: operations)
    } else if let design = QueueDesign(rawValue: queue) {
        measured = measureHold(design, pending: pending, warmUp: warmUp, operations: operations)
    } else {
        fail("unknown queue `\(queue)`")
    }
    print(json([
        ("benchmark", "hold"), ("queue", queue), ("pending", queue == "baseline" ? 0 : pending),
        ("operations", operations), ("ns_per_op", measured.nanoseconds), ("check", measured.check),
    ]))
} else {
    let customers = integer("customers", default: 1_000_000)
    let seed = integer("seed", default: 1)
    let queue = options.removeValue(forKey: "queue") ?? "quaternary"
    if let unknown = options.keys.first { fail("unknown option --\(unknown)") }
    guard let engine = MM1Engine(rawValue: queue) else { fail("unknown queue `\(queue)`") }
    let result = runMM1(customers: customers, engine: engine, seed: UInt64(seed))
    print(json([
        ("tool", "archsim"), ("queue", engine.rawValue), ("customers", result.customers),
        ("events", result.events), ("wall_s", result.wallSeconds),
        ("customers_per_s", result.customersPerSecond), ("events_per_s", result.eventsPerSecond),
        ("mean_wait", result.meanWait), ("erlang_wait", result.erlangWait),
    ]))
}
