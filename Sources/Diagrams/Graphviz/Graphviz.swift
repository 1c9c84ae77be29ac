import CGraphviz
import Foundation

/// The only place that talks to libgraphviz: builds a cgraph graph from a `DiagramGraph`,
/// lays it out with `dot` and renders it in memory (`gvRenderData`), or writes it as DOT
/// before any layout (`agwrite`). Nothing shells out to the `dot` program.
///
/// Graphviz keeps global state (its error buffer, the string pool of the default discipline,
/// plugin tables), so every use goes through one lock.
package enum Graphviz {
    package struct Failure: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    private static let lock = NSLock()

    /// The graph as DOT text, before layout: no positions, so it is the same on every machine
    /// and Graphviz version that writes DOT alike (the golden files are this).
    package static func source(of graph: DiagramGraph) throws -> String {
        try locked {
            let g = try build(graph)
            defer { agclose(g) }
            return try write(g)
        }
    }

    /// Lays the graph out with `dot` and renders it: `svg`, `png`, `pdf`, or `dot`/`xdot`
    /// (DOT with the positions the layout chose).
    package static func render(_ graph: DiagramGraph, format: String) throws -> Data {
        try locked {
            // gvContext() loads the plugins (layouts, renderers) the installed config lists.
            guard let context = gvContext() else { throw Failure(message: "Graphviz could not start (gvContext)") }
            defer { gvFreeContext(context) }
            let g = try build(graph)
            defer { agclose(g) }
            guard gvLayout(context, g, "dot") == 0 else {
                throw Failure(message: "Graphviz could not lay the diagram out\(errorSuffix())")
            }
            defer { gvFreeLayout(context, g) }
            var bytes: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            guard gvRenderData(context, g, format, &bytes, &length) == 0, let bytes else {
                throw Failure(message: "Graphviz could not render \(format)\(errorSuffix())")
            }
            defer { gvFreeRenderData(bytes) }
            return Data(bytes: bytes, count: Int(length))
        }
    }

    /// What cgraph reads back from DOT text: node names and labels, and the edge count.
    /// Tests use it to check that DOT written from hostile names parses to the same graph.
    package static func reread(_ dot: String) throws -> (nodes: [String: String], edges: Int) {
        try locked {
            guard let g = agmemread(dot) else { throw Failure(message: "cgraph could not read the DOT text\(errorSuffix())") }
            defer { agclose(g) }
            var nodes: [String: String] = [:]
            var node = agfstnode(g)
            while let n = node {
                let name = String(cString: agnameof(UnsafeMutableRawPointer(n)))
                let label = agget(UnsafeMutableRawPointer(n), mutable("label")).map { String(cString: $0) } ?? ""
                nodes[name] = label
                node = agnxtnode(g, n)
            }
            return (nodes, Int(agnedges(g)))
        }
    }

    // MARK: - Building the cgraph graph

    private static func build(_ graph: DiagramGraph) throws -> UnsafeMutablePointer<Agraph_t> {
        guard let g = agopen(mutable(graph.name), archsim_agdirected(), archsim_disc()) else {
            throw Failure(message: "Graphviz could not create a graph")
        }
        for (name, value) in graph.graphAttributes.entries { set(g, name, value, kind: AGRAPH, on: g) }
        for (name, value) in graph.nodeDefaults.entries { declare(g, AGNODE, name, value) }
        for (name, value) in graph.edgeDefaults.entries { declare(g, AGEDGE, name, value) }
        var nodes: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        try add(graph.root, to: g, root: g, nodes: &nodes)
        for (index, group) in graph.rankGroups.enumerated() {
            guard let s = agsubg(g, mutable("rank_\(index + 1)"), 1) else { continue }
            agsafeset(s, mutable("rank"), mutable(group.rank), mutable(""))
            for id in group.nodes {
                if let n = nodes[id] { agsubnode(s, n, 1) }
            }
        }
        for edge in graph.edges {
            guard let tail = nodes[edge.tail], let head = nodes[edge.head] else {
                agclose(g)
                throw Failure(message: "internal error: edge \(edge.tail) → \(edge.head) names a node that was not drawn")
            }
            // A name per edge, so two edges between the same nodes stay two edges.
            guard let e = agedge(g, tail, head, nil, 1) else { continue }
            for (name, value) in edge.attributes.entries { set(e, name, value, kind: AGEDGE, on: g) }
        }
        return g
    }

    private static func add(
        _ subgraph: Subgraph, to parent: UnsafeMutablePointer<Agraph_t>, root: UnsafeMutablePointer<Agraph_t>,
        nodes: inout [String: UnsafeMutablePointer<Agnode_t>]
    ) throws {
        for node in subgraph.nodes {
            guard nodes[node.id] == nil, let n = agnode(parent, mutable(node.id), 1) else {
                throw Failure(message: "internal error: node \(node.id) drawn twice")
            }
            nodes[node.id] = n
            for (name, value) in node.attributes.entries { set(n, name, value, kind: AGNODE, on: root) }
        }
        for child in subgraph.subgraphs where !child.isEmpty {
            guard let s = agsubg(parent, mutable(child.id), 1) else { continue }
            for (name, value) in child.attributes.entries { set(s, name, value, kind: AGRAPH, on: root) }
            try add(child, to: s, root: root, nodes: &nodes)
        }
    }

    /// Sets an attribute on a graph, node or edge. A plain string is copied by cgraph; an
    /// HTML-like label is interned with `agstrdup_html` first so cgraph knows it is markup
    /// (it is ours: `Label` escaped every piece of user text in it).
    private static func set(_ object: UnsafeMutableRawPointer, _ name: String, _ value: AttributeValue, kind: Int32, on g: UnsafeMutablePointer<Agraph_t>) {
        switch value {
        case .text(let text):
            agsafeset(object, mutable(name), mutable(text), mutable(""))
        case .html(let markup):
            let interned = agstrdup_html(g, mutable(markup))
            agsafeset(object, mutable(name), interned, mutable(""))
            agstrfree(g, interned)
        }
    }

    private static func declare(_ g: UnsafeMutablePointer<Agraph_t>, _ kind: Int32, _ name: String, _ value: AttributeValue) {
        guard case .text(let text) = value else { return }
        agattr(g, kind, mutable(name), mutable(text))
    }

    // MARK: - Writing DOT

    private static func write(_ g: UnsafeMutablePointer<Agraph_t>) throws -> String {
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else {
            throw Failure(message: "can't open a memory stream: \(String(cString: strerror(errno)))")
        }
        let status = agwrite(g, UnsafeMutableRawPointer(stream))
        fclose(stream)
        defer { free(buffer) }
        guard status == 0, let buffer else { throw Failure(message: "Graphviz could not write DOT\(errorSuffix())") }
        return String(decoding: UnsafeRawBufferPointer(start: buffer, count: size), as: UTF8.self)
    }

    // MARK: - Errors and the lock

    /// Graphviz's last error message, captured instead of printed.
    nonisolated(unsafe) private static var lastError = ""

    private static func errorSuffix() -> String {
        let message = lastError.trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? "" : ": \(message)"
    }

    private static func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer {
            Interned.releaseAll()
            lock.unlock()
        }
        lastError = ""
        // Errors are kept for the thrown message; warnings (e.g. a font not found) would only
        // clutter the terminal of a command whose output may be the image itself.
        agseterr(AGERR)
        agseterrf { message in
            if let message { Graphviz.lastError += String(cString: message) }
            return 0
        }
        defer { agseterrf(nil) }
        return try body()
    }

    /// cgraph's API takes `char *` for strings it only reads (and copies).
    private static func mutable(_ text: String) -> UnsafeMutablePointer<CChar> {
        Interned.pointer(text)
    }
}

/// C strings handed to cgraph during one call: kept alive until the lock is released.
private enum Interned {
    nonisolated(unsafe) static var strings: [UnsafeMutablePointer<CChar>] = []

    static func pointer(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        strings.append(copy)
        return copy
    }

    static func releaseAll() {
        strings.forEach { free($0) }
        strings.removeAll()
    }
}
