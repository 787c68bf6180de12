import Foundation
import Testing
import XchangeYAML

/// The public yaml-test-suite inputs (Tests/Fixtures/yaml-test-suite, see its README).
@Suite("yaml-test-suite conformance")
struct ConformanceTests {
    struct Case {
        let name: String
        let input: [UInt8]
        let mustFail: Bool
        let mustParse: Bool
    }

    /// Valid YAML 1.2 that libyaml 0.2.5 refuses: `%YAML 1.2` and unknown directives, tabs
    /// as separation, some flow-collection and multi-line key forms. libyaml is what xchange
    /// reads YAML with, so these only have to fail cleanly, with a position.
    static let validButRefusedByLibYAML: Set<String> = [
        "2JQS", "2LFX", "2SXE", "4ABK", "4MUZ-00", "4MUZ-01", "4MUZ-02", "58MP", "5MUD", "5T43",
        "6BCT", "6CA3", "6LVF", "6M2F", "7Z25", "8XYN", "96NN-00", "96NN-01", "9SA2", "A2M4",
        "BEC7", "CFD4", "DBG4", "DK3J", "DK95-00", "DK95-03", "DK95-04", "FP8R", "FRK4", "HM87-00",
        "HWV9", "K3WX", "M2N8-00", "M7A3", "MUS6-05", "MUS6-06", "NHX8", "NJ66", "NKF9", "Q5MG",
        "QT73", "R4YG", "S3PD", "SM9W-01", "UKK6-00", "UT92", "VJP3-01", "W4TN", "W5VH", "Y79Y-001",
        "Y79Y-010",
    ]

    static func loadCases() throws -> [Case] {
        let suite = try fixtureDirectory("yaml-test-suite")
        let accepted = try String(contentsOf: suite.appendingPathComponent("libyaml-accepts.txt"), encoding: .utf8)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let casesDirectory = suite.appendingPathComponent("cases")
        let names = try FileManager.default.contentsOfDirectory(atPath: casesDirectory.path).sorted()
        return try names.map { name in
            let folder = casesDirectory.appendingPathComponent(name)
            let input = try Data(contentsOf: folder.appendingPathComponent("in.yaml"))
            let isError = FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)
            return Case(
                name: name, input: Array(input), mustFail: isError && !accepted.contains(name),
                mustParse: !isError && !validButRefusedByLibYAML.contains(name))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func everyCaseIsHandled() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 400, "expected the full suite, found \(cases.count) cases")
        var rejected = 0
        for testCase in cases {
            do {
                let documents = try parseYAMLDocuments(testCase.input)
                #expect(!testCase.mustFail, "\(testCase.name): invalid YAML was accepted")
                if !testCase.mustFail { try assertReEmits(documents, name: testCase.name) }
            } catch let error as YAMLError {
                #expect(!testCase.mustParse, "\(testCase.name): valid YAML refused: \(error)")
                #expect(error.mark != nil, "\(testCase.name): error without a position: \(error)")
                if testCase.mustFail { rejected += 1 }
            }
        }
        // 94 error cases, 16 of which libyaml accepts (libyaml-accepts.txt).
        #expect(rejected == 78)
    }

    /// Writes the parsed documents back with the emitter and checks that they read the
    /// same, which exercises the emitter on every shape of YAML the suite has.
    private func assertReEmits(_ documents: [YAMLNode], name: String) throws {
        let text = try emitYAML { emitter in
            for document in documents {
                try emitter.beginDocument(explicitStart: true)
                try emit(document, to: emitter)
                try emitter.endDocument()
            }
        }
        let again = try parse(text)
        #expect(again.map(Shape.init) == documents.map(Shape.init), "\(name) changed when written back:\n\(text)")
    }

    private func emit(_ node: YAMLNode, to emitter: YAMLEmitter) throws {
        switch node {
        case .scalar(let scalar):
            try emitter.string(scalar.value)
        case .sequence(let items, _):
            try emitter.beginSequence()
            for item in items { try emit(item, to: emitter) }
            try emitter.endSequence()
        case .mapping(let pairs, _):
            try emitter.beginMapping()
            for pair in pairs {
                try emit(pair.key, to: emitter)
                try emit(pair.value, to: emitter)
            }
            try emitter.endMapping()
        }
    }

    /// A node without positions, styles or tags: what must survive writing and reading.
    indirect enum Shape: Equatable {
        case scalar(String)
        case sequence([Shape])
        case mapping([Shape])

        init(_ node: YAMLNode) {
            switch node {
            case .scalar(let scalar): self = .scalar(scalar.value)
            case .sequence(let items, _): self = .sequence(items.map(Shape.init))
            case .mapping(let pairs, _): self = .mapping(pairs.flatMap { [Shape($0.key), Shape($0.value)] })
            }
        }
    }
}
