import Foundation
import Testing

@testable import Configuration

@Suite("Config/gleaner.toml")
struct ShippedConfigurationTests {
    /// The shipped file, found from this source file's place in the repository.
    static var shippedFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/gleaner.toml").path
    }

    @Test func theShippedFileParsesAndItsCommentedValuesAreTheDefaults() throws {
        let text = try String(contentsOfFile: Self.shippedFile, encoding: .utf8)
        var shipped = GleanerConfiguration()
        try shipped.load(file: "gleaner.toml", contents: text)
        #expect(shipped.origins.isEmpty, "every key is commented out")

        // Uncommenting every `# key = value` line gives the built-in defaults.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let words = line.dropFirst(2).split(separator: " ", maxSplits: 2)
            return line.hasPrefix("# ") && words.count == 3 && words[1] == "=" ? line.dropFirst(2) : line
        }.joined(separator: "\n")
        var defaults = GleanerConfiguration()
        try defaults.load(file: "gleaner.toml", contents: uncommented)
        for key in GleanerConfiguration.keys where key.name != "state_dir" {
            #expect(defaults.origins[key.name] != nil, "\(key.name) is not in Config/gleaner.toml")
        }
        var builtIn = GleanerConfiguration()
        builtIn.stateDirectory = defaults.stateDirectory
        for key in GleanerConfiguration.keys where !key.name.hasSuffix("_dir") && key.name != "database" {
            #expect(key.show(defaults) == key.show(builtIn), "\(key.name)")
        }
    }
}
