import SimKit
import Topology

/// A component's settings as the decoder left them: every field with a catalogue default is
/// present, so a default lives in the catalogue only. Reading a field that should have one and
/// finding nothing is a programming error (the catalogue and this compiler disagree), not a
/// value to make up here.
struct KindSettings {
    let component: Component

    var value: Value { component.settings }

    subscript(key: String) -> Value? { component.settings[key] }

    /// A field the catalogue gives a default.
    func required(_ key: String, in object: Value? = nil) -> Value {
        guard let value = (object ?? component.settings)[key] else {
            preconditionFailure("`\(component.kind.name).\(key)` has no value after decoding: give it a catalogue default")
        }
        return value
    }

    func number(_ key: String, in object: Value? = nil) -> Double {
        guard let number = required(key, in: object).double else { preconditionFailure("`\(component.kind.name).\(key)` is not a number") }
        return number
    }

    func integer(_ key: String, in object: Value? = nil) -> Int {
        guard let number = required(key, in: object).int else { preconditionFailure("`\(component.kind.name).\(key)` is not an integer") }
        return number
    }

    func text(_ key: String, in object: Value? = nil) -> String {
        guard let text = required(key, in: object).text else { preconditionFailure("`\(component.kind.name).\(key)` is not text") }
        return text
    }

    func flag(_ key: String, in object: Value? = nil) -> Bool {
        guard let flag = required(key, in: object).bool else { preconditionFailure("`\(component.kind.name).\(key)` is not a boolean") }
        return flag
    }
}

extension Compiler {
    /// A distribution field the catalogue gives a default. When its conversion fails (an
    /// unreadable samples file) the problem is recorded and `compile` throws, so the
    /// placeholder returned then is never simulated.
    mutating func distribution(_ key: String, of settings: KindSettings, in object: Value? = nil) -> Variate {
        variate(settings.required(key, in: object), .duration) ?? .constant(0)
    }
}
