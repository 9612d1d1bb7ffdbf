/// The tamper-evident audit log and its chain head (the hash of the newest entry, so removing entries at the end is
/// detected too). Both engines use the same shape.
let m0002Audit = Migration(
    version: 2,
    name: "audit",
    sqlite: [
        """
        CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_kind TEXT NOT NULL, actor_id TEXT,
          action TEXT NOT NULL, target TEXT NOT NULL, details TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL)
        """,
        "CREATE INDEX audit_log_action ON audit_log(action, id)",
        "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), hash TEXT NOT NULL)",
        "INSERT INTO audit_head (id, hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000')",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        "CREATE INDEX api_tokens_agent ON api_tokens(agent_id)",
    ],
    postgres: [
        """
        CREATE TABLE audit_log (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, actor_kind TEXT NOT NULL, actor_id TEXT,
          action TEXT NOT NULL, target TEXT NOT NULL, details TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL)
        """,
        "CREATE INDEX audit_log_action ON audit_log(action, id)",
        "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), hash TEXT NOT NULL)",
        "INSERT INTO audit_head (id, hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000')",
        """
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION walletdesk_refuse_history_change()
        """,
        "CREATE INDEX api_tokens_agent ON api_tokens(agent_id)",
    ]
)
