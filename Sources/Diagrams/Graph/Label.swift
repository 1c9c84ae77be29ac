import Foundation
import Topology

/// Labels built from text a topology supplies. Names are free text (docs/language.md: quotes,
/// angle brackets, ampersands and any letters), so every piece is escaped for the context it
/// lands in and nothing a user writes can become DOT syntax, HTML-like markup or SVG.
package enum Label {
    /// Text for inside an HTML-like label: XML-escaped, so `<b>` stays four characters.
    /// Graphviz writes text spans back to SVG escaped again, and to PNG through Pango.
    package static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Graphviz expands \N, \G, \L, \E, \T and \H in the text of HTML-like labels
            // too (the node's ID, the graph's name…), after decoding character references, so
            // `&#92;` would not help; the same pass turns a doubled backslash into one.
            case "\\": out += "\\\\"
            // Names may not hold control characters, but descriptions might hold a newline:
            // no raw line breaks inside markup.
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// One line of an HTML-like label.
    package struct Line: Sendable {
        package var text: String
        package var bold = false
        package var italic = false
        package var pointSize: Double?
        package var color: String?

        package init(_ text: String, bold: Bool = false, italic: Bool = false, pointSize: Double? = nil, color: String? = nil) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.pointSize = pointSize
            self.color = color
        }

        /// The line as markup; the text is escaped here, attributes are ours.
        var markup: String {
            var body = Label.escapeHTML(text)
            if bold { body = "<B>\(body)</B>" }
            if italic { body = "<I>\(body)</I>" }
            var font: [String] = []
            if let pointSize { font.append("POINT-SIZE=\"\(NumberFormat.plain(pointSize))\"") }
            if let color { font.append("COLOR=\"\(Label.escapeHTML(color))\"") }
            if !font.isEmpty { body = "<FONT \(font.joined(separator: " "))>\(body)</FONT>" }
            return body
        }
    }

    /// An HTML-like label of lines, centred.
    package static func html(_ lines: [Line]) -> AttributeValue {
        .html(lines.map(\.markup).joined(separator: "<BR/>"))
    }

    package static func html(_ lines: Line...) -> AttributeValue {
        html(lines)
    }
}

/// Numbers for attributes and labels: no trailing zeros, no locale.
package enum NumberFormat {
    package static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `0.734` → `73%`.
    package static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    /// Requests per second, to about three significant digits.
    package static func rate(_ perSecond: Double) -> String {
        if perSecond >= 100 { return "\(Int(perSecond.rounded()))/s" }
        if perSecond >= 10 { return plain((perSecond * 10).rounded() / 10) + "/s" }
        return plain((perSecond * 100).rounded() / 100) + "/s"
    }

    /// Durations people write: `7d`, `6h`, `25min`, `90s` (UnitParser's form otherwise).
    package static func duration(_ seconds: Double) -> String {
        for (unit, size) in [("d", 86_400.0), ("h", 3_600.0), ("min", 60.0)] where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(seconds / size))\(unit)"
        }
        return UnitParser.format(seconds, .duration)
    }

    /// Milliseconds as `850ms` or `1.2s`.
    package static func milliseconds(_ ms: Double) -> String {
        if ms >= 1000 { return plain((ms / 100).rounded() / 10) + "s" }
        if ms >= 10 { return "\(Int(ms.rounded()))ms" }
        return plain((ms * 10).rounded() / 10) + "ms"
    }
}
