import StateFiles
import ArticleStore

/// Why a run could not start or had to stop. Files are never lost by these:
/// whatever was not committed and moved is still in the inbox.
public enum IntakeError: Error, CustomStringConvertible, Sendable {
    /// A directory of the state layout could not be made or read.
    case fileSystem(FileSystemError)
    /// The database could not be opened or written.
    case store(SQLiteError, path: String)
    /// Another Gleaner holds the lock on this database.
    case locked(lockFile: String)
    /// The layout cannot work as configured.
    case layout(String)

    public var description: String {
        switch self {
        case .fileSystem(let error): error.description
        case .store(let error, let path): "Database '\(path)': \(error.description)"
        case .locked(let lockFile):
            "Another gleaner is already running on this state directory (it holds '\(lockFile)')."
        case .layout(let message): message
        }
    }
}
