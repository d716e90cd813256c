import CSQLite

/// A value SQLite stores: what parameters bind to and columns read as.
public enum SQLiteValue: Sendable, Equatable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null

    /// `.text` or `.null`.
    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    /// `.integer` or `.null`.
    public init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
    /// `.integer` or `.null`.
    public init(_ number: Int64?) { self = number.map { .integer($0) } ?? .null }

    public var integer: Int64? { if case .integer(let v) = self { v } else { nil } }
    public var real: Double? {
        switch self {
        case .real(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }
    public var text: String? { if case .text(let v) = self { v } else { nil } }
    public var blob: [UInt8]? { if case .blob(let v) = self { v } else { nil } }

    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .text(let v): v
        case .blob(let v): "BLOB(\(v.count) bytes)"
        case .null: "NULL"
        }
    }
}

extension SQLiteValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral
{
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .real(value) }
}

/// A compiled statement. Owns its `sqlite3_stmt*` and finalizes it on deinit;
/// keep one and reuse it (bind, step, reset) for statements run per article.
public final class SQLiteStatement {
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String
    // Keeps the connection open while the statement lives.
    private let connection: SQLiteConnection

    init(handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and binds `values` to parameters 1, 2, ... in order.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
            case .real(let v): code = sqlite3_bind_double(handle, index, v)
            case .null: code = sqlite3_bind_null(handle, index)
            case .blob(let v) where v.isEmpty: code = sqlite3_bind_zeroblob(handle, index, 0)
            case .blob(let v):
                code = v.withUnsafeBytes { gleaner_sqlite3_bind_blob_transient(handle, index, $0.baseAddress, Int32($0.count)) }
            case .text(var v):
                if v.isEmpty {
                    // A nil pointer would bind NULL; an empty string stays empty text.
                    code = gleaner_sqlite3_bind_text_transient(handle, index, "", 0)
                } else {
                    code = v.withUTF8 { bytes in
                        bytes.withMemoryRebound(to: CChar.self) {
                            gleaner_sqlite3_bind_text_transient(handle, index, $0.baseAddress, Int32($0.count))
                        }
                    }
                }
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection.handle, sql: sql) }
        }
    }

    /// Advances to the next row: `true` when a row is ready to read, `false` when done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw SQLiteError(code: code, connection: connection.handle, sql: sql)
        }
    }

    /// Binds `values` and runs the statement to completion (an `INSERT`, `UPDATE`, ...).
    public func run(_ values: SQLiteValue...) throws(SQLiteError) {
        try bind(values)
        while try step() {}
    }

    /// Binds `values` and returns the first column of the first row, or `nil` when there is none.
    public func firstValue(_ values: SQLiteValue...) throws(SQLiteError) -> SQLiteValue? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        // Not `step() ? value(at: 0) : nil`: SQLiteValue is ExpressibleByNilLiteral,
        // so that `nil` would be `.null` and "no row" would look like a NULL.
        guard try step() else { return nil }
        return value(at: 0)
    }

    /// The number of columns each row has.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Column `index` (0-based) of the current row.
    public func value(at index: Int) -> SQLiteValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_NULL: return .null
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            guard let text = sqlite3_column_text(handle, column) else { return .null }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        }
    }
}
