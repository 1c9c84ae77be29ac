import Foundation

/// What a user-chosen name (component, subnet, zone, handler…) may be.
///
/// Names are free text on purpose: diagrams must show `Müller's "Bilder" <EU>` as written.
/// Only what would make messages, reports or file output unreadable is refused.
package enum NameRules {
    package static let maximumLength = 128

    /// nil when the name is fine, else the end of a sentence starting "a name …".
    package static func problem(with name: String) -> String? {
        if name.isEmpty { return "can't be empty" }
        if name.unicodeScalars.count > maximumLength { return "is longer than \(maximumLength) characters" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "can't contain control characters"
        }
        if name.first!.isWhitespace || name.last!.isWhitespace { return "can't start or end with a space" }
        return nil
    }
}

/// Plain numbers as YAML writes them: `42`, `-3`, `10_000`, `2.5e-3`.
package enum NumberText {
    package static func integer(_ text: String) -> Result<Int, SyntaxError> {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        if let number = Int(cleaned) { return .success(number) }
        if let number = Double(cleaned), number.isFinite {
            if number.rounded() == number, abs(number) < 9.2e18 { return .success(Int(number)) }
            if abs(number) >= 9.2e18 { return .failure(SyntaxError("`\(text)` is too large", at: 0)) }
            return .failure(SyntaxError("`\(text)` has a fractional part", at: 0))
        }
        if cleaned.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }), !cleaned.isEmpty {
            return .failure(SyntaxError("`\(text)` is too large", at: 0))
        }
        return .failure(SyntaxError("`\(String(text.prefix(40)))` is not a number", at: 0))
    }

    package static func double(_ text: String) -> Result<Double, SyntaxError> {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let number = Double(cleaned), !cleaned.lowercased().contains("nan"),
            !cleaned.lowercased().contains("inf")
        else {
            return .failure(SyntaxError("`\(String(text.prefix(40)))` is not a number", at: 0))
        }
        guard number.isFinite else { return .failure(SyntaxError("`\(text)` is too large", at: 0)) }
        return .success(number)
    }

    /// Short decimal form without needless zeros: 1000000 → "1000000", 0.25 → "0.25", 1e12 → "1e+12".
    package static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }
}
