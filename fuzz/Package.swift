// swift-tools-version: 6.2
import PackageDescription

/// libFuzzer targets over Gleaner's parsers. A package of its own, because a
/// fuzz target has no `main` (libFuzzer brings it) and would not link in a
/// normal build. Build and run: see fuzz/README.md.
let package = Package(
    name: "GleanerFuzz",
    dependencies: [.package(name: "Gleaner", path: "..")],
    targets: [
        .executableTarget(
            name: "ExtractionFuzzer",
            dependencies: [
                .product(name: "ArticleExtraction", package: "Gleaner"),
                .product(name: "ArticleFile", package: "Gleaner"),
                .product(name: "Configuration", package: "Gleaner"),
            ]
        )
    ]
)
