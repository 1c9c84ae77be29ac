/// What `archsim schema` prints: the JSON Schema, or the Markdown field reference.
package enum LanguageDocumentation {
    package static func jsonSchema() -> String {
        JSONSchemaExporter.schema().rendered() + "\n"
    }

    package static func markdownReference() -> String {
        var writer = MarkdownReference()
        return writer.render()
    }
}

extension LoadResult {
    package func renderedDiagnostics(includeWarnings: Bool = true) -> String {
        var renderer = DiagnosticRenderer()
        if let file = diagnostics.first?.location.file { renderer.addSource(source, for: file) }
        return renderer.render(diagnostics.filter { includeWarnings || $0.severity == .error })
    }

    /// Other diagnostics about the same file (e.g. from compiling it), rendered with its source.
    package func rendered(_ others: [Diagnostic]) -> String {
        var renderer = DiagnosticRenderer()
        if let file = others.first?.location.file { renderer.addSource(source, for: file) }
        return renderer.render(others)
    }

    package func diagnosticCount(includeWarnings: Bool = true) -> Int {
        diagnostics.filter { includeWarnings || $0.severity == .error }.count
    }
}
