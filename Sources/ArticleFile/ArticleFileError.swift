/// Why one article file could not be read, in words a user can act on.
///
/// Every case names the file; `description` is the sentence that goes into
/// an `error` line of `gleaner extract` and, later, into `failed/NAME.error.json`.
public struct ArticleFileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The stage that failed, stable for machines: `open`, `read`, `gzip`.
    public enum Stage: String, Sendable {
        case open, read, gzip
    }

    /// The path as given by the caller.
    public let path: String
    /// Where in reading the file it failed.
    public let stage: Stage
    /// The reason, without the path ("not a regular file (FIFO)").
    public let reason: String

    /// The system's error number when a system call failed (`ENOENT`, ...).
    public let systemError: Int32?

    public init(path: String, stage: Stage, reason: String, systemError: Int32? = nil) {
        self.path = path
        self.stage = stage
        self.reason = reason
        self.systemError = systemError
    }

    public var description: String { "Unable to read '\(path)': \(reason)." }
}
