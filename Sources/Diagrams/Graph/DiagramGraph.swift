/// A drawing described as plain values: the clusters, nodes and edges the layout decided on,
/// with their Graphviz attributes. `DiagramBuilder` makes one from a topology; `Graphviz`
/// turns it into a cgraph graph to lay out and render. Keeping the two apart lets tests look
/// at the decisions without Graphviz, and keeps every C call in one file.
package struct DiagramGraph: Sendable {
    package var name: String
    package var graphAttributes = Attributes()
    package var nodeDefaults = Attributes()
    package var edgeDefaults = Attributes()
    /// The top level: nodes and subgraphs directly in the graph.
    package var root = Subgraph(id: "")
    package var edges: [Edge] = []
    /// Nodes kept on one rank (the same column with `rankdir=LR`) across clusters, such as a
    /// service's copies in each zone; needs `newrank=true`.
    package var rankGroups: [RankGroup] = []

    package init(name: String) {
        self.name = name
    }

    /// Every node, depth first in drawing order.
    package var allNodes: [Node] {
        var nodes: [Node] = []
        func walk(_ subgraph: Subgraph) {
            nodes += subgraph.nodes
            subgraph.subgraphs.forEach(walk)
        }
        walk(root)
        return nodes
    }
}

/// Attributes in the order they were set (so the DOT text is stable), last write wins.
package struct Attributes: Sendable, Equatable {
    package private(set) var entries: [(name: String, value: AttributeValue)] = []

    package init() {}

    package subscript(name: String) -> AttributeValue? {
        get { entries.first { $0.name == name }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    package static func == (lhs: Attributes, rhs: Attributes) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.value == $1.value }
    }
}

/// An attribute's value. Text from a topology only ever reaches Graphviz through `label`
/// (escaped by `Label`), never as markup or DOT syntax.
package enum AttributeValue: Sendable, Equatable, ExpressibleByStringLiteral {
    /// A plain string: cgraph quotes it when writing DOT; the renderers escape it for SVG.
    case text(String)
    /// An HTML-like label, already built by `Label.html` from escaped parts.
    case html(String)

    package init(stringLiteral value: String) {
        self = .text(value)
    }
}

package struct Subgraph: Sendable {
    /// `cluster_…` for a drawn box; any other id for an invisible grouping (rank=same).
    package var id: String
    package var attributes = Attributes()
    package var nodes: [Node] = []
    package var subgraphs: [Subgraph] = []

    package init(id: String, attributes: Attributes = Attributes()) {
        self.id = id
        self.attributes = attributes
    }

    package var isEmpty: Bool {
        nodes.isEmpty && subgraphs.allSatisfy(\.isEmpty)
    }
}

/// Nodes on one rank: `same` (together), `min` (first column), `max` (last column).
package struct RankGroup: Sendable {
    package var rank: String
    package var nodes: [String]

    package init(rank: String, nodes: [String]) {
        self.rank = rank
        self.nodes = nodes
    }
}

package struct Node: Sendable {
    /// Graphviz node name: made by the builder from ASCII letters and digits only, never
    /// the component's own name (that goes in the label).
    package var id: String
    package var attributes = Attributes()
    /// The component drawn, for tests and annotations (nil for clients, NAT, legend…).
    package var component: String?

    package init(id: String, component: String? = nil, attributes: Attributes = Attributes()) {
        self.id = id
        self.component = component
        self.attributes = attributes
    }
}

package struct Edge: Sendable {
    package var tail: String
    package var head: String
    package var attributes = Attributes()

    package init(tail: String, head: String, attributes: Attributes = Attributes()) {
        self.tail = tail
        self.head = head
        self.attributes = attributes
    }
}
