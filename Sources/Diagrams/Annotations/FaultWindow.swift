import Foundation
import Topology

/// Which of the topology's faults the diagram shows: a zone outage greys its zone, a NAT
/// failure greys that NAT gateway, each with a note of when.
public enum FaultSelection: Sendable, Equatable {
    /// Draw no faults.
    case none
    /// Every zone outage and NAT failure the topology's `faults:` lists.
    case all
    /// Those overlapping a window of simulated time, in seconds (`--fault-window 25min-40min`).
    case window(start: Double, end: Double)

    /// Parses `none`, `all` or `START-END` (durations such as `25min-40min`, `1h-1h30min`).
    public static func parse(_ text: String) -> Result<FaultSelection, ParseError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "none": return .success(.none)
        case "all": return .success(.all)
        default: break
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(ParseError(description: "expected `none`, `all` or a window START-END such as 25min-40min, not `\(text)`"))
        }
        var bounds: [Double] = []
        for part in parts {
            switch UnitParser.parse(String(part).trimmingCharacters(in: .whitespaces), as: .duration) {
            case .success(let quantity): bounds.append(quantity.value)
            case .failure(let error):
                return .failure(ParseError(description: "`\(part)` in the fault window: \(error.message)"))
            }
        }
        guard bounds[0] < bounds[1] else {
            return .failure(ParseError(description: "the fault window must end after it starts (`\(text)`)"))
        }
        return .success(.window(start: bounds[0], end: bounds[1]))
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }
}

/// A fault the diagram draws.
package struct DrawnFault: Sendable, Equatable {
    package enum Target: Sendable, Equatable {
        case zone(String)
        case nat(zone: String)
    }

    package var target: Target
    package var start: Double
    /// nil: until the end of the run.
    package var end: Double?

    /// `failed 25min–40min` or `failed from 25min`.
    package var note: String {
        let from = NumberFormat.duration(start)
        guard let end else { return "failed from \(from)" }
        return "failed \(from)–\(NumberFormat.duration(end))"
    }

    /// The zone outages and NAT failures of a topology that the selection picks.
    package static func select(_ selection: FaultSelection, in topology: Topology) -> [DrawnFault] {
        guard selection != .none else { return [] }
        var faults: [DrawnFault] = []
        for fault in topology.faults {
            guard let start = fault["at"]?.double else { continue }
            let end = fault["for"]?.double.map { start + $0 }
            let target: Target
            switch fault.tag {
            case "zone-outage":
                guard let zone = fault["zone-outage"]?.text else { continue }
                target = .zone(zone)
            case "nat-failure":
                guard let zone = fault["nat-failure"]?.text else { continue }
                target = .nat(zone: zone)
            default: continue
            }
            if case .window(let from, let to) = selection {
                guard start < to, (end ?? .infinity) > from else { continue }
            }
            faults.append(DrawnFault(target: target, start: start, end: end))
        }
        return faults
    }
}
