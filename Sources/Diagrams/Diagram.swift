import Foundation
import Topology

/// Architecture diagrams of a topology, optionally annotated with what a run measured.
///
///     let svg = try Diagram.render(topology, format: .svg)
///
/// The graph is built in memory through libcgraph, laid out with Graphviz's `dot` engine and
/// rendered by libgvc: no `dot` process is started.
public enum Diagram {
    public enum Format: String, Sendable, CaseIterable {
        case svg, png, pdf, dot

        /// `dot` is the graph as built, before layout (re-lay it out with any Graphviz tool);
        /// the others are laid out and rendered.
        public var isText: Bool { self == .svg || self == .dot }
    }

    public struct Options: Sendable {
        /// Figures from a report.json: utilization fills, the bottleneck, rates on arrows.
        public var annotations: RunAnnotations?
        /// Which faults to grey out; nil: the topology's zone outages when annotated, none otherwise.
        public var faults: FaultSelection?

        public init(annotations: RunAnnotations? = nil, faults: FaultSelection? = nil) {
            self.annotations = annotations
            self.faults = faults
        }
    }

    public struct RenderError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Graphviz's `dot` layout grows much faster than the drawing (a random call graph of 150
    /// services with 3 calls each took 1.3 s, of 300 services 9.9 s, of 1,000 it did not finish
    /// in 2 minutes), and no one reads a drawing of hundreds of boxes: larger topologies are
    /// refused by `tooLarge` before anything is laid out.
    package static let maximumComponents = 300
    package static let maximumArrows = 1_000

    /// Why `topology` can't be drawn, pointing at its `components:`; nil when it can.
    package static func tooLarge(_ topology: Topology) -> Diagnostic? {
        let location = topology.root.object?.keyLocation("components") ?? SourceLocation(file: topology.file, line: 1, column: 1)
        let advice = "Graphviz's layout would take minutes or hours: draw a part of the system in a topology of its own"
        if topology.components.count > maximumComponents {
            return .error(
                "the topology has \(topology.components.count) components; diagrams are drawn for at most \(maximumComponents) (\(advice))",
                at: location)
        }
        let arrows = FlowTrace(topology).links.count
        if arrows > maximumArrows {
            return .error(
                "the topology has \(arrows) links between components; diagrams are drawn with at most \(maximumArrows) arrows (\(advice))",
                at: location)
        }
        return nil
    }

    /// The diagram in `format`.
    public static func render(_ topology: Topology, format: Format, options: Options = Options()) throws -> Data {
        if let problem = tooLarge(topology) { throw RenderError(description: "\(problem.location): \(problem.message)") }
        let graph = graph(of: topology, options: options)
        do {
            if format == .dot { return Data(try Graphviz.source(of: graph).utf8) }
            return try Graphviz.render(graph, format: format.rawValue)
        } catch let failure as Graphviz.Failure {
            throw RenderError(description: failure.message)
        }
    }

    /// The drawing's decisions as values (clusters, nodes, arrows), before Graphviz.
    package static func graph(of topology: Topology, options: Options = Options()) -> DiagramGraph {
        let selection = options.faults ?? (options.annotations == nil ? FaultSelection.none : .all)
        let faults = DrawnFault.select(selection, in: topology)
        return DiagramBuilder.build(topology, annotations: options.annotations, faults: faults)
    }
}
