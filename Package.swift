// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "xchange",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xchange", targets: ["xchange"]),
        .library(name: "XchangeCore", targets: ["XchangeCore"]),
        .library(name: "XchangeFormats", targets: ["XchangeFormats"]),
        .library(name: "XchangeModuleTesting", targets: ["XchangeModuleTesting"]),
        .library(name: "XchangePlatform", targets: ["XchangePlatform"]),
        .library(name: "XchangePipeline", targets: ["XchangePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        // libcurl, loaded by `xchange upload` when it sends its first request rather than
        // linked: linked, it and its own libraries cost every command about 10 ms to load.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // A byte-level JSON reader and writer: exact numbers, positions in errors, streaming.
        .target(name: "XchangeJSON"),
        // The canonical model, schema catalog, diagnostics, module registry and validation.
        .target(name: "XchangeCore"),
        // Random, internally consistent reports for tests, benchmarks and `xchange generate`;
        // not part of a library product.
        .target(name: "XchangeSynthetic", dependencies: ["XchangeCore"]),
        // The schema source (schemas/*.yaml) as data: loading, JSON Schema, Swift catalog.
        .target(name: "XchangeSchemaTools", dependencies: ["XchangeCore", "XchangeYAML"]),
        // The built-in format modules, one folder each.
        .target(name: "XchangeFormats", dependencies: ["XchangeCore", "XchangeYAML", "XchangeJSON"]),
        // The conformance suite every format module runs (built in, scaffolded or external).
        .target(name: "XchangeModuleTesting", dependencies: ["XchangeCore", "XchangeSynthetic"]),
        // The provincial submission package (`platform` format module) and platform profiles.
        .target(
            name: "XchangePlatform",
            dependencies: [
                "XchangeCore", "XchangeFormats", "XchangeJSON", "XchangeYAML", "CCurl",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Pipelines described in YAML: sources, registered steps, atomic sinks (`xchange run`).
        .target(
            name: "XchangePipeline", dependencies: ["XchangeCore", "XchangeFormats", "XchangeYAML", "XchangeJSON"]),
        // The command-line tool: a thin shell over the libraries.
        .executableTarget(
            name: "xchange",
            dependencies: [
                "XchangeCore", "XchangeFormats", "XchangeSchemaTools", "XchangeJSON", "XchangeSynthetic",
                "XchangePlatform", "XchangePipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput and memory benchmarks; run with `swift run -c release xchange-bench`.
        .executableTarget(
            name: "xchange-bench",
            dependencies: [
                "XchangeCore", "XchangeFormats", "XchangeSynthetic", "XchangePipeline", "CYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Regenerates Sources/XchangeCore/Schema/CanonicalSchema+Generated.swift from schemas/.
        .plugin(
            name: "GenerateSchemaCode",
            capability: .command(
                intent: .custom(
                    verb: "generate-schema-code", description: "Regenerate the Swift schema catalog from schemas/"),
                permissions: [
                    .writeToPackageDirectory(reason: "Writes the generated schema catalog into Sources/XchangeCore")
                ]
            ),
            dependencies: ["xchange"]
        ),
        // Scaffolds a new built-in format module with its conformance test.
        .plugin(
            name: "NewFormat",
            capability: .command(
                intent: .custom(
                    verb: "new-format",
                    description: "Create a format module in Sources/XchangeFormats with a conformance test"),
                permissions: [
                    .writeToPackageDirectory(
                        reason: "Writes the new module, its test, and its line in BuiltinFormats.swift")
                ]
            )
        ),

        .testTarget(name: "XchangeYAMLTests", dependencies: ["XchangeYAML", "XchangeSynthetic"]),
        .testTarget(name: "XchangeJSONTests", dependencies: ["XchangeJSON", "XchangeSynthetic"]),
        .testTarget(name: "XchangeCoreTests", dependencies: ["XchangeCore"]),
        .testTarget(
            name: "XchangeSchemaToolsTests", dependencies: ["XchangeSchemaTools", "XchangeCore", "XchangeFormats"]),
        .testTarget(name: "XchangeSyntheticTests", dependencies: ["XchangeSynthetic", "XchangeCore"]),
        // Temporary folders and project paths for the test targets.
        .target(name: "XchangeTestSupport", path: "Tests/XchangeTestSupport"),
        .testTarget(
            name: "XchangeFormatsTests",
            dependencies: [
                "XchangeFormats", "XchangeCore", "XchangeYAML", "XchangeSynthetic", "XchangeModuleTesting",
                "XchangeTestSupport",
            ]),
        .testTarget(name: "XchangeModuleTestingTests", dependencies: ["XchangeModuleTesting", "XchangeCore"]),
        .testTarget(
            name: "XchangePlatformTests",
            dependencies: [
                "XchangePlatform", "XchangeCore", "XchangeFormats", "XchangeJSON", "XchangeSynthetic",
                "XchangeModuleTesting", "XchangeTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "XchangePipelineTests",
            dependencies: ["XchangePipeline", "XchangeCore", "XchangeFormats", "XchangeJSON", "XchangeSynthetic"]),
        .testTarget(name: "xchangeTests", dependencies: ["xchange"]),
    ]
)

// MARK: - Provincial platform: the reference receiving server (issue 8)
// (The upload client lives in XchangePlatform/Upload, declared above.)

package.dependencies += [
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
]
package.products += [
    .executable(name: "xchange-platform", targets: ["xchange-platform"])
]
package.targets += [
    // The reference receiving server: HTTP API, token file, durable SQLite store.
    // GRDB links the system's SQLite (Debian: libsqlite3-dev).
    .target(
        name: "XchangePlatformServer",
        dependencies: [
            "XchangePlatform", "XchangeCore", "XchangeFormats", "XchangeJSON", "XchangeYAML",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]
    ),
    // `xchange-platform serve|token|list`: a thin shell over XchangePlatformServer.
    .executableTarget(
        name: "xchange-platform",
        dependencies: [
            "XchangePlatformServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
    .testTarget(
        name: "XchangePlatformServerTests",
        dependencies: [
            "XchangePlatformServer", "XchangePlatform", "XchangeCore", "XchangeFormats", "XchangeJSON", "XchangeYAML",
            "XchangeSynthetic", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]
    ),
]
