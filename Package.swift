// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "xchange",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xchange", targets: ["xchange"]),
        .library(name: "XchangeCore", targets: ["XchangeCore"]),
        .library(name: "XchangeFormats", targets: ["XchangeFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libyaml, from the system (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Swift over libyaml: parse to a node tree with positions, emit block YAML.
        .target(name: "XchangeYAML", dependencies: ["CYAML"]),
        // A byte-level JSON reader and writer: exact numbers, positions in errors, streaming.
        .target(name: "XchangeJSON"),
        // The canonical model, schema catalog, diagnostics, module registry and validation.
        .target(name: "XchangeCore"),
        // The schema source (schemas/*.yaml) as data: loading, JSON Schema, Swift catalog.
        .target(name: "XchangeSchemaTools", dependencies: ["XchangeCore", "XchangeYAML"]),
        // The built-in format modules, one folder each.
        .target(name: "XchangeFormats", dependencies: ["XchangeCore", "XchangeYAML", "XchangeJSON"]),
        // The command-line tool: a thin shell over the libraries.
        .executableTarget(
            name: "xchange",
            dependencies: [
                "XchangeCore", "XchangeFormats", "XchangeSchemaTools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput and memory benchmarks; run with `swift run -c release xchange-bench`.
        .executableTarget(
            name: "xchange-bench",
            dependencies: [
                "XchangeCore", "XchangeFormats", "CYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Regenerates Sources/XchangeCore/Schema/CanonicalSchema+Generated.swift from schemas/.
        .plugin(
            name: "GenerateSchemaCode",
            capability: .command(
                intent: .custom(verb: "generate-schema-code", description: "Regenerate the Swift schema catalog from schemas/"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated schema catalog into Sources/XchangeCore")]
            ),
            dependencies: ["xchange"]
        ),

        .testTarget(name: "XchangeYAMLTests", dependencies: ["XchangeYAML"]),
        .testTarget(name: "XchangeJSONTests", dependencies: ["XchangeJSON"]),
        .testTarget(name: "XchangeCoreTests", dependencies: ["XchangeCore"]),
        .testTarget(name: "XchangeSchemaToolsTests", dependencies: ["XchangeSchemaTools", "XchangeCore", "XchangeFormats"]),
        .testTarget(name: "XchangeFormatsTests", dependencies: ["XchangeFormats", "XchangeCore"]),
        .testTarget(name: "xchangeTests", dependencies: ["xchange"]),
    ]
)
