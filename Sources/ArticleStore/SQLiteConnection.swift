import CSQLite

/// One open SQLite database. Owns its `sqlite3*` handle and closes it on deinit.
///
/// Not thread-safe as a Swift value: use it from one task at a time (SQLite's
/// own mutex makes a hop between threads safe, not concurrent use).
public final class SQLiteConnection {
    let handle: OpaquePointer
    /// The database file's path as opened.
    public let path: String

    /// Opens (and creates, unless `readOnly`) the database at `path`.
    ///
    /// Extended result codes are turned on and `busyTimeoutMilliseconds` is set,
    /// so a second writer waits for the lock instead of failing at once.
    /// - Throws: ``SQLiteError`` when the file cannot be opened.
    public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5_000) throws(SQLiteError) {
        var pointer: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let error = SQLiteError(code: code, connection: pointer, sql: nil)
            sqlite3_close_v2(pointer)
            throw SQLiteError(code: error.code, message: "\(error.message) (opening '\(path)')")
        }
        handle = pointer
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        // Readers (digests, status, search) read the file through a memory map:
        // a digest of a large day touches tens of thousands of pages, and a
        // read call for each costs more than the query.
        if readOnly { sqlite3_exec(handle, "PRAGMA mmap_size = 1073741824", nil, nil, nil) }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters and return no rows
    /// the caller needs (schema changes, pragmas, `BEGIN`).
    public func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: handle, sql: sql) }
    }

    /// Compiles `sql` into a statement that can be run many times.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, connection: handle, sql: sql)
        }
        return SQLiteStatement(handle: statement, connection: self, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT`, rolling back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rows `sql` returns, each as its columns' values: for queries a
    /// caller runs once (tests, status). Parameters are bound, never spliced.
    public func rows(_ sql: String, _ parameters: SQLiteValue...) throws(SQLiteError) -> [[SQLiteValue]] {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        var rows: [[SQLiteValue]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.value(at: $0) })
        }
        return rows
    }

    /// Runs `sql` (an `INSERT`, `UPDATE` or `DELETE`) to completion with
    /// `parameters` bound: for statements a caller runs once.
    public func run(_ sql: String, _ parameters: SQLiteValue...) throws(SQLiteError) {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        while try statement.step() {}
    }

    /// The first column of the first row of `sql`, or `.null` when there is no row.
    public func scalar(_ sql: String, _ parameters: SQLiteValue...) throws(SQLiteError) -> SQLiteValue {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        return try statement.step() ? statement.value(at: 0) : .null
    }

    /// The rowid of the most recent successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

}
