/// Crypto safety: the official-channel registry, customers' anti-phishing phrases, verification codes of agent
/// messages, one-time call codes, and what the secret scanner found (kind, position, salted fingerprint — never the
/// secret). Both engines use the same shape; only integer and identity column types differ.
let m0004Safety = Migration(
    version: 4,
    name: "safety",
    sqlite: [
        """
        CREATE TABLE official_channels (id TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, channel_use TEXT NOT NULL, label TEXT NOT NULL,
          hours TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL, UNIQUE (kind, value))
        """,
        "CREATE TABLE customer_phrases (customer_id TEXT PRIMARY KEY REFERENCES customers(id), phrase TEXT NOT NULL, updated_at INTEGER NOT NULL)",
        """
        CREATE TABLE message_codes (code TEXT PRIMARY KEY, message_id TEXT NOT NULL REFERENCES messages(id), ticket_number INTEGER NOT NULL,
          agent_id TEXT NOT NULL REFERENCES agents(id), created_at INTEGER NOT NULL)
        """,
        """
        CREATE TABLE call_codes (id TEXT PRIMARY KEY, ticket_number INTEGER NOT NULL REFERENCES tickets(number), agent_id TEXT NOT NULL REFERENCES agents(id),
          agent_code_hash TEXT NOT NULL, customer_code TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, attempts INTEGER NOT NULL,
          used_at INTEGER)
        """,
        "CREATE INDEX call_codes_ticket ON call_codes(ticket_number, created_at)",
        """
        CREATE TABLE secret_findings (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_number INTEGER NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL,
          fingerprint TEXT NOT NULL, at INTEGER NOT NULL)
        """,
        "CREATE INDEX secret_findings_fingerprint ON secret_findings(fingerprint)",
        "CREATE INDEX secret_findings_ticket ON secret_findings(ticket_number, id)",
    ],
    postgres: [
        """
        CREATE TABLE official_channels (id TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, channel_use TEXT NOT NULL, label TEXT NOT NULL,
          hours TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version INTEGER NOT NULL, UNIQUE (kind, value))
        """,
        "CREATE TABLE customer_phrases (customer_id TEXT PRIMARY KEY REFERENCES customers(id), phrase TEXT NOT NULL, updated_at BIGINT NOT NULL)",
        """
        CREATE TABLE message_codes (code TEXT PRIMARY KEY, message_id TEXT NOT NULL REFERENCES messages(id), ticket_number BIGINT NOT NULL,
          agent_id TEXT NOT NULL REFERENCES agents(id), created_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE call_codes (id TEXT PRIMARY KEY, ticket_number BIGINT NOT NULL REFERENCES tickets(number), agent_id TEXT NOT NULL REFERENCES agents(id),
          agent_code_hash TEXT NOT NULL, customer_code TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, attempts INTEGER NOT NULL,
          used_at BIGINT)
        """,
        "CREATE INDEX call_codes_ticket ON call_codes(ticket_number, created_at)",
        """
        CREATE TABLE secret_findings (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ticket_number BIGINT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL,
          fingerprint TEXT NOT NULL, at BIGINT NOT NULL)
        """,
        "CREATE INDEX secret_findings_fingerprint ON secret_findings(fingerprint)",
        "CREATE INDEX secret_findings_ticket ON secret_findings(ticket_number, id)",
    ]
)
