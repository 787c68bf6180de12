import Testing
import XchangeCore

/// `FormatOptions` is the one place that knows defaults and accepted values: modules read
/// settings through it and never repeat either.
struct FormatOptionsTests {
    /// A module that only declares options.
    struct Declaring: FormatModule {
        let id = "demo"
        let name = "Demo"
        let summary = "declares one option of each kind"
        let fileExtensions = ["demo"]
        let capabilities: FormatCapabilities = [.read, .write]
        let options: [FormatOption] = [
            FormatOption(name: "layout", summary: "a choice", values: ["auto", "wide", "long"], defaultValue: "auto"),
            .flag("strict", summary: "a flag for reading", default: false, for: .read),
            .wholeNumber("limit", summary: "a number for writing", default: 10, for: .write),
            FormatOption(name: "label", summary: "free text without a default"),
        ]
    }

    enum Layout: String { case auto, wide, long }

    @Test func everyDeclaredOptionOfTheSideResolvesToGivenOrDefault() throws {
        let reading = try FormatOptions(["layout": "wide"], for: Declaring(), side: .read)
        #expect(reading.values == ["layout": "wide", "strict": "false"])
        #expect(reading.given == ["layout": "wide"])
        #expect(reading.choice("layout", as: Layout.self) == .wide)
        #expect(reading.bool("strict") == false)
        #expect(reading.string("label") == nil)

        let writing = FormatOptions.defaults(for: Declaring(), side: .write)
        #expect(writing.values == ["layout": "auto", "limit": "10"])
        #expect(writing.int("limit") == 10)
        #expect(writing.choice("layout", as: Layout.self) == .auto)
        #expect(try FormatOptions(["limit": "3", "label": "x"], for: Declaring(), side: .write).int("limit") == 3)
    }

    @Test func givenValuesAreCheckedAgainstTheDeclarations() {
        let unknown = #expect(throws: Diagnostic.self) { try FormatOptions(["layuot": "wide"], for: Declaring()) }
        #expect(unknown?.code == "option.unknown")
        #expect(unknown?.message.contains("did you mean layout?") == true)
        let choice = #expect(throws: Diagnostic.self) { try FormatOptions(["layout": "tall"], for: Declaring()) }
        #expect(choice?.code == "option.value")
        #expect(choice?.message.contains("auto, wide, long") == true)
        let flag = #expect(throws: Diagnostic.self) {
            try FormatOptions(["strict": "yes"], for: Declaring(), side: .read)
        }
        #expect(flag?.code == "option.value")
        for bad in ["-1", "ten", ""] {
            let number = #expect(throws: Diagnostic.self) {
                try FormatOptions(["limit": bad], for: Declaring(), side: .write)
            }
            #expect(number?.code == "option.value")
        }
        // An option of the other side is unknown to this one.
        let side = #expect(throws: Diagnostic.self) { try FormatOptions(["limit": "1"], for: Declaring(), side: .read) }
        #expect(side?.code == "option.unknown")
    }

    @Test func askingForAnUndeclaredOptionIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            _ = FormatOptions.defaults(for: Declaring(), side: .read).string("colour")
        }
        // Declared, but for writing only.
        await #expect(processExitsWith: .failure) {
            _ = FormatOptions.defaults(for: Declaring(), side: .read).int("limit")
        }
        // Declared, but not a flag.
        await #expect(processExitsWith: .failure) {
            _ = FormatOptions.defaults(for: Declaring(), side: .read).bool("layout")
        }
    }
}
