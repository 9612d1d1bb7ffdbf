import Foundation
import Logging
import NIOPosix
import SQLKit
import Testing

@testable import DeskStore

@Suite("SQLite writer connection")
struct SQLiteWriterConnectionTests {
    /// A writer connection on a fresh file, with SQLKit's view of it; the folder goes away afterwards.
    static func withWriter(_ body: (SQLiteWriterConnection, SQLiteWriterDatabase) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let connection = try SQLiteWriterConnection(path: folder.appendingPathComponent("test.sqlite").path)
        defer { connection.close() }
        let database = SQLiteWriterDatabase(
            connection: connection, logger: Logger(label: "test"), eventLoop: MultiThreadedEventLoopGroup.singleton.any()
        )
        try await body(connection, database)
    }

    @Test("statements are kept prepared up to the limit, the least recently used go first, and results stay right")
    func statementCache() async throws {
        try await Self.withWriter { connection, sql in
            try await sql.raw("CREATE TABLE numbers (n INTEGER PRIMARY KEY, label TEXT NOT NULL)").run()
            try await sql.raw("INSERT INTO numbers (n, label) VALUES (1, 'one'), (2, 'two'), (3, 'three')").run()
            let hot: SQLQueryString = "SELECT label FROM numbers WHERE n = \(bind: 2)"
            // Lookups with IN lists of every length: more texts than the cache holds, the hot statement used in between.
            for length in 1...(SQLiteWriterConnection.statementCacheLimit + 20) {
                let rows = try await sql.raw("SELECT n FROM numbers WHERE n IN (\(binds: Array(repeating: 3, count: length)))").all()
                #expect(try rows.map { try $0.decode(column: "n", as: Int.self) } == [3])
                let label = try await sql.raw(hot).first()?.decode(column: "label", as: String.self)
                #expect(label == "two")
                #expect(connection.cachedStatements <= SQLiteWriterConnection.statementCacheLimit)
            }
            #expect(connection.cachedStatements == SQLiteWriterConnection.statementCacheLimit)
        }
    }

    @Test("a text with two statements is refused before anything runs")
    func oneStatementAtATime() async throws {
        try await Self.withWriter { _, sql in
            try await sql.raw("CREATE TABLE notes (body TEXT NOT NULL)").run()
            await #expect(throws: SQLiteWriterError.self) {
                try await sql.raw("INSERT INTO notes (body) VALUES ('a'); DELETE FROM notes").run()
            }
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM notes").first()?.decode(column: "n", as: Int.self)
            #expect(count == 0)
            // A trailing semicolon or spaces are one statement.
            try await sql.raw("INSERT INTO notes (body) VALUES ('b');  ").run()
        }
    }

    @Test("a failed statement leaves the connection usable: constraint errors name the constraint, a rollback undoes")
    func failuresAndRollback() async throws {
        try await Self.withWriter { _, sql in
            try await sql.raw("CREATE TABLE people (email TEXT NOT NULL UNIQUE)").run()
            try await sql.raw("BEGIN IMMEDIATE").run()
            try await sql.raw("INSERT INTO people (email) VALUES (\(bind: "a@example.com"))").run()
            do {
                try await sql.raw("INSERT INTO people (email) VALUES (\(bind: "a@example.com"))").run()
                Issue.record("a duplicate email was accepted")
            } catch {
                #expect(SQLDeskStore.isUniqueViolation(error))
                // The message names the constraint, never the bound value.
                #expect(!String(reflecting: error).contains("a@example.com"))
            }
            try await sql.raw("ROLLBACK").run()
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM people").first()?.decode(column: "n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("a kept statement follows schema changes, and values of every kind come back as they went in")
    func schemaChangesAndValues() async throws {
        try await Self.withWriter { _, sql in
            try await sql.raw("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL, data BLOB)").run()
            let insert: SQLQueryString = "INSERT INTO items (name, price, data) VALUES (\(bind: "提现"), \(bind: 1.5), \(bind: Data([0, 1, 255])))"
            try await sql.raw(insert).run()
            try await sql.raw("ALTER TABLE items ADD COLUMN note TEXT").run()
            try await sql.raw(insert).run()
            try await sql.raw("INSERT INTO items (name, price, data) VALUES (\(bind: ""), NULL, \(bind: Data()))").run()
            let rows = try await sql.raw("SELECT * FROM items ORDER BY id").all()
            #expect(rows.count == 3)
            #expect(rows[0].allColumns == ["id", "name", "price", "data", "note"])
            #expect(try rows[1].decode(column: "name", as: String.self) == "提现")
            #expect(try rows[1].decode(column: "price", as: Double.self) == 1.5)
            #expect(try rows[1].decode(column: "data", as: Data.self) == Data([0, 1, 255]))
            #expect(try rows[1].decodeNil(column: "note"))
            #expect(try rows[2].decode(column: "name", as: String.self) == "")
            #expect(try rows[2].decodeNil(column: "price"))
        }
    }
}

@Suite("SQLite checkpoints")
struct SQLiteCheckpointTests {
    @Test("under steady writes the log is copied back mostly off the writer, and starts afresh instead of growing")
    func logStaysBounded() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("test.sqlite").path
        let database = try await SQLiteDeskDatabase.open(path: path, soleWriter: true, logger: TestDatabases.logger)
        try await database.write { sql in try await sql.raw("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)").run() }
        // About 45 MB through the log (some 12,000 pages), with no pause for a checkpoint to catch up in.
        let transactions = 3_000
        var largestLog = 0
        for round in 1...transactions {
            try await database.write { sql in
                try await sql.raw("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
                    INSERT INTO blobs (body) SELECT randomblob(3000) FROM n
                    """).run()
            }
            if round % 100 == 0 {
                let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
                largestLog = max(largestLog, size)
            }
        }
        // Had the log never started afresh it would hold all 45 MB; past ~20 MB the writer checkpoints after each commit.
        #expect(largestLog < 24_000_000, "log reached \(largestLog) bytes; checkpoints \(database.checkpoints)")
        // Most copying happens on the checkpointer. Whether the writer ever has to finish one depends on how the two
        // threads are scheduled (on a loaded machine the checkpointer may copy every page itself), so it is not asserted.
        #expect(database.checkpoints.checkpointer > 0)
        let count = try await database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM blobs").first()?.decode(column: "n", as: Int.self) }
        #expect(count == transactions * 5)
        try await database.shutdown()
        // The shutdown's final checkpoint empties the log; everything is in the database file.
        let reopened = try await SQLiteDeskDatabase.open(path: path, logger: TestDatabases.logger)
        let again = try await reopened.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM blobs").first()?.decode(column: "n", as: Int.self) }
        #expect(again == transactions * 5)
        try await reopened.shutdown()
    }
}
