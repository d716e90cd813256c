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
        .executable(name: "gleaner-train", targets: ["gleaner-train"]),
        .library(name: "ArticleExtraction", targets: ["ArticleExtraction"]),
        // For the fuzzing package in fuzz/.
        .library(name: "ArticleFile", targets: ["ArticleFile"]),
        .library(name: "Configuration", targets: ["Configuration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The extraction core: bytes in, facts out. No Glibc, no file I/O, no C.
        .target(
            name: "ArticleExtraction",
            exclude: ["Gazetteer/DATA-LICENSES.md"],
            swiftSettings: strictSettings
        ),

        // Links across articles (pure, no I/O): name forms and canonical keys,
        // MinHash signatures for near-duplicates, and the story-matching score.
        .target(
            name: "ArticleLinking",
            dependencies: ["ArticleExtraction"],
            swiftSettings: strictSettings
        ),

        // C system libraries, used directly (Debian: zlib1g-dev, libssl-dev).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLibCrypto", path: "Sources/CLibCrypto"),
        // Debian: libsqlite3-dev. Linux system calls Glibc does not export.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),

        // Reading one article file from disk: refusal of non-regular files,
        // size caps, gzip through zlib, SHA-256 through libcrypto.
        .target(
            name: "ArticleFile",
            dependencies: ["CZlib", "CLibCrypto"],
            swiftSettings: strictSettings
        ),

        // The SQLite store: a thin connection/statement layer, the schema and
        // its migrations, and the writes intake makes.
        .target(
            name: "ArticleStore",
            dependencies: ["CSQLite", "ArticleExtraction", "ArticleLinking"],
            swiftSettings: strictSettings
        ),

        // The configuration file (a TOML subset with line numbers in errors)
        // and the settings it holds.
        .target(name: "Configuration", swiftSettings: strictSettings),

        // The state directory's layout and the file operations that keep it
        // safe (atomic writes, renames that never replace, directory fsync):
        // shared by intake and the digests.
        .target(
            name: "StateFiles",
            dependencies: ["ArticleFile", "CLinux"],
            swiftSettings: strictSettings
        ),

        // One pass over the inbox: list, read, extract in parallel, store,
        // move out. The daemon triggers passes; `gleaner run --once` makes one.
        .target(
            name: "Intake",
            dependencies: [
                "ArticleExtraction", "ArticleFile", "ArticleStore", "StateFiles", "CLinux",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // Digests: read from the store, rendered as Markdown, JSON and HTML
        // (pure), written whole after each run.
        .target(
            name: "Digest",
            dependencies: ["ArticleStore", "ArticleExtraction", "StateFiles", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),

        // The daemon: inotify watcher, sd_notify, and the service that runs
        // intake on each trigger (swift-service-lifecycle).
        .target(
            name: "Daemon",
            dependencies: [
                "Intake", "ArticleStore", "Digest", "StateFiles", "CLinux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),

        // The command line: thin, argument parsing and calls into the modules.
        .executableTarget(
            name: "gleaner",
            dependencies: [
                "ArticleExtraction", "ArticleFile", "ArticleLinking", "ArticleStore", "Configuration", "Intake", "Digest",
                "Daemon", "StateFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),

        // Learning the core's entity-type model from annotated articles, and
        // the program that writes its weights (Foundation is fine here: it
        // never runs in the daemon).
        .target(
            name: "ModelTraining",
            dependencies: ["ArticleExtraction", "ArticleFile"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "gleaner-train",
            dependencies: ["ModelTraining", "ArticleExtraction", .product(name: "ArgumentParser", package: "swift-argument-parser")],
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
            exclude: ["FuzzRegressions"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArticleLinkingTests",
            dependencies: ["ArticleLinking"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ModelTrainingTests",
            dependencies: ["ModelTraining", "ArticleExtraction"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArticleFileTests",
            dependencies: ["ArticleFile", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArticleStoreTests",
            dependencies: ["ArticleStore", "ArticleExtraction", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConfigurationTests",
            dependencies: ["Configuration"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GleanerCLITests",
            dependencies: ["gleaner", "ArticleStore", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ]
)
