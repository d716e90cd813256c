/// Where Gleaner keeps its files: the inbox, the archive, the failed files,
/// the digests and the database.
///
/// The state directory is, in order: an explicit choice (`--state-dir`),
/// the configuration's `state_dir`, `$GLEANER_STATE_DIR`, `$STATE_DIRECTORY`
/// (what systemd's `StateDirectory=` sets; the first of a colon-separated
/// list), else `./var`. Each other path defaults to its place in it.
public struct StateLayout: Sendable, Equatable {
    public let stateDirectory: String
    public let inbox: String
    public let archive: String
    public let failed: String
    public let digests: String
    public let database: String

    /// The lock file that keeps a second Gleaner off the same database.
    public var lockFile: String { database + ".lock" }
    /// The inbox files being read or recorded now; left behind when the process dies.
    public var inFlightFile: String { database + ".inflight" }
    /// How many times the process died while each inbox file was in flight.
    public var suspectsFile: String { database + ".suspects" }

    public init(
        stateDirectory: String, inbox: String? = nil, archive: String? = nil, failed: String? = nil,
        digests: String? = nil, database: String? = nil
    ) {
        let state = Self.trimmingTrailingSlashes(stateDirectory)
        func place(_ path: String?, _ name: String) -> String {
            guard let path else { return state + "/" + name }
            let trimmed = Self.trimmingTrailingSlashes(path)
            return trimmed.hasPrefix("/") ? trimmed : state + "/" + trimmed
        }
        self.stateDirectory = state
        self.inbox = place(inbox, "inbox")
        self.archive = place(archive, "archive")
        self.failed = place(failed, "failed")
        self.digests = place(digests, "digests")
        self.database = place(database, "gleaner.sqlite")
    }

    /// The state directory the rules above choose.
    /// - Parameter configured: the configuration file's `state_dir`, if any.
    public static func resolveStateDirectory(
        explicit: String?, configured: String?, environment: [String: String]
    ) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let configured, !configured.isEmpty { return configured }
        if let own = environment["GLEANER_STATE_DIR"], !own.isEmpty { return own }
        if let systemd = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !systemd.isEmpty {
            return String(systemd)
        }
        return "./var"
    }

    /// Creates every directory that is missing (and the database's directory).
    /// - Throws: ``FileSystemError`` naming the directory that could not be made.
    public func createDirectories() throws(FileSystemError) {
        for directory in [stateDirectory, inbox, archive, failed, digests, FileSystem.parentDirectory(database)] {
            try FileSystem.makeDirectories(directory)
        }
    }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
