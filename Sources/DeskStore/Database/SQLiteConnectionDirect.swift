import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// One SQLite connection used directly through SQLite's C interface, on the calling thread, with a cache of prepared
/// statements.
///
/// Why not SQLiteNIO's `SQLiteConnection`: it sends every statement to a thread pool and back (two thread switches per
/// statement) and prepares every statement anew. Our statements are short (tens of microseconds), so the switches and
/// the parsing cost more than the work; see ARCHITECTURE.md ("SQLite on the calling thread") and BENCHMARKS.md for the
/// measurement. We still use SQLiteNIO's build of SQLite (`VaporCSQLite`), its value type `SQLiteData` and SQLiteKit's
/// dialect, encoder and decoder, so SQL written for SQLKit runs unchanged.
///
/// A connection is used by one task at a time (the writer behind the write lock, a reader checked out of the pool);
/// the lock here only guards against misuse.
final class SQLiteConnectionDirect: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private let lock = NIOLock()
    /// Statements kept prepared. Batched inserts produce one text per batch size, so the cache is bounded.
    private static let statementCacheLimit = 128

    init(path: String, readOnly: Bool) throws {
        var handle: OpaquePointer?
        // NOMUTEX: SQLite's own per-connection mutex is redundant with `lock` and the one-task-at-a-time rule.
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            if let handle { sqlite_nio_sqlite3_close(handle) }
            throw SQLiteDirectError(status: status, message: "could not open the database file")
        }
        self.handle = handle
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        close()
    }

    /// Finalises every cached statement and closes the connection; later calls fail.
    func close() {
        lock.withLock {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    /// Runs one statement with `binds`, calling `onRow` for each result row.
    func run(_ sql: String, _ binds: [SQLiteData], onRow: (SQLiteDirectRow) throws -> Void) throws {
        try lock.withLock {
            guard let handle else { throw SQLiteDirectError(status: SQLITE_MISUSE, message: "the connection is closed") }
            let statement = try prepared(sql, handle: handle)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            for (index, value) in binds.enumerated() {
                let position = Int32(index + 1)
                let status: Int32
                switch value {
                case .integer(let number): status = sqlite_nio_sqlite3_bind_int64(statement, position, Int64(number))
                case .float(let number): status = sqlite_nio_sqlite3_bind_double(statement, position, number)
                case .text(let text):
                    var text = text
                    status = text.withUTF8 { bytes in
                        guard let base = bytes.baseAddress, !bytes.isEmpty else {
                            return sqlite_nio_sqlite3_bind_text64(statement, position, "", 0, Self.transient, UInt8(SQLITE_UTF8))
                        }
                        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                            sqlite_nio_sqlite3_bind_text64(statement, position, $0, UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
                        }
                    }
                case .blob(let buffer):
                    status = buffer.withUnsafeReadableBytes { bytes in
                        guard let base = bytes.baseAddress, !bytes.isEmpty else {
                            return sqlite_nio_sqlite3_bind_zeroblob(statement, position, 0)
                        }
                        return sqlite_nio_sqlite3_bind_blob64(statement, position, base, UInt64(bytes.count), Self.transient)
                    }
                case .null: status = sqlite_nio_sqlite3_bind_null(statement, position)
                }
                guard status == SQLITE_OK else { throw error(status, handle) }
            }
            var columns: SQLiteDirectColumns?
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                if status == SQLITE_DONE { return }
                guard status == SQLITE_ROW else { throw error(status, handle) }
                let names = columns ?? SQLiteDirectColumns(statement)
                columns = names
                var values: [SQLiteData] = []
                values.reserveCapacity(names.names.count)
                for offset in 0..<Int32(names.names.count) {
                    values.append(Self.value(statement, offset))
                }
                try onRow(SQLiteDirectRow(columns: names, values: values, decoder: Self.decoder))
            }
        }
    }

    /// Runs SQL text that may hold several statements and takes no binds (pragmas, migrations' DDL is not sent here).
    func execute(script: String) throws {
        try lock.withLock {
            guard let handle else { throw SQLiteDirectError(status: SQLITE_MISUSE, message: "the connection is closed") }
            let status = sqlite_nio_sqlite3_exec(handle, script, nil, nil, nil)
            guard status == SQLITE_OK else { throw error(status, handle) }
        }
    }

    private func prepared(_ sql: String, handle: OpaquePointer) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, handle) }
        if statements.count >= Self.statementCacheLimit, let victim = statements.first {
            sqlite_nio_sqlite3_finalize(victim.value)
            statements.removeValue(forKey: victim.key)
        }
        statements[sql] = statement
        return statement
    }

    private func error(_ status: Int32, _ handle: OpaquePointer) -> SQLiteDirectError {
        // The message names the failing constraint or syntax, never bound values.
        let message = sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "unknown error"
        return SQLiteDirectError(status: status, message: message)
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

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private static let decoder = SQLiteDataDecoder()
}

/// A failure reported by SQLite: its result code and message (which never quotes bound values).
struct SQLiteDirectError: Error, CustomStringConvertible {
    var status: Int32
    var message: String

    var description: String { "SQLite error \(status): \(message)" }

    /// SQLite's primary result code (the low byte of an extended one), e.g. `SQLITE_CONSTRAINT`.
    var primaryStatus: Int32 { status & 0xFF }
}

/// The column names of one statement's result, shared by its rows.
final class SQLiteDirectColumns: Sendable {
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

/// One result row, read through SQLKit's `SQLRow`.
struct SQLiteDirectRow: SQLRow, Sendable {
    let columns: SQLiteDirectColumns
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.offsets[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.offsets[column] else { return true }
        return values[offset] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let offset = columns.offsets[column] else { throw SQLiteDirectError(status: SQLITE_RANGE, message: "no column \(column)") }
        let value = values[offset]
        // The common types directly; everything else through SQLiteKit's decoder.
        switch value {
        case .text(let text) where D.self == String.self: return text as! D
        case .integer(let number) where D.self == Int64.self: return Int64(number) as! D
        case .integer(let number) where D.self == Int.self: return number as! D
        default: return try decoder.decode(D.self, from: value)
        }
    }
}

/// SQLKit's view of a direct connection: serialises a query with SQLite's dialect and runs it at once.
struct SQLiteDirectDatabase: SQLDatabase {
    let connection: SQLiteConnectionDirect
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    private static let encoder = SQLiteDataEncoder()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        let binds = try serializer.binds.map { try Self.encoder.encode($0) }
        try connection.run(serializer.sql, binds) { onRow($0) }
    }
}
