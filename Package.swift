// swift-tools-version: 6.2
import PackageDescription

/// Swift 6 language mode everywhere, with the two upcoming features the
/// project's models use: explicit `any` and imports that say what they use.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Gleaner",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gleaner", targets: ["gleaner"]),
        .library(name: "ArticleExtraction", targets: ["ArticleExtraction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The extraction core: bytes in, facts out. No Glibc, no file I/O, no C.
        .target(
            name: "ArticleExtraction",
            exclude: ["Gazetteer/DATA-LICENSES.md"],
            swiftSettings: strictSettings
        ),

        // C system libraries, used directly (Debian: zlib1g-dev, libssl-dev).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLibCrypto", path: "Sources/CLibCrypto"),

        // Reading one article file from disk: refusal of non-regular files,
        // size caps, gzip through zlib, SHA-256 through libcrypto.
        .target(
            name: "ArticleFile",
            dependencies: ["CZlib", "CLibCrypto"],
            swiftSettings: strictSettings
        ),

        // The command line: thin, argument parsing and calls into the modules.
        .executableTarget(
            name: "gleaner",
            dependencies: [
                "ArticleExtraction",
                "ArticleFile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // Benchmarks (release build): see bench/README.md.
        .executableTarget(
            name: "gleaner-bench",
            dependencies: ["ArticleExtraction", "ArticleFile"],
            path: "bench/ExtractionBenchmark",
            swiftSettings: strictSettings
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(
            name: "ArticleExtractionTests",
            dependencies: ["ArticleExtraction"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArticleFileTests",
            dependencies: ["ArticleFile", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GleanerCLITests",
            dependencies: ["gleaner", "TestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
