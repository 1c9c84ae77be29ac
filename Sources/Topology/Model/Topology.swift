/// A checked topology: what the simulator compiles and the diagram draws.
///
/// Sections that every later stage reads (components, handlers, workloads) are typed; the
/// kind-specific settings of a component stay in its checked `Value` with defaults filled
/// in, read by name (`component.settings["visibility_timeout"]`), so adding a field to the
/// catalogue needs no new type.
public struct Topology: Sendable {
    package var file: String
    package var name: String
    package var region: String
    package var root: Value
    package var components: [Component] {
        didSet {
            componentIndex = Self.index(components)
            requestGraph = RequestGraphBuilder.build(components, index: componentIndex)
        }
    }
    package var workloads: [Workload]
    package var kernelNames: [String]
    package var zones: [String]
    package var subnets: [Subnet]
    /// Components whose kind could not be read: their names exist (so references to them
    /// are not reported again) but nothing else is known.
    package var unreadableComponents: Set<String> = []
    /// Where each name is first declared in `components`, so a lookup is not a scan: checks
    /// and the diagram look names up once per hop, which made validating a 12,000-deep call
    /// chain quadratic.
    private var componentIndex: [String: Int] = [:]
    /// Who calls, publishes to, consumes from, delivers or routes to whom: read from the
    /// components once, here, for the checks, the diagram and the compiler.
    package private(set) var requestGraph = RequestGraph()
    /// How the files it names (traces, empirical samples) are found and read: set by the
    /// loader from the topology's folder and `LoadOptions.fileAccess`, used by validate and
    /// the compiler alike.
    package var files = DataFiles(directory: ".")

    init(
        file: String, name: String, region: String, root: Value, components: [Component], workloads: [Workload],
        kernelNames: [String], zones: [String], subnets: [Subnet]
    ) {
        self.file = file
        self.name = name
        self.region = region
        self.root = root
        self.components = components
        self.workloads = workloads
        self.kernelNames = kernelNames
        self.zones = zones
        self.subnets = subnets
        self.componentIndex = Self.index(components)
        self.requestGraph = RequestGraphBuilder.build(components, index: componentIndex)
    }

    package var simulation: Value { root["simulation"]! }
    package var network: Value? { root["network"] }
    package var faults: [Value] { root["faults"]?.elements ?? [] }
    package var targets: [Value] { root["targets"]?.elements ?? [] }
    package var kernels: [ObjectValue.Entry] { root["kernels"]?.object?.entries ?? [] }

    package func component(_ name: String) -> Component? {
        componentIndex[name].map { components[$0] }
    }

    /// The position in `components` of the first component named `name`.
    package func index(ofComponent name: String) -> Int? {
        componentIndex[name]
    }

    private static func index(_ components: [Component]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(components.count)
        for (position, component) in components.enumerated() where index[component.name] == nil {
            index[component.name] = position
        }
        return index
    }
}

package struct Subnet: Sendable {
    package var name: String
    package var location: SourceLocation
    package var isPublic: Bool
    /// False when `type` was missing or wrong (already reported): checks leave it alone.
    package var isTypeKnown: Bool
    package var egress: String
    package var zones: [String]
}

package struct Component: Sendable {
    package var name: String
    package var location: SourceLocation
    package var kind: KindSpec
    package var settings: Value
    package var subnet: String?
    package var handlers: [Handler]

    package subscript(field: String) -> Value? { settings[field] }
}

package struct Handler: Sendable {
    package var name: String
    package var location: SourceLocation
    package var steps: [Step]
}

package struct Step: Sendable {
    package enum Action: Sendable {
        case work(Value)
        case call(Call)
        case publish(target: String, op: String?)
        case fanout([Call])
    }

    package var action: Action
    package var location: SourceLocation
    package var value: Value
}

package struct Call: Sendable {
    package var target: String
    package var op: String?
    package var location: SourceLocation
}

package struct Workload: Sendable {
    package var name: String
    package var location: SourceLocation
    package var entry: String
    package var op: String
    package var value: Value
    /// The request attributes this workload sets, with their probabilities.
    package var mix: [MixAttribute]
}

/// One request attribute of a workload's `mix`: its values and their probabilities.
package struct MixAttribute: Sendable {
    package struct Share: Sendable {
        package var value: String
        package var probability: Double
    }

    package var attribute: String
    package var shares: [Share]
    package var location: SourceLocation
}
