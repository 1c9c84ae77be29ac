import Topology

/// Colours and shapes: by kind family, so a reader learns one colour per role. The legend
/// shows the families a diagram uses.
package enum Palette {
    package struct Swatch: Sendable, Equatable {
        package var fill: String
        package var border: String
    }

    /// Families that share a role share a swatch (queues, topics and buses are all messaging).
    package enum Group: String, Sendable, CaseIterable {
        case edge = "edge and load balancing"
        case compute
        case messaging = "messaging (queues, topics, buses)"
        case stream = "streams"
        case store = "object and key-value stores"
        case database = "databases"
        case cache = "caches"
        case job = "scheduled jobs"
        case network = "network (NAT, gateways)"

        package init(_ family: KindFamily) {
            switch family {
            case .edge, .balancer: self = .edge
            case .compute: self = .compute
            case .queue, .topic, .bus: self = .messaging
            case .stream: self = .stream
            case .store: self = .store
            case .database: self = .database
            case .cache: self = .cache
            case .job: self = .job
            }
        }

        package var swatch: Swatch {
            switch self {
            case .edge: Swatch(fill: "#EDE7F6", border: "#5E35B1")
            case .compute: Swatch(fill: "#FFF3E0", border: "#E65100")
            case .messaging: Swatch(fill: "#FCE4EC", border: "#C2185B")
            case .stream: Swatch(fill: "#F3E5F5", border: "#8E24AA")
            case .store: Swatch(fill: "#E8F5E9", border: "#2E7D32")
            case .database: Swatch(fill: "#E3F2FD", border: "#1565C0")
            case .cache: Swatch(fill: "#FFEBEE", border: "#C62828")
            case .job: Swatch(fill: "#FFFDE7", border: "#F9A825")
            case .network: Swatch(fill: "#ECEFF1", border: "#546E7A")
            }
        }
    }

    package static func shape(_ family: KindFamily) -> String {
        switch family {
        case .store, .database, .cache: "cylinder"
        case .queue, .topic, .bus, .stream: "cds"
        case .job: "box3d"
        case .edge, .balancer, .compute: "box"
        }
    }

    // MARK: - Utilization (annotated mode)

    /// Upper bounds (exclusive) and fills of the utilization scale, light to hot.
    package static let utilizationScale: [(upTo: Double, fill: String, label: String)] = [
        (0.30, "#D9F0D3", "< 30%"),
        (0.50, "#FFF7BC", "30–50%"),
        (0.70, "#FEE391", "50–70%"),
        (0.85, "#FDAE61", "70–85%"),
        (.infinity, "#F46D43", "≥ 85%"),
    ]

    package static func utilizationFill(_ fraction: Double) -> String {
        utilizationScale.first { fraction < $0.upTo }?.fill ?? utilizationScale.last!.fill
    }

    package static let bottleneck = "#D50000"
    package static let failedZone = "#E0E0E0"
    package static let failedText = "#B71C1C"

    // MARK: - Edges

    package static let syncEdge = "#37474F"
    package static let asyncEdge = "#AD1457"
    package static let deadLetterEdge = "#9E9E9E"
    package static let egressEdge = "#78909C"
}
