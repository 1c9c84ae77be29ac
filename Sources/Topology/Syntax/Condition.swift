// MARK: - Condition

/// A condition on request attributes, for content-based routing: `when: type == CAR`.
package indirect enum Condition: Sendable, Hashable {
    case compare(attribute: String, op: ComparisonOperator, value: ConditionValue)
    /// `type in [CAR, BIKE]`, or with `negated` `type not in [CAR, BIKE]`.
    case isIn(attribute: String, values: [ConditionValue], negated: Bool)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)

    /// Every attribute name the condition reads, in order of first appearance (for "unknown
    /// attribute" checks).
    package var attributes: [String] {
        var names: [String] = []
        var seen: Set<String> = []
        collectAttributes(into: &names, seen: &seen)
        return names
    }

    private func collectAttributes(into names: inout [String], seen: inout Set<String>) {
        switch self {
        case .compare(let attribute, _, _), .isIn(let attribute, _, _):
            if seen.insert(attribute).inserted { names.append(attribute) }
        case .and(let left, let right), .or(let left, let right):
            left.collectAttributes(into: &names, seen: &seen)
            right.collectAttributes(into: &names, seen: &seen)
        case .not(let inner):
            inner.collectAttributes(into: &names, seen: &seen)
        }
    }
}

// MARK: - Operators and values

package enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

package enum ConditionValue: Sendable, Hashable {
    /// `CAR`, `"CAR"` or `'CAR'`.
    case text(String)
    /// `5`.
    case number(Double)
    /// `10MP`, `2MB`, `250ms`: any dimension `UnitParser` recognises.
    case quantity(Quantity)
}

// MARK: - Attributes

/// The attribute values of one request, to evaluate conditions against.
package struct ConditionAttributes: Sendable, Hashable {
    package var values: [String: ConditionValue]

    package init(_ values: [String: ConditionValue] = [:]) {
        self.values = values
    }

    package subscript(_ name: String) -> ConditionValue? {
        get { values[name] }
        set { values[name] = newValue }
    }
}

// MARK: - Evaluation

extension Condition {
    /// Whether a request with these attributes matches.
    ///
    /// A missing attribute equals nothing: `==`, `in` and orderings are false, `!=` and `not in`
    /// true. Values compare only within a kind — text with text, numbers with numbers and
    /// dimensionless quantities, quantities with quantities of the same dimension — so `5` never
    /// silently equals `5ms`.
    package func evaluate(_ attributes: ConditionAttributes) -> Bool {
        switch self {
        case .compare(let attribute, let op, let value):
            guard let actual = attributes[attribute] else { return op == .notEqual }
            guard let order = actual.order(comparedTo: value) else { return op == .notEqual }
            switch op {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            }
        case .isIn(let attribute, let values, let negated):
            let found = attributes[attribute].map { actual in values.contains { actual.order(comparedTo: $0) == 0 } } ?? false
            return found != negated
        case .and(let left, let right):
            return left.evaluate(attributes) && right.evaluate(attributes)
        case .or(let left, let right):
            return left.evaluate(attributes) || right.evaluate(attributes)
        case .not(let inner):
            return !inner.evaluate(attributes)
        }
    }
}

extension ConditionValue {
    /// -1, 0 or 1, or nil when the two cannot be compared.
    func order(comparedTo other: ConditionValue) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a == b ? 0 : 1 }
        switch (self, other) {
        case (.text(let a), .text(let b)): return sign(a, b)
        case (.number(let a), .number(let b)): return sign(a, b)
        case (.quantity(let a), .quantity(let b)) where a.dimension == b.dimension: return sign(a.value, b.value)
        case (.number(let a), .quantity(let b)) where b.dimension == .count: return sign(a, b.value)
        case (.quantity(let a), .number(let b)) where a.dimension == .count: return sign(a.value, b)
        default: return nil
        }
    }
}
