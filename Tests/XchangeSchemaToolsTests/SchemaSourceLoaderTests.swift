import Testing
import XchangeCore
import XchangeSchemaTools

/// A broken schema source is refused with the line and column of the mistake.
struct SchemaSourceLoaderTests {
    func load(_ text: String) throws(Diagnostic) -> CanonicalSchema {
        try SchemaSourceLoader.load(Array(text.utf8), file: "schema.yaml")
    }

    let header = "schema: disclosure-report\nversion: 1\n"

    @Test func misspeltKeyIsNamedWithItsPosition() {
        let text =
            header
            + "fields:\n  - key: meta.report_year\n    type: year\n    label: [报告年度]\n    aliasses: [年度]\nrules: []\n"
        do {
            _ = try load(text)
            Issue.record("accepted a misspelt key")
        } catch {
            #expect(error.location?.line == 7)
            #expect(error.location?.column == 5)
            #expect(error.message.contains("did you mean aliases?"))
        }
    }

    @Test func ruleNamingAnUnknownFieldIsRefused() {
        let text =
            header + """
                fields:
                  - {key: a.b, type: count, label: [甲]}
                rules:
                  - id: X-1
                    severity: error
                    title: t
                    message: m
                    check:
                      sum_equal: {path: a.*, left: [a.b], right: [a.c]}

                """
        #expect(throws: Diagnostic.self) { try load(text) }
    }

    @Test func unknownTypeIsRefused() {
        let text = header + "fields:\n  - {key: a.b, type: integer, label: [甲]}\nrules: []\n"
        do {
            _ = try load(text)
            Issue.record("accepted an unknown type")
        } catch {
            #expect(error.message.contains("unknown type \"integer\""))
            #expect(error.location?.line == 4)
        }
    }

    @Test func syntaxErrorsCarryPositions() {
        do {
            _ = try load("schema: [unclosed\n")
            Issue.record("accepted broken YAML")
        } catch {
            #expect(error.code == "schema.syntax")
            #expect(error.location?.line != nil)
        }
    }
}
