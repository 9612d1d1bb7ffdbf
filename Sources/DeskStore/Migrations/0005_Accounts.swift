/// Agent accounts: passwords (bcrypt), one-time set-password codes, sessions stored by the hash of their id (so any node
/// serves any request and a stolen database holds no usable session), second factors and recovery codes, failure counters
/// for brute-force defence (in the database so every node counts together), sign-in history, known devices, the outbox, and customers' one-time codes, sessions, wallet-app verification and used token ids.
let m0005Accounts = Migration(
    version: 5,
    name: "accounts",
    sqlite: [
        """
        CREATE TABLE agent_credentials (agent_id TEXT PRIMARY KEY REFERENCES agents(id), password_hash TEXT, password_changed_at INTEGER,
          totp_secret TEXT, totp_pending_secret TEXT, totp_enabled_at INTEGER, totp_last_step INTEGER)
        """,
        """
        CREATE TABLE password_setup_codes (code_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id),
          created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER)
        """,
        "CREATE INDEX password_setup_codes_agent ON password_setup_codes(agent_id)",
        """
        CREATE TABLE agent_sessions (id_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id), state TEXT NOT NULL,
          created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, ended_at INTEGER, ip TEXT NOT NULL, user_agent TEXT NOT NULL,
          second_factor_failures INTEGER NOT NULL DEFAULT 0)
        """,
        "CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id, ended_at)",
        """
        CREATE TABLE recovery_codes (code_hash TEXT NOT NULL, agent_id TEXT NOT NULL REFERENCES agents(id), used_at INTEGER,
          PRIMARY KEY (agent_id, code_hash))
        """,
        """
        CREATE TABLE sign_in_counters (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_at INTEGER NOT NULL, locked_until INTEGER,
          reason TEXT)
        """,
        "CREATE INDEX sign_in_counters_locked ON sign_in_counters(locked_until) WHERE locked_until IS NOT NULL",
        """
        CREATE TABLE sign_ins (id INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT REFERENCES agents(id), email TEXT NOT NULL, at INTEGER NOT NULL,
          ip TEXT NOT NULL, user_agent TEXT NOT NULL, success INTEGER NOT NULL, reason TEXT NOT NULL)
        """,
        "CREATE INDEX sign_ins_agent ON sign_ins(agent_id, id)",
        """
        CREATE TABLE agent_devices (agent_id TEXT NOT NULL REFERENCES agents(id), fingerprint TEXT NOT NULL, first_seen_at INTEGER NOT NULL,
          last_seen_at INTEGER NOT NULL, PRIMARY KEY (agent_id, fingerprint))
        """,
        // Messages waiting for a channel to deliver them (email comes with the channels issue), already in the recipient's language.
        """
        CREATE TABLE outbox (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL, language TEXT NOT NULL,
          kind TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, sent_at INTEGER)
        """,
        "CREATE INDEX outbox_unsent ON outbox(created_at) WHERE sent_at IS NULL",
        """
        CREATE TABLE customer_codes (email TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), code_hash TEXT NOT NULL,
          created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, attempts INTEGER NOT NULL, used_at INTEGER)
        """,
        """
        CREATE TABLE customer_sessions (id_hash TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), method TEXT NOT NULL,
          created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, ended_at INTEGER)
        """,
        "CREATE TABLE customer_verifications (customer_id TEXT PRIMARY KEY REFERENCES customers(id), method TEXT NOT NULL, verified_at INTEGER NOT NULL)",
        // Wallet-app token ids already used, kept until the token would have expired anyway.
        "CREATE TABLE sso_token_ids (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)",
    ],
    postgres: [
        """
        CREATE TABLE agent_credentials (agent_id TEXT PRIMARY KEY REFERENCES agents(id), password_hash TEXT, password_changed_at BIGINT,
          totp_secret TEXT, totp_pending_secret TEXT, totp_enabled_at BIGINT, totp_last_step BIGINT)
        """,
        """
        CREATE TABLE password_setup_codes (code_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id),
          created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
        """,
        "CREATE INDEX password_setup_codes_agent ON password_setup_codes(agent_id)",
        """
        CREATE TABLE agent_sessions (id_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id), state TEXT NOT NULL,
          created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL, ended_at BIGINT, ip TEXT NOT NULL, user_agent TEXT NOT NULL,
          second_factor_failures INTEGER NOT NULL DEFAULT 0)
        """,
        "CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id, ended_at)",
        """
        CREATE TABLE recovery_codes (code_hash TEXT NOT NULL, agent_id TEXT NOT NULL REFERENCES agents(id), used_at BIGINT,
          PRIMARY KEY (agent_id, code_hash))
        """,
        """
        CREATE TABLE sign_in_counters (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_at BIGINT NOT NULL, locked_until BIGINT,
          reason TEXT)
        """,
        "CREATE INDEX sign_in_counters_locked ON sign_in_counters(locked_until) WHERE locked_until IS NOT NULL",
        """
        CREATE TABLE sign_ins (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, agent_id TEXT REFERENCES agents(id), email TEXT NOT NULL, at BIGINT NOT NULL,
          ip TEXT NOT NULL, user_agent TEXT NOT NULL, success INTEGER NOT NULL, reason TEXT NOT NULL)
        """,
        "CREATE INDEX sign_ins_agent ON sign_ins(agent_id, id)",
        """
        CREATE TABLE agent_devices (agent_id TEXT NOT NULL REFERENCES agents(id), fingerprint TEXT NOT NULL, first_seen_at BIGINT NOT NULL,
          last_seen_at BIGINT NOT NULL, PRIMARY KEY (agent_id, fingerprint))
        """,
        // Messages waiting for a channel to deliver them (email comes with the channels issue), already in the recipient's language.
        """
        CREATE TABLE outbox (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL, language TEXT NOT NULL,
          kind TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, sent_at BIGINT)
        """,
        "CREATE INDEX outbox_unsent ON outbox(created_at) WHERE sent_at IS NULL",
        """
        CREATE TABLE customer_codes (email TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), code_hash TEXT NOT NULL,
          created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, attempts INTEGER NOT NULL, used_at BIGINT)
        """,
        """
        CREATE TABLE customer_sessions (id_hash TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), method TEXT NOT NULL,
          created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL, ended_at BIGINT)
        """,
        "CREATE TABLE customer_verifications (customer_id TEXT PRIMARY KEY REFERENCES customers(id), method TEXT NOT NULL, verified_at BIGINT NOT NULL)",
        // Wallet-app token ids already used, kept until the token would have expired anyway.
        "CREATE TABLE sso_token_ids (jti TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)",
    ]
)
