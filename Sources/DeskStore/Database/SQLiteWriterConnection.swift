import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// The SQLite writer connection, used through SQLite's C interface on the writer's own thread, with its statements
/// kept prepared.
///
/// Why not SQLiteNIO's `SQLiteConnection` for the writer: it sends every statement to a thread pool and resumes the
/// caller afterwards (two thread wake-ups per statement on two busy cores) and prepares every statement anew, which for
/// the ticket-batch insert means compiling its trigger's five inserts every batch. The single writer's wall time per
/// ticket is what bounds creation on SQLite, so both came straight off the throughput (BENCHMARKS.md, session 5).
/// Blocking is fine here: write transactions run on the writer's dedicated event loop (``EventLoopTaskExecutor``),
/// which serves nothing else. Readers stay on SQLiteNIO: on event-loop threads a slow read would block HTTP.
///
/// It uses SQLiteNIO's own build of SQLite (`VaporCSQLite`, the library the readers use), its value type `SQLiteData`
/// and SQLiteKit's dialect, encoder and decoder, so the store's SQLKit statements run unchanged.
final class SQLiteWriterConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: CachedStatement] = [:]
    private var uses: UInt64 = 0
    /// The WAL hook's context (``handCheckpoints(to:)``), held here so it lives as long as the hook.
    private var walHookTarget: SQLiteCheckpointer?
    /// Guards against misuse only: the write lock already lets one transaction at a time reach the connection.
    private let lock = NIOLock()
    /// Statements kept prepared. Lookups with `IN (…)` lists give one text per list length, so the cache is bounded and
    /// drops the statement used longest ago.
    static let statementCacheLimit = 96

    private struct CachedStatement {
        let statement: OpaquePointer
        var lastUse: UInt64
    }

    init(path: String) throws {
        var handle: OpaquePointer?
        // NOMUTEX: SQLite's per-connection mutex would only repeat what `lock` and the write lock already ensure.
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "could not open the database file"
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            throw SQLiteWriterError(status: status, message: message)
        }
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Finalises the cached statements and closes the connection; later statements fail.
    func close() {
        lock.withLock {
            for cached in statements.values { sqlite_nio_sqlite3_finalize(cached.statement) }
            statements.removeAll()
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    /// After every commit, tells `checkpointer` how long the log is, instead of checkpointing on this connection (SQLite's
    /// automatic checkpoint is itself such a hook, which this replaces). The connection keeps `checkpointer` alive.
    func handCheckpoints(to checkpointer: SQLiteCheckpointer) {
        lock.withLock {
            guard let handle else { return }
            walHookTarget = checkpointer
            sqlite_nio_sqlite3_wal_hook(
                handle,
                { context, database, _, frames in
                    guard let context else { return SQLITE_OK }
                    return Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(walFrames: Int(frames), writer: database)
                },
                Unmanaged.passUnretained(checkpointer).toOpaque()
            )
        }
    }

    /// The statement cache's size, for tests.
    var cachedStatements: Int { lock.withLock { statements.count } }

    /// Runs one statement with `binds`, calling `onRow` for each result row, on the calling thread.
    func run(_ sql: String, _ binds: [SQLiteData], onRow: (SQLiteWriterRow) throws -> Void) throws {
        try lock.withLock {
            guard let handle else { throw SQLiteWriterError(status: SQLITE_MISUSE, message: "the connection is closed") }
            let statement = try prepared(sql, handle: handle)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            for (index, value) in binds.enumerated() {
                let status = Self.bind(value, at: Int32(index + 1), to: statement)
                guard status == SQLITE_OK else { throw Self.error(status, handle) }
            }
            var columns: SQLiteWriterColumns?
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                if status == SQLITE_DONE { return }
                guard status == SQLITE_ROW else { throw Self.error(status, handle) }
                let names = columns ?? SQLiteWriterColumns(statement)
                columns = names
                var values: [SQLiteData] = []
                values.reserveCapacity(names.names.count)
                for offset in 0..<Int32(names.names.count) { values.append(Self.value(statement, offset)) }
                try onRow(SQLiteWriterRow(columns: names, values: values))
            }
        }
    }

    private func prepared(_ sql: String, handle: OpaquePointer) throws -> OpaquePointer {
        uses &+= 1
        if let cached = statements[sql] {
            statements[sql]?.lastUse = uses
            return cached.statement
        }
        var statement: OpaquePointer?
        var trailing = false
        let status = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let status = sqlite_nio_sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            // SQLite compiles the first statement of a text; a second one would silently not run.
            trailing = tail.map { String(cString: $0).contains { !$0.isWhitespace && $0 != ";" } } ?? false
            return status
        }
        guard status == SQLITE_OK, let statement else { throw Self.error(status, handle) }
        guard !trailing else {
            sqlite_nio_sqlite3_finalize(statement)
            throw SQLiteWriterError(status: SQLITE_MISUSE, message: "one statement at a time: the text holds more than one")
        }
        if statements.count >= Self.statementCacheLimit, let oldest = statements.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            sqlite_nio_sqlite3_finalize(oldest.value.statement)
            statements.removeValue(forKey: oldest.key)
        }
        statements[sql] = CachedStatement(statement: statement, lastUse: uses)
        return statement
    }

    private static func bind(_ value: SQLiteData, at position: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite_nio_sqlite3_bind_int64(statement, position, Int64(number))
        case .float(let number):
            return sqlite_nio_sqlite3_bind_double(statement, position, number)
        case .text(var text):
            return text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite_nio_sqlite3_bind_text64(statement, position, "", 0, transient, UInt8(SQLITE_UTF8))
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite_nio_sqlite3_bind_text64(statement, position, $0, UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite_nio_sqlite3_bind_zeroblob(statement, position, 0) }
                return sqlite_nio_sqlite3_bind_blob64(statement, position, base, UInt64(bytes.count), transient)
            }
        case .null:
            return sqlite_nio_sqlite3_bind_null(statement, position)
        }
    }

    private static func value(_ statement: OpaquePointer, _ offset: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, offset) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, offset)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, offset))
        case SQLITE_TEXT:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, offset))
            guard let text = sqlite_nio_sqlite3_column_text(statement, offset) else { return .text("") }
            return .text(String(decoding: UnsafeRawBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, offset))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, offset) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default:
            return .null
        }
    }

    /// The failure SQLite reported; its message names a constraint or a syntax error, never a bound value.
    private static func error(_ status: Int32, _ handle: OpaquePointer) -> SQLiteWriterError {
        SQLiteWriterError(status: status, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "unknown error")
    }

    /// SQLite copies bound values (`SQLITE_TRANSIENT`), so Swift's buffers may go away once a bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A failure reported by SQLite on the writer: its extended result code and message.
struct SQLiteWriterError: Error, CustomStringConvertible {
    var status: Int32
    var message: String

    var description: String { "SQLite error \(status): \(message)" }
}

/// The column names of one statement's result, shared by its rows.
final class SQLiteWriterColumns: Sendable {
    let names: [String]
    let offsets: [String: Int]

    init(_ statement: OpaquePointer) {
        let count = Int(sqlite_nio_sqlite3_column_count(statement))
        var names: [String] = []
        var offsets: [String: Int] = [:]
        for index in 0..<count {
            let name = sqlite_nio_sqlite3_column_name(statement, Int32(index)).map { String(cString: $0) } ?? ""
            names.append(name)
            if offsets[name] == nil { offsets[name] = index }
        }
        self.names = names
        self.offsets = offsets
    }
}

/// One result row of the writer, read through SQLKit's `SQLRow` like SQLiteNIO's rows.
struct SQLiteWriterRow: SQLRow, Sendable {
    let columns: SQLiteWriterColumns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.offsets[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.offsets[column] else { return true }
        return values[offset] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let offset = columns.offsets[column] else { throw SQLiteWriterError(status: SQLITE_RANGE, message: "no column \(column)") }
        return try Self.decoder.decode(D.self, from: values[offset])
    }

    private static let decoder = SQLiteDataDecoder()
}

/// SQLKit's view of the writer connection: a statement is serialised with SQLite's dialect and run at once, on the
/// calling thread (the writer's event loop).
struct SQLiteWriterDatabase: SQLDatabase {
    let connection: SQLiteWriterConnection
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var version: (any SQLDatabaseReportedVersion)? { nil }

    private static let encoder = SQLiteDataEncoder()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        let binds = try serializer.binds.map { try Self.encoder.encode($0) }
        try connection.run(serializer.sql, binds) { onRow($0) }
    }
}
