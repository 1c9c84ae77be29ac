import Testing
@testable import Topology

// MARK: - Conditions

struct ConditionSyntaxTests {
    private static func eq(_ attribute: String, _ value: ConditionValue) -> Condition {
        .compare(attribute: attribute, op: .equal, value: value)
    }

    private static func eq(_ attribute: String, _ number: Double) -> Condition {
        eq(attribute, .number(number))
    }

    static let parses: [(text: String, expected: Condition)] = [
        ("type == CAR", eq("type", .text("CAR"))),
        ("type == \"CAR\"", eq("type", .text("CAR"))),
        ("type == 'CAR'", eq("type", .text("CAR"))),
        ("x == \"a b, (c)\"", eq("x", .text("a b, (c)"))),
        ("x == \"say \\\"hi\\\"\"", eq("x", .text("say \"hi\""))),
        ("type != CAR", .compare(attribute: "type", op: .notEqual, value: .text("CAR"))),
        ("size > 10MP", .compare(attribute: "size", op: .greater, value: .quantity(Quantity(value: 10, dimension: .megapixels)))),
        ("size > 10 MP", .compare(attribute: "size", op: .greater, value: .quantity(Quantity(value: 10, dimension: .megapixels)))),
        ("size >= 2MB", .compare(attribute: "size", op: .greaterOrEqual, value: .quantity(Quantity(value: 2e6, dimension: .size)))),
        ("latency < 250ms", .compare(attribute: "latency", op: .less, value: .quantity(Quantity(value: 0.25, dimension: .duration)))),
        ("cost <= $4,000", .compare(attribute: "cost", op: .lessOrEqual, value: .quantity(Quantity(value: 4000, dimension: .money)))),
        ("share < 5%", .compare(attribute: "share", op: .less, value: .quantity(Quantity(value: 0.05, dimension: .percentage)))),
        ("n >= 5", .compare(attribute: "n", op: .greaterOrEqual, value: .number(5))),
        ("n < -2.5e3", .compare(attribute: "n", op: .less, value: .number(-2500))),
        ("payload.image == x", eq("payload.image", .text("x"))),
        ("ins_type == A", eq("ins_type", .text("A"))),
        ("ins-type == A", eq("ins-type", .text("A"))),
        ("path == image/jpeg", eq("path", .text("image/jpeg"))),
        ("type in [CAR, BIKE]", .isIn(attribute: "type", values: [.text("CAR"), .text("BIKE")], negated: false)),
        ("type not in [CAR, 'BIKE']", .isIn(attribute: "type", values: [.text("CAR"), .text("BIKE")], negated: true)),
        ("size in [1MB, 2 MB]", .isIn(
            attribute: "size", values: [.quantity(Quantity(value: 1e6, dimension: .size)), .quantity(Quantity(value: 2e6, dimension: .size))],
            negated: false)),
        ("n in [1,2,3]", .isIn(attribute: "n", values: [.number(1), .number(2), .number(3)], negated: false)),
        ("a == 1 or b == 2 and c == 3", .or(eq("a", 1), .and(eq("b", 2), eq("c", 3)))),
        ("a == 1 and b == 2 or c == 3", .or(.and(eq("a", 1), eq("b", 2)), eq("c", 3))),
        ("(a == 1 or b == 2) and c == 3", .and(.or(eq("a", 1), eq("b", 2)), eq("c", 3))),
        ("a == 1 or b == 2 or c == 3", .or(.or(eq("a", 1), eq("b", 2)), eq("c", 3))),
        ("a == 1 && b == 2 || c == 3", .or(.and(eq("a", 1), eq("b", 2)), eq("c", 3))),
        ("not a == 1 and b == 2", .and(.not(eq("a", 1)), eq("b", 2))),
        ("!(a == 1)", .not(eq("a", 1))),
        ("not not a == 1", .not(.not(eq("a", 1)))),
        ("type==CAR&&size>10MP", .and(
            eq("type", .text("CAR")),
            .compare(attribute: "size", op: .greater, value: .quantity(Quantity(value: 10, dimension: .megapixels))))),
        ("  ( ( a == 1 ) )  ", eq("a", 1)),
    ]

    @Test(arguments: parses)
    func parsesValidText(_ example: (text: String, expected: Condition)) {
        let result = ConditionParser.parse(example.text)
        #expect(result.syntaxValue == example.expected, "\(example.text): \(result)")
    }

    @Test func listsAttributesInOrderOfFirstAppearance() throws {
        let condition = try #require(ConditionParser.parse("b == 1 and (a == 2 or b in [1]) and not c != 3").syntaxValue)
        #expect(condition.attributes == ["b", "a", "c"])
    }

    // MARK: - Errors

    static let deepParentheses = String(repeating: "(", count: 150) + "a == 1" + String(repeating: ")", count: 150)
    static let longChain = "a == 1" + String(repeating: " or a == 1", count: 150)

    static let errors: [(text: String, message: String, offset: Int)] = [
        ("", "empty condition: write one like `type == CAR`", 0),
        ("   ", "empty condition: write one like `type == CAR`", 0),
        ("type", "expected a comparison like `type == CAR`", 4),
        ("type CAR", "expected a comparison like `type == CAR`", 5),
        ("== CAR", "expected a comparison like `type == CAR`", 0),
        ("type == CAR and", "expected a comparison like `type == CAR`", 15),
        ("type = CAR", "use `==` to compare, not `=`", 5),
        ("size => 5", "write `>=`, not `=>`", 5),
        ("(type == CAR", "unclosed `(`: missing `)`", 0),
        ("type == CAR)", "unbalanced `)`: it has no matching `(`", 11),
        ("a == 1 ]", "unbalanced `]`: it has no matching `[`", 7),
        ("(a == 1 b == 2)", "expected `)`, `and` or `or` but found `b`", 8),
        ("type in [CAR, BIKE", "unclosed `[`: missing `]`", 8),
        ("type in CAR", "expected `[` after `in`, like `type in [CAR, BIKE]`", 8),
        ("type in []", "empty list: write at least one value, like `type in [CAR, BIKE]`", 8),
        ("type in [CAR BIKE]", "expected `,` or `]` in the list but found `BIKE`", 13),
        ("type in [CAR,]", "expected a value after `,`, like `CAR` or `10MP`", 13),
        ("type not CAR", "expected `in` after `not`, like `type not in [CAR, BIKE]`", 9),
        ("type == CAR BIKE", "unexpected `BIKE` after a complete condition (join conditions with `and` or `or`)", 12),
        ("type == CAR AND size > 5", "unexpected `AND`: write `and` in lower case", 12),
        ("type ==", "expected a value after `==`, like `CAR` or `10MP`", 7),
        ("type == and", "expected a value after `==`, like `CAR` or `10MP`", 8),
        ("type == CAR & size > 5", "use `&&` or `and` to combine conditions", 12),
        ("type == CAR | size > 5", "use `||` or `or` to combine conditions", 12),
        ("type == \"CAR", "unterminated string: missing closing `\"`", 8),
        ("size > 10mb", "unknown unit `mb` in `10mb` (did you mean `MB`?); write text values in quotes, like `\"10mb\"`", 9),
        ("size > 4K", "unknown unit `K` in `4K` (did you mean `KB`?); write text values in quotes, like `\"4K\"`", 8),
        ("zone == 1a", "`1a` is not a number or a known quantity: write text values in quotes, like `\"1a\"`", 8),
        ("size > -", "expected digits after `-`", 8),
        ("size > 1e999", "number too large", 7),
        ("size > 1e308w", "number too large", 7),
        ("size > 0x5", "width must be a whole number of pixels from 1 to 100000", 7),
        ("cost > $", "expected an amount after `$`, like `$4000`", 8),
        ("cost > $4,00", "unexpected `,` after a complete condition (join conditions with `and` or `or`)", 9),
        ("a/b == 1", "`a/b` is not an attribute name: use letters, digits, `_`, `-` and `.`, like `payload.image`", 0),
        ("5 == x", "`5` is not an attribute name: use letters, digits, `_`, `-` and `.`, like `payload.image`", 0),
        (deepParentheses, "condition nested too deeply: more than 100 levels", 100),
        (longChain, "condition too complex: more than 100 nested operators", 1007),
    ]

    @Test(arguments: errors)
    func reportsErrors(_ example: (text: String, message: String, offset: Int)) {
        let error = ConditionParser.parse(example.text).syntaxError
        #expect(error == SyntaxError(example.message, at: example.offset), "\(example.text.prefix(60))")
    }

    @Test func acceptsNestingUpToTheLimit() {
        let text = String(repeating: "(", count: 100) + "a == 1" + String(repeating: ")", count: 100)
        #expect(ConditionParser.parse(text).syntaxValue == Self.eq("a", 1))
    }

    // MARK: - Evaluation

    static let attributes = ConditionAttributes([
        "type": .text("CAR"),
        "size": .quantity(Quantity(value: 12, dimension: .megapixels)),
        "n": .number(5),
    ])

    static let evaluations: [(text: String, expected: Bool)] = [
        ("type == CAR", true), ("type != CAR", false), ("type == BIKE", false), ("type in [BIKE, CAR]", true),
        ("type not in [CAR]", false), ("size > 10MP", true), ("size <= 12 MP", true), ("size > 10", false),
        ("size == 12MB", false), ("n >= 5", true), ("n < 5", false), ("n == 5", true), ("n == \"5\"", false),
        ("missing == x", false), ("missing != x", true), ("missing in [x]", false), ("missing not in [x]", true),
        ("missing < 3", false), ("not type == CAR or n < 3", false), ("type == CAR and (n < 3 or size > 10MP)", true),
    ]

    @Test(arguments: evaluations)
    func evaluates(_ example: (text: String, expected: Bool)) throws {
        let condition = try #require(ConditionParser.parse(example.text).syntaxValue, "\(example.text)")
        #expect(condition.evaluate(Self.attributes) == example.expected, "\(example.text)")
    }
}
