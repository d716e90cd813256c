import CSQLite

/// An error SQLite returned, with its result code, its message and the SQL
/// that was running. Bound values are never included: they may be article text.
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// SQLite's extended result code (`SQLITE_CONSTRAINT_UNIQUE` is 2067).
    public let code: Int32
    /// SQLite's message (`sqlite3_errmsg`), or the result code's text.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_FULL`, ...), without the extended bits.
    public var primaryCode: Int32 { code & 0xFF }

    /// "SQLite error 19: NOT NULL constraint failed: articles.sha256 - while executing `INSERT ...`"
    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }

    /// Reads the connection's last error after a call returned `code`.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        let message: String
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        self.init(code: code, message: message, sql: sql)
    }
}
