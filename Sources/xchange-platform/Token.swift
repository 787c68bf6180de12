import ArgumentParser
import XchangeCore
import XchangePlatformServer

/// `xchange-platform token`
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an upload token for one or more agencies.",
        discussion: """
            The token is printed once and stored nowhere: the token file keeps only its SHA-256. \
            With --append the entry is added to the token file (created when missing) and only \
            the token is printed, for scripts; without it the entry to add is printed too. A \
            running server reads the token file when it starts.

            Examples:
              xchange-platform token --agency 113307820076354208 --append tokens.yaml
              XCHANGE_TOKEN=$(xchange-platform token --name office --agency 113307820076354208 --append tokens.yaml)
            """
    )

    @Option(help: ArgumentHelp("A USCC (统一社会信用代码) the token may submit for (repeatable).", valueName: "uscc"))
    var agency: [String] = []

    @Option(help: "A label for the token in the token file and the server's listing.")
    var name: String?

    @Option(help: ArgumentHelp("Add the token's entry to this token file.", valueName: "file"))
    var append: String?

    func run() throws {
        let token = TokenIssuer.makeToken()
        do {
            let entry = try TokenIssuer.entry(
                for: token, name: name ?? "agency-\(agency.first ?? "")", agencies: agency)
            if let append {
                try TokenIssuer.append(entry, toFileAt: append)
                print(token)
            } else {
                print("token: \(token)")
                print("# add under `tokens:` in the token file:")
                print(TokenFile.yaml(for: entry), terminator: "")
            }
        } catch {
            throw fail(error)
        }
    }
}
