/// A decoded YAML value that passed its spec's checks, with where it came from.
///
/// The decoder turns YAML nodes into this tree: units are parsed, defaults filled in,
/// unknown keys rejected. Builders then read typed values out of it without re-checking.
package struct Value: Sendable {
    package enum Content: Sendable {
        case null
        case text(String)
        case boolean(Bool)
        case integer(Int)
        case number(Double)
        case quantity(Quantity)
        case distribution(Distribution)
        case choice(String)
        case reference(String, ReferenceKind)
        case condition(Condition)
        case target(TargetExpression)
        case pixelBox(PixelBox)
        case list([Value])
        case object(ObjectValue)
    }

    package var content: Content
    package var location: SourceLocation
    /// True when the value was not written but filled from the spec's default.
    package var isDefault: Bool

    package init(_ content: Content, at location: SourceLocation, isDefault: Bool = false) {
        self.content = content
        self.location = location
        self.isDefault = isDefault
    }
}

/// An object's entries in the order they were written; `tag` names the variant case.
package struct ObjectValue: Sendable {
    package struct Entry: Sendable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: Value
    }

    package var tag: String?
    package var entries: [Entry]

    package init(tag: String? = nil, entries: [Entry] = []) {
        self.tag = tag
        self.entries = entries
    }

    package subscript(key: String) -> Value? {
        entries.first { $0.key == key }?.value
    }

    package func keyLocation(_ key: String) -> SourceLocation? {
        entries.first { $0.key == key }?.keyLocation
    }
}

// MARK: - Typed access for builders

extension Value {
    package subscript(key: String) -> Value? {
        if case .object(let object) = content { return object[key] }
        return nil
    }

    package var object: ObjectValue? {
        if case .object(let object) = content { return object }
        return nil
    }

    package var tag: String? { object?.tag }

    package var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    /// A list's elements; a single value (from `oneOrMany`) is a list of one.
    package var elements: [Value] {
        switch content {
        case .list(let values): values
        case .null: []
        default: [self]
        }
    }

    package var text: String? {
        switch content {
        case .text(let string), .choice(let string): string
        case .reference(let name, _): name
        default: nil
        }
    }

    package var bool: Bool? {
        if case .boolean(let flag) = content { return flag }
        return nil
    }

    package var int: Int? {
        if case .integer(let number) = content { return number }
        return nil
    }

    /// Plain numbers, integers and quantities alike, in base units.
    package var double: Double? {
        switch content {
        case .integer(let number): Double(number)
        case .number(let number): number
        case .quantity(let quantity): quantity.value
        default: nil
        }
    }

    /// The number written back with its unit, e.g. `250ms`.
    package func formatted(_ dimension: Dimension) -> String? {
        guard let number = double else { return nil }
        return UnitParser.format(number, dimension)
    }

    package var quantity: Quantity? {
        if case .quantity(let quantity) = content { return quantity }
        return nil
    }

    package var distribution: Distribution? {
        switch content {
        case .distribution(let distribution): distribution
        case .quantity(let quantity): .constant(quantity.value)
        default: nil
        }
    }

    package var condition: Condition? {
        if case .condition(let condition) = content { return condition }
        return nil
    }

    package var reference: String? {
        if case .reference(let name, _) = content { return name }
        return nil
    }
}
