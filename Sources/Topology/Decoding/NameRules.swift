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
        if let hidden = name.unicodeScalars.first(where: { invisible.contains($0.value) }) {
            return "can't contain \(describe(hidden)): bidirectional controls and invisible characters make a name "
                + "look like another one, or reorder the text around it (\"Trojan Source\", CVE-2021-42574); delete it"
        }
        return nil
    }

    /// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
    /// directional marks (U+200E, U+200F, U+061C), and zero-width characters (U+200B–U+200D,
    /// U+2060 word joiner, U+FEFF zero-width no-break space, U+00AD soft hyphen).
    package static let invisible: Set<UInt32> = Set(
        Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0x200E, 0x200F, 0x061C]
            + Array(0x200B...0x200D) + [0x2060, 0xFEFF, 0x00AD])

    /// `U+202E (RIGHT-TO-LEFT OVERRIDE)`.
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(format: "%04X", scalar.value)
        return scalar.properties.name.map { "\(code) (\($0))" } ?? code
    }

    // MARK: - Confusable names

    /// What a name looks like: compatibility forms folded (`ｗｅｂ` is `web`) and letters of
    /// other scripts that are drawn like Latin ones replaced by those (Cyrillic `е` is `e`).
    /// Two different names with one skeleton are told apart by nobody reading the file.
    package static func skeleton(_ name: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCompatibilityMapping.unicodeScalars {
            view.append(lookalikes[scalar.value].flatMap(Unicode.Scalar.init) ?? scalar)
        }
        return String(view)
    }

    /// The first scalar of `name` that is not plain ASCII, to say how two lookalikes differ.
    package static func firstNonASCII(_ name: String) -> Unicode.Scalar? {
        name.unicodeScalars.first { !$0.isASCII }
    }

    /// Cyrillic and Greek letters that look like Latin ones (from Unicode's confusables.txt).
    private static let lookalikes: [UInt32: UInt32] = [
        // Cyrillic lower case: а в е к м н о р с т у х ѕ і ј ԁ ԛ ԝ һ ӏ
        0x0430: 0x61, 0x0435: 0x65, 0x043E: 0x6F, 0x0440: 0x70, 0x0441: 0x63, 0x0443: 0x79, 0x0445: 0x78,
        0x0455: 0x73, 0x0456: 0x69, 0x0458: 0x6A, 0x0501: 0x64, 0x051B: 0x71, 0x051D: 0x77, 0x04BB: 0x68, 0x04CF: 0x6C,
        // Cyrillic upper case: А В Е К М Н О Р С Т Х Ѕ І Ј
        0x0410: 0x41, 0x0412: 0x42, 0x0415: 0x45, 0x041A: 0x4B, 0x041C: 0x4D, 0x041D: 0x48, 0x041E: 0x4F,
        0x0420: 0x50, 0x0421: 0x43, 0x0422: 0x54, 0x0425: 0x58, 0x0405: 0x53, 0x0406: 0x49, 0x0408: 0x4A,
        // Greek: ο ν ρ α ι κ Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ
        0x03BF: 0x6F, 0x03BD: 0x76, 0x03C1: 0x70, 0x03B1: 0x61, 0x03B9: 0x69, 0x03BA: 0x6B,
        0x0391: 0x41, 0x0392: 0x42, 0x0395: 0x45, 0x0396: 0x5A, 0x0397: 0x48, 0x0399: 0x49, 0x039A: 0x4B,
        0x039C: 0x4D, 0x039D: 0x4E, 0x039F: 0x4F, 0x03A1: 0x50, 0x03A4: 0x54, 0x03A5: 0x59, 0x03A7: 0x58,
    ]
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
