import Yams

/// Checks a YAML node tree against a `ValueType` spec and builds the `Value` tree.
///
/// It never stops at the first problem: a bad field is reported and skipped, its siblings are
/// still checked. A node budget bounds the work, so alias bombs ("billion laughs") end with an
/// error instead of a hang.
package struct SpecDecoder {
    package let file: String
    package private(set) var diagnostics = Diagnostics()
    /// Nodes left to visit. Aliases are expanded by the composer, so a small file can name an
    /// astronomically large tree; real topologies have a few thousand nodes.
    private var budget: Int
    private var budgetExhausted = false
    /// Decoded defaults by `object.field` (nil inside: the default didn't decode).
    private var defaults: [String: Value?] = [:]

    package init(file: String, nodeBudget: Int = 200_000) {
        self.file = file
        self.budget = nodeBudget
    }

    package func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }

    package func location(of mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    // MARK: - Entry

    /// Decodes `node` as `type`; nil when the node was wrong (the problem is in `diagnostics`).
    package mutating func decode(_ node: Node, as type: ValueType, field: String) -> Value? {
        budget -= 1
        if budget < 0 {
            if !budgetExhausted {
                budgetExhausted = true
                diagnostics.error(
                    "the document is too large to check (over \(200_000) YAML nodes once aliases are expanded)",
                    at: location(of: node))
            }
            return nil
        }
        let here = location(of: node)
        switch type {
        case .object(let spec):
            return decodeObject(node, spec, field: field)
        case .map(let keyRule, let valueType):
            return decodeMap(node, keyRule, valueType, field: field)
        case .variant(let spec):
            return decodeVariant(node, spec, field: field)
        case .list(let element, let minCount):
            guard case .sequence(let sequence) = node else {
                return mismatch(node, expected: type, field: field)
            }
            var values: [Value] = []
            for (index, item) in sequence.enumerated() {
                if let value = decode(item, as: element, field: "\(field)[\(index)]") { values.append(value) }
            }
            if sequence.count < minCount {
                diagnostics.error(
                    "`\(field)` needs at least \(minCount) \(minCount == 1 ? "entry" : "entries")", at: here)
            }
            return Value(.list(values), at: here)
        case .oneOrMany(let element):
            if case .sequence = node {
                return decode(node, as: .list(element, minCount: 1), field: field)
            }
            return decode(node, as: element, field: field).map { Value(.list([$0]), at: here) }
        case .oneOf(let alternatives):
            return decodeOneOf(node, alternatives, field: field)
        case .distribution(let dimension, let bounds) where node.mapping != nil:
            return decodeDistributionMapping(node, dimension, bounds, field: field)
        default:
            guard case .scalar(let scalar) = node else {
                return mismatch(node, expected: type, field: field)
            }
            return decodeScalar(scalar, as: type, field: field, at: here)
        }
    }

    // MARK: - Mappings

    private mutating func decodeObject(_ node: Node, _ spec: ObjectSpec, field: String) -> Value? {
        let here = location(of: node)
        var object = ObjectValue()
        switch node {
        case .mapping(let mapping):
            for (keyNode, valueNode) in mapping {
                guard let key = plainKey(keyNode) else { continue }
                let keyLocation = location(of: keyNode)
                if let reason = spec.forbidden[key] {
                    diagnostics.error(reason, at: keyLocation)
                    continue
                }
                guard let fieldSpec = spec.field(key) else {
                    reportUnknownKey(key, at: keyLocation, known: spec.fields.map(\.name), in: field)
                    continue
                }
                if let value = decode(valueNode, as: fieldSpec.type, field: key) {
                    object.entries.append(.init(key: key, keyLocation: keyLocation, value: value))
                }
            }
        case .scalar(let scalar) where spec.allowsNull && isNull(scalar):
            break
        default:
            return mismatch(node, expected: .object(spec), field: field)
        }
        for fieldSpec in spec.fields where object[fieldSpec.name] == nil {
            if fieldSpec.isRequired {
                // A key that was present but failed to decode was reported already.
                if case .mapping(let mapping) = node, mapping.keys.contains(where: { $0.string == fieldSpec.name }) {
                    continue
                }
                diagnostics.error("`\(field)` is missing required field `\(fieldSpec.name)` (\(fieldSpec.type.summaryForMessages))", at: here)
            } else if let text = fieldSpec.defaultValue,
                let value = decodeDefault(text, as: fieldSpec.type, key: "\(spec.name).\(fieldSpec.name)", at: here)
            {
                object.entries.append(.init(key: fieldSpec.name, keyLocation: here, value: value))
            }
        }
        return Value(.object(object), at: here)
    }

    private mutating func decodeMap(_ node: Node, _ keyRule: KeyRule, _ valueType: ValueType, field: String) -> Value? {
        let here = location(of: node)
        if case .scalar(let scalar) = node, isNull(scalar) {
            return Value(.object(ObjectValue()), at: here)
        }
        guard case .mapping(let mapping) = node else {
            return mismatch(node, expected: .map(key: keyRule, value: valueType), field: field)
        }
        var object = ObjectValue()
        for (keyNode, valueNode) in mapping {
            guard let key = plainKey(keyNode) else { continue }
            let keyLocation = location(of: keyNode)
            if let problem = NameRules.problem(with: key) {
                diagnostics.error("\(keyRule.what) name \(problem)", at: keyLocation)
                continue
            }
            if let value = decode(valueNode, as: valueType, field: key) {
                object.entries.append(.init(key: key, keyLocation: keyLocation, value: value))
            }
        }
        return Value(.object(object), at: here)
    }

    private mutating func decodeVariant(_ node: Node, _ spec: VariantSpec, field: String) -> Value? {
        let here = location(of: node)
        switch spec.discriminator {
        case .field(let tagField):
            guard case .mapping(let mapping) = node else {
                return mismatch(node, expected: .variant(spec), field: field)
            }
            if let merge = mapping.keys.first(where: { $0.scalar?.string == "<<" }) {
                diagnostics.error("YAML merge keys (`<<`) are not supported: write the fields out", at: location(of: merge))
                return nil
            }
            guard let tagNode = mapping[tagField] else {
                diagnostics.error(
                    "`\(field)` has no `\(tagField)`: say which one it is (\(Self.list(spec.tags, limit: 8)))", at: here)
                return nil
            }
            guard case .scalar(let tagScalar) = tagNode, let caseSpec = spec.caseSpec(tagScalar.string) else {
                let written = tagNode.scalar?.string ?? "a \(shapeName(tagNode))"
                var message = "unknown \(tagField) `\(written)`"
                if let suggestion = Suggestions.closest(to: written, in: spec.tags) {
                    message += " (did you mean `\(suggestion)`?)"
                } else {
                    message += ": expected one of \(Self.list(spec.tags, limit: 40))"
                }
                diagnostics.error(message, at: location(of: tagNode))
                return nil
            }
            guard var value = decodeObject(node, caseSpec, field: field) else { return nil }
            value.setTag(caseSpec.name)
            return value
        case .presentKey:
            if case .scalar(let scalar) = node, let caseSpec = spec.caseSpec(scalar.string), caseSpec.allowsNull
                || caseSpec.field(caseSpec.name).map({ fieldAllowsNull($0.type) }) == true
            {
                // `- grayscale` is short for `- grayscale: {}`.
                let inner = Value(.object(ObjectValue()), at: here)
                let entry = ObjectValue.Entry(key: caseSpec.name, keyLocation: here, value: inner)
                return Value(.object(ObjectValue(tag: caseSpec.name, entries: [entry])), at: here)
            }
            guard case .mapping(let mapping) = node else {
                return mismatch(node, expected: .variant(spec), field: field)
            }
            let keys = mapping.keys.compactMap { $0.scalar?.string }
            let present = keys.filter { spec.caseSpec($0) != nil }
            if present.isEmpty {
                var message = "\(field) must have one of \(Self.list(spec.tags, limit: 12))"
                for key in keys {
                    if let suggestion = Suggestions.closest(to: key, in: spec.tags) {
                        message += " (did you mean `\(suggestion)` instead of `\(key)`?)"
                        break
                    }
                }
                diagnostics.error(message, at: here)
                return nil
            }
            if present.count > 1 {
                let second = mapping.keys.first { $0.scalar?.string == present[1] }
                diagnostics.error(
                    "\(field) can be only one of \(Self.list(spec.tags, limit: 12)); found `\(present[0])` and `\(present[1])`: split it in two",
                    at: second.map { location(of: $0) } ?? here)
                return nil
            }
            let caseSpec = spec.caseSpec(present[0])!
            guard var value = decodeObject(node, caseSpec, field: present[0]) else { return nil }
            value.setTag(caseSpec.name)
            return value
        }
    }

    private func fieldAllowsNull(_ type: ValueType) -> Bool {
        if case .object(let spec) = type { return spec.allowsNull }
        return false
    }

    private mutating func decodeOneOf(_ node: Node, _ alternatives: [ValueType], field: String) -> Value? {
        var candidates = alternatives.filter { $0.accepts(node) }
        // `work: { exponential: 5ms }` beside `work: { kernel: resize }`: a mapping is a
        // distribution when its one key names one (or nearly: a misspelt name gets the
        // distribution's message, not "unknown field").
        if case .mapping(let mapping) = node, candidates.count > 1,
            candidates.contains(where: { if case .distribution = $0 { true } else { false } })
        {
            let key = mapping.count == 1 ? mapping.first?.key.string : nil
            let names = DistributionSpec.all.map(\.name)
            let isDistribution = key.map { names.contains($0) || Suggestions.closest(to: $0, in: names) != nil } ?? false
            candidates = candidates.filter {
                if case .distribution = $0 { return isDistribution }
                return !isDistribution
            }
        }
        guard !candidates.isEmpty else {
            return mismatch(node, expected: .oneOf(alternatives), field: field)
        }
        if candidates.count == 1 {
            return decode(node, as: candidates[0], field: field)
        }
        // A box like `320x320` where a box is accepted is that box, not its area in megapixels
        // (which a megapixel quantity also reads it as).
        if candidates.contains(where: { if case .pixelBox = $0 { true } else { false } }),
            let text = node.scalar?.string, case .success = PixelBoxParser.parse(text)
        {
            return decode(node, as: .pixelBox, field: field)
        }
        // A value whose unit says which alternative it is gets that alternative's own error
        // (`150%` for "a percentage or a number" is a percentage over 100%, not "not a number").
        if let text = node.scalar?.string, let written = UnitParser.dimension(of: text),
            let matching = candidates.first(where: { $0.dimension == written })
        {
            return decode(node, as: matching, field: field)
        }
        // A word close to one of the choices is a misspelt choice.
        if let text = node.scalar?.string {
            for candidate in candidates {
                if case .choice(let options) = candidate, Suggestions.closest(to: text, in: options) != nil {
                    return decode(node, as: candidate, field: field)
                }
            }
        }
        // Several scalar alternatives: take the first that decodes cleanly.
        var lastTrial: SpecDecoder?
        for candidate in candidates {
            var trial = self
            trial.diagnostics = Diagnostics()
            let value = trial.decode(node, as: candidate, field: field)
            if let value, !trial.diagnostics.hasErrors {
                let kept = diagnostics
                self = trial
                diagnostics = kept
                diagnostics.append(contentsOf: trial.diagnostics)
                return value
            }
            lastTrial = trial
        }
        // Report the last alternative's reason: alternatives are listed most specific first,
        // so the last is the general form the user most likely meant.
        let written = node.scalar?.string ?? ""
        let expected = alternatives.map(\.summaryForMessages).joined(separator: " or ")
        // Quote the last alternative's reason only when the value looked like it (a number).
        let looksNumeric = written.first.map { $0.isNumber || $0 == "-" || $0 == "." } ?? false
        let reason = looksNumeric ? lastTrial?.diagnostics.all.first?.message : nil
        diagnostics.error(
            "`\(field)` expects \(expected); `\(written)` is neither" + (reason.map { " (\($0))" } ?? ""),
            at: location(of: node))
        return nil
    }

    // MARK: - Scalars

    private mutating func decodeScalar(_ scalar: Node.Scalar, as type: ValueType, field: String, at here: SourceLocation)
        -> Value?
    {
        let text = scalar.string
        // Offsets inside a quoted scalar start after the quote.
        let contentStart = (scalar.style == .singleQuoted || scalar.style == .doubleQuoted) ? here.advanced(by: 1) : here
        if isNull(scalar), !(scalar.style == .singleQuoted || scalar.style == .doubleQuoted) {
            diagnostics.error("`\(field)` has no value: expected \(type.summaryForMessages)", at: here)
            return nil
        }
        func fail(_ error: SyntaxError) -> Value? {
            diagnostics.error(error.message, at: contentStart.advanced(by: error.offset))
            return nil
        }
        switch type {
        case .text:
            return Value(.text(text), at: here)
        case .identifier:
            if let problem = NameRules.problem(with: text) {
                diagnostics.error("`\(field)`: a name \(problem)", at: here)
                return nil
            }
            return Value(.text(text), at: here)
        case .reference(let kind):
            if let problem = NameRules.problem(with: text) {
                diagnostics.error("`\(field)`: a name \(problem)", at: here)
                return nil
            }
            return Value(.reference(text, kind), at: here)
        case .boolean:
            switch text {
            case "true": return Value(.boolean(true), at: here)
            case "false": return Value(.boolean(false), at: here)
            default:
                let hint = ["yes", "on", "True", "TRUE"].contains(text) ? " (write `true`)"
                    : ["no", "off", "False", "FALSE"].contains(text) ? " (write `false`)" : ""
                diagnostics.error("`\(field)` expects `true` or `false`, found `\(text)`\(hint)", at: here)
                return nil
            }
        case .integer(let bounds):
            switch NumberText.integer(text) {
            case .success(let number):
                guard check(Double(number), bounds, text: text, field: field, dimension: nil, at: here) else { return nil }
                return Value(.integer(number), at: here)
            case .failure(let error):
                return fail(SyntaxError("`\(field)` expects a whole number: \(error.message)", at: error.offset))
            }
        case .number(let bounds):
            switch NumberText.double(text) {
            case .success(let number):
                guard check(number, bounds, text: text, field: field, dimension: nil, at: here) else { return nil }
                return Value(.number(number), at: here)
            case .failure(let error):
                return fail(SyntaxError("`\(field)` expects a number: \(error.message)", at: error.offset))
            }
        case .quantity(let dimension, let bounds):
            switch UnitParser.parse(text, as: dimension) {
            case .success(let quantity):
                guard check(quantity.value, bounds, text: text, field: field, dimension: dimension, at: here) else {
                    return nil
                }
                return Value(.quantity(quantity), at: here)
            case .failure(let error):
                return fail(error)
            }
        case .distribution(let dimension, let bounds):
            return distribution(text, dimension, bounds, field: field, at: here, plain: scalar.style == .plain) {
                contentStart.advanced(by: $0)
            }
        case .choice(let options):
            guard options.contains(text) else {
                var message = "`\(field)` can't be `\(text)`: expected \(Self.list(options, limit: 12))"
                if let suggestion = Suggestions.closest(to: text, in: options) {
                    message += " (did you mean `\(suggestion)`?)"
                }
                diagnostics.error(message, at: here)
                return nil
            }
            return Value(.choice(text), at: here)
        case .condition:
            switch ConditionParser.parse(text) {
            case .success(let condition): return Value(.condition(condition), at: here)
            case .failure(let error): return fail(error)
            }
        case .target:
            switch TargetParser.parse(text) {
            case .success(let target): return Value(.target(target), at: here)
            case .failure(let error): return fail(error)
            }
        case .pixelBox:
            switch PixelBoxParser.parse(text) {
            case .success(let box): return Value(.pixelBox(box), at: here)
            case .failure(let error): return fail(error)
            }
        case .object, .map, .variant, .list, .oneOrMany, .oneOf:
            return mismatch(.scalar(scalar), expected: type, field: field)
        }
    }

    // MARK: - Distributions

    /// `{ lognormal: { median: 12ms, p99: 60ms } }`: see `DistributionMapping`.
    private mutating func decodeDistributionMapping(_ node: Node, _ dimension: Dimension, _ bounds: Bounds, field: String)
        -> Value?
    {
        let here = location(of: node)
        let mapping: DistributionMapping
        do {
            mapping = try DistributionMapping(node) { self.location(of: $0) }
        } catch {
            diagnostics.error(error.message, at: error.location)
            return nil
        }
        let shown = CallSyntax.mappingForm(of: mapping.text) ?? mapping.text
        return distribution(mapping.text, dimension, bounds, field: field, at: here, shown: shown) { mapping.location(ofOffset: $0) }
    }

    /// Parses call text (written, or built from a mapping) and bounds its mean; `locate` turns a
    /// parser offset into a file location.
    private mutating func distribution(
        _ text: String, _ dimension: Dimension, _ bounds: Bounds, field: String, at here: SourceLocation,
        shown: String? = nil, plain: Bool = false, locate: (Int) -> SourceLocation
    ) -> Value? {
        let shown = shown ?? text
        switch DistributionParser.parse(text, as: dimension) {
        case .success(let distribution):
            // A distribution's mean is what capacity depends on; bound that.
            if let mean = distribution.mean,
                !check(mean, Bounds(upper: bounds.upper, upperReason: bounds.upperReason), text: shown,
                    field: field, dimension: dimension, at: here, what: "its mean")
            {
                return nil
            }
            return Value(.distribution(distribution), at: here)
        case .failure(let error):
            var message = error.message
            // `{ image: uniform(8MP, 12MP) }` in a flow mapping: YAML ended the value at the comma.
            if plain, text.contains("("), !text.contains(")"), message.contains("missing `)`") {
                message += "; inside `{ … }` or `[ … ]` a comma ends a plain value: write the distribution as a mapping, like `{ uniform: [8MP, 12MP] }`"
            }
            diagnostics.error(message, at: locate(error.offset))
            return nil
        }
    }

    /// Range check shared by numbers, quantities and distribution means.
    private mutating func check(
        _ number: Double, _ bounds: Bounds, text: String, field: String, dimension: Dimension?,
        at here: SourceLocation, what: String = ""
    ) -> Bool {
        let subject = what.isEmpty ? "`\(text)`" : "`\(text)` (\(what))"
        func show(_ limit: Double) -> String {
            dimension.map { "`\(UnitParser.format(limit, $0))`" } ?? "\(NumberText.format(limit))"
        }
        if let lower = bounds.lower {
            if bounds.lowerExclusive ? number <= lower : number < lower {
                let relation = bounds.lowerExclusive ? "greater than" : "at least"
                diagnostics.error("`\(field)` must be \(relation) \(show(lower)), found \(subject)", at: here)
                return false
            }
        }
        if let upper = bounds.upper, number > upper {
            let reason = bounds.upperReason.map { ": \($0)" } ?? ""
            diagnostics.error("`\(field)` is too large: \(subject) is over \(show(upper))\(reason)", at: here)
            return false
        }
        return true
    }

    // MARK: - Defaults

    /// A field's default, decoded once per decoder: a file of 12,000 components needs the same
    /// few hundred defaults over and over, and parsing each again was most of validate's time.
    private mutating func decodeDefault(_ text: String, as type: ValueType, key: String, at here: SourceLocation) -> Value? {
        let decoded: Value?
        if let cached = defaults[key] {
            decoded = cached
        } else {
            var inner = SpecDecoder(file: "<default>", nodeBudget: 10_000)
            decoded = (try? Yams.compose(yaml: text, .basic, .default, .utf8)).flatMap { inner.decode($0, as: type, field: "default") }
            defaults[key] = .some(decoded)
        }
        guard var value = decoded else { return nil }
        value.relocate(to: here)
        return value
    }

    // MARK: - Helpers

    private mutating func plainKey(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else {
            diagnostics.error("keys must be plain names, found a \(shapeName(node))", at: location(of: node))
            return nil
        }
        if scalar.string == "<<" {
            diagnostics.error("YAML merge keys (`<<`) are not supported: write the fields out", at: location(of: node))
            return nil
        }
        return scalar.string
    }

    private mutating func reportUnknownKey(_ key: String, at location: SourceLocation, known: [String], in field: String) {
        var message = "unknown field `\(key)` in `\(field)`"
        if let suggestion = Suggestions.closest(to: key, in: known) {
            message += " (did you mean `\(suggestion)`?)"
        } else if !known.isEmpty {
            message += "; known fields: \(Self.list(known, limit: 30))"
        }
        diagnostics.error(message, at: location)
    }

    private mutating func mismatch(_ node: Node, expected: ValueType, field: String) -> Value? {
        let found: String
        if case .scalar(let scalar) = node {
            found = isNull(scalar) ? "nothing" : "`\(String(scalar.string.prefix(40)))`"
        } else {
            found = "a \(shapeName(node))"
        }
        diagnostics.error("`\(field)` expects \(expected.summaryForMessages), found \(found)", at: location(of: node))
        return nil
    }

    private func shapeName(_ node: Node) -> String {
        switch node {
        case .scalar: "value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    private func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    package static func list(_ words: [String], limit: Int) -> String {
        let shown = words.prefix(limit).map { "`\($0)`" }
        return shown.joined(separator: ", ") + (words.count > limit ? ", …" : "")
    }
}

extension Value {
    fileprivate mutating func setTag(_ tag: String) {
        if case .object(var object) = content {
            object.tag = tag
            content = .object(object)
        }
    }

    /// Defaults are decoded from their own tiny document; give them the location of the
    /// mapping that lacked them, so later checks point somewhere useful.
    fileprivate mutating func relocate(to location: SourceLocation) {
        self.location = location
        isDefault = true
        switch content {
        case .list(var values):
            for index in values.indices { values[index].relocate(to: location) }
            content = .list(values)
        case .object(var object):
            for index in object.entries.indices {
                object.entries[index].keyLocation = location
                object.entries[index].value.relocate(to: location)
            }
            content = .object(object)
        default:
            break
        }
    }
}

extension ValueType {
    /// Whether a node of this shape could be this type (used to pick among `oneOf`).
    fileprivate func accepts(_ node: Node) -> Bool {
        switch (self, node) {
        case (.object(let spec), .scalar(let scalar)):
            return spec.allowsNull && scalar.string.isEmpty
        case (.object, .mapping), (.map, .mapping), (.variant, .mapping), (.distribution, .mapping): return true
        case (.variant(let spec), .scalar(let scalar)): return spec.caseSpec(scalar.string) != nil
        case (.list, .sequence), (.oneOrMany, _): return true
        case (.oneOf(let alternatives), _): return alternatives.contains { $0.accepts(node) }
        case (.object, _), (.map, _), (.variant, _), (.list, _): return false
        case (_, .scalar): return true
        default: return false
        }
    }
}
