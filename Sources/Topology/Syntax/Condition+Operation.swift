extension Condition {
    /// What the condition says for a request of a known operation when nothing else is known:
    /// true or false when it depends on `op` alone, nil when other attributes decide
    /// (three-valued logic, so `op == a and type == CAR` is false for operation `b`).
    package func truth(forOperation op: String) -> Bool? {
        switch self {
        case .compare(let attribute, let comparison, .text(let value)) where attribute == "op":
            switch comparison {
            case .equal: return op == value
            case .notEqual: return op != value
            default: return nil
            }
        case .isIn(let attribute, let values, let negated) where attribute == "op":
            let texts = values.compactMap { value -> String? in
                if case .text(let text) = value { return text }
                return nil
            }
            guard texts.count == values.count else { return nil }
            return texts.contains(op) != negated
        case .compare, .isIn:
            return nil
        case .not(let inner):
            return inner.truth(forOperation: op).map { !$0 }
        case .and(let left, let right):
            let (a, b) = (left.truth(forOperation: op), right.truth(forOperation: op))
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let left, let right):
            let (a, b) = (left.truth(forOperation: op), right.truth(forOperation: op))
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        }
    }
}
