import Testing

@testable import Configuration

@Suite("Configuration")
struct ConfigurationTests {
    @Test func tablesCommentsAndScalarsAreRead() throws {
        let entries = try ConfigurationFile.parse(
            """
            # a comment
            state_dir = "/srv/gleaner"   # trailing comment
            time_zone = 'Europe/Rome'

            [intake]
            settle_seconds = 2.5
            max_file_mib = 1_024
            """, source: "g.toml")
        #expect(entries.map(\.key) == ["state_dir", "time_zone", "intake.settle_seconds", "intake.max_file_mib"])
        #expect(entries[0].value == .string("/srv/gleaner"))
        #expect(entries[2].value == .float(2.5))
        #expect(entries[3].value == .integer(1024))
        #expect(entries[3].line == 7)
    }

    @Test func mistakesNameTheFileTheLineAndWhatIsExpected() throws {
        var configuration = GleanerConfiguration()
        let unknown = try #require(throws: ConfigurationError.self) {
            try configuration.load(file: "g.toml", contents: "\n[intake]\nsetle_seconds = 1\n")
        }
        #expect(unknown.description.hasPrefix("g.toml:3: unknown key 'intake.setle_seconds'; known keys: state_dir"))
        let range = try #require(throws: ConfigurationError.self) {
            try configuration.load(file: "g.toml", contents: "[intake]\nworkers = -1\n")
        }
        #expect(range.description == "g.toml:2: 'intake.workers' is -1, expected a whole number from 0 to 256")
        let syntax = try #require(throws: ConfigurationError.self) {
            try configuration.load(file: "g.toml", contents: "inbox_dir = [\"a\"]\n")
        }
        #expect(syntax.description.hasPrefix("g.toml:1: 'inbox_dir' has a value that is not a string, number or boolean"))
        #expect(throws: ConfigurationError.self) { try configuration.load(file: "g.toml", contents: "a = 1\na = 2\n") }
    }

    @Test func environmentOverridesTheFileAndOriginsSayWhere() throws {
        var configuration = GleanerConfiguration()
        try configuration.load(file: "g.toml", contents: "[intake]\nbatch_files = 10\nworkers = 2\n")
        try configuration.applyEnvironment(["GLEANER_INTAKE_WORKERS": "4", "GLEANER_STATE_DIR": "/tmp/s"])
        #expect(configuration.batchFiles == 10)
        #expect(configuration.workers == 4)
        #expect(configuration.stateDirectory == "/tmp/s")
        #expect(configuration.origins["intake.batch_files"] == "g.toml:2")
        #expect(configuration.origins["intake.workers"] == "$GLEANER_INTAKE_WORKERS")
        #expect(GleanerConfiguration.keys.first { $0.name == "intake.settle_seconds" }?.environmentVariable
            == "GLEANER_INTAKE_SETTLE_SECONDS")
    }
}
