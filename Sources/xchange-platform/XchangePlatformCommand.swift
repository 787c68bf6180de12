import ArgumentParser
import Foundation
import XchangeCore
import XchangePlatformServer

/// `xchange-platform`: the reference receiving server for submission packages.
@main
struct XchangePlatformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xchange-platform",
        abstract: "A reference provincial platform that receives submission packages from `xchange upload`.",
        discussion: """
            Agencies rehearse a submission against it; it implements schemas/platform/openapi.yaml: \
            it verifies each package as `xchange convert` reads it, validates the report, and keeps \
            accepted packages and their receipts in SQLite.

            Examples:
              xchange-platform token --agency 113307820076354208 --append tokens.yaml
              xchange-platform serve --data platform-data --tokens tokens.yaml --port 8080
              xchange-platform list --data platform-data
            """,
        subcommands: [Serve.self, Token.self, List.self]
    )
}

/// Prints a diagnostic and exits with status 1; the shared error path of the subcommands.
func fail(_ diagnostic: Diagnostic) -> ExitCode {
    FileHandle.standardError.write(Data("xchange-platform: \(diagnostic)\n".utf8))
    return ExitCode.failure
}
