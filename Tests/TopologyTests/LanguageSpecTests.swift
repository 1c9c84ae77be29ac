import Foundation
import Testing
import Yams

@testable import Topology

/// The spec is data; these tests keep that data honest and the generated files in sync.
@Suite("Language spec")
struct LanguageSpecTests {
    /// Every object spec reachable from the root, with a path for messages.
    static func allObjects() -> [(path: String, spec: ObjectSpec)] {
        var out: [(String, ObjectSpec)] = []
        var seen = Set<String>()
        func walk(_ type: ValueType, _ path: String) {
            switch type {
            case .object(let spec):
                guard seen.insert(path).inserted else { return }
                out.append((path, spec))
                for field in spec.fields { walk(field.type, path + "." + field.name) }
            case .variant(let variant):
                for spec in variant.cases { walk(.object(spec), path + "<\(spec.name)>") }
            case .list(let element, _), .oneOrMany(let element), .map(_, let element):
                walk(element, path + "[]")
            case .oneOf(let alternatives):
                for alternative in alternatives { walk(alternative, path) }
            default:
                break
            }
        }
        walk(.object(Language.root), "topology")
        return out
    }

    @Test("every default parses with its field's type and bounds")
    func defaultsDecode() throws {
        var checked = 0
        for (path, spec) in Self.allObjects() {
            for field in spec.fields {
                guard let text = field.defaultValue else { continue }
                let node = try #require(try Yams.compose(yaml: text), "\(path).\(field.name)")
                var decoder = SpecDecoder(file: "default")
                let value = decoder.decode(node, as: field.type, field: field.name)
                #expect(value != nil && !decoder.diagnostics.hasErrors,
                    "default `\(text)` of \(path).\(field.name): \(decoder.diagnostics.all.map(\.message))")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("every field has a description, and required fields have no default")
    func fieldsAreDocumented() {
        for (path, spec) in Self.allObjects() {
            #expect(!spec.summary.isEmpty, "\(path)")
            for field in spec.fields {
                #expect(!field.summary.isEmpty, "\(path).\(field.name)")
                #expect(!(field.isRequired && field.defaultValue != nil), "\(path).\(field.name)")
            }
        }
    }

    @Test("field names are unique within each object")
    func uniqueFields() {
        for (path, spec) in Self.allObjects() {
            #expect(Set(spec.fields.map(\.name)).count == spec.fields.count, "\(path)")
        }
    }

    @Test("every kind of the catalogue is reachable and named once")
    func catalogue() {
        let names = Catalogue.kinds.map(\.name)
        #expect(Set(names).count == names.count)
        for kind in ["alb", "nlb", "api-gateway", "cloudfront", "route53", "ecs-service", "eks-deployment", "ec2-asg",
            "lambda", "sqs", "sns", "eventbridge", "rabbitmq", "kafka", "kinesis", "s3", "dynamodb", "rds",
            "elasticache", "glue", "batch", "redshift", "service"]
        {
            #expect(Catalogue.kind(kind) != nil, "\(kind)")
        }
    }

    @Test("the committed topology.schema.json is what `archsim schema` prints")
    func committedSchema() throws {
        let generated = LanguageDocumentation.jsonSchema()
        if RepositoryFiles.isRecording {
            try generated.write(to: RepositoryFiles.url("topology.schema.json"), atomically: true, encoding: .utf8)
        }
        #expect(try RepositoryFiles.read("topology.schema.json") == generated, "run `make schema`")
    }

    @Test("the schema is valid JSON")
    func schemaParses() throws {
        let data = Data(LanguageDocumentation.jsonSchema().utf8)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect((object?["$defs"] as? [String: Any])?["component.alb"] != nil)
    }

    @Test("docs/language.md carries the generated field reference")
    func referenceInDocs() throws {
        let generated = LanguageDocumentation.markdownReference()
        let docs = try RepositoryFiles.read("docs/language.md")
        let marker = "<!-- BEGIN GENERATED REFERENCE -->\n"
        let end = "<!-- END GENERATED REFERENCE -->"
        if RepositoryFiles.isRecording, let start = docs.range(of: marker), let stop = docs.range(of: end) {
            let updated = docs.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: generated)
            try updated.write(to: RepositoryFiles.url("docs/language.md"), atomically: true, encoding: .utf8)
            return
        }
        let start = try #require(docs.range(of: marker))
        let stop = try #require(docs.range(of: end))
        #expect(String(docs[start.upperBound..<stop.lowerBound]) == generated, "run `make schema`")
    }
}
