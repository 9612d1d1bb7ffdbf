/// The ticket core: settings, teams, agents, customers, tickets, tags, messages, attachments, history, API tokens.
///
/// Times are BIGINT microseconds since 1970 and ids are TEXT UUIDs in both engines, so one query decodes the same way
/// on both. Ticket numbers: a sequence on PostgreSQL, `INTEGER PRIMARY KEY` on SQLite (see `Dialect.reserveTicketNumbers`).
let m0001Initial = Migration(
    version: 1,
    name: "initial",
    sqlite: [
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,
          created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL)
        """,
        """
        CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, tier TEXT NOT NULL,
          team_id TEXT REFERENCES teams(id), active INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
          version INTEGER NOT NULL)
        """,
        """
        CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, telegram_id TEXT, wechat_id TEXT,
          wallet_account_id TEXT, language TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL)
        """,
        "CREATE UNIQUE INDEX customers_email ON customers(email) WHERE email IS NOT NULL",
        "CREATE UNIQUE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL",
        "CREATE UNIQUE INDEX customers_wallet ON customers(wallet_account_id) WHERE wallet_account_id IS NOT NULL",
        "CREATE INDEX customers_created ON customers(created_at, id)",
        """
        CREATE TABLE tickets (number INTEGER PRIMARY KEY, subject TEXT NOT NULL, status TEXT NOT NULL, priority TEXT NOT NULL,
          category TEXT NOT NULL, channel TEXT NOT NULL, requester_id TEXT NOT NULL REFERENCES customers(id),
          assignee_id TEXT REFERENCES agents(id), team_id TEXT REFERENCES teams(id), tags TEXT NOT NULL,
          chain TEXT, asset TEXT, amount TEXT, tx_id TEXT, wallet_address TEXT, app_version TEXT, device TEXT, os TEXT,
          reopen_count INTEGER NOT NULL, merged_into INTEGER REFERENCES tickets(number), created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL, first_response_at INTEGER, solved_at INTEGER, closed_at INTEGER, version INTEGER NOT NULL)
        """,
        "CREATE INDEX tickets_status ON tickets(status, number)",
        "CREATE INDEX tickets_requester ON tickets(requester_id, number)",
        "CREATE INDEX tickets_assignee ON tickets(assignee_id, number)",
        "CREATE INDEX tickets_team ON tickets(team_id, number)",
        "CREATE INDEX tickets_tx ON tickets(tx_id) WHERE tx_id IS NOT NULL",
        "CREATE TABLE ticket_tags (ticket_number INTEGER NOT NULL REFERENCES tickets(number), tag TEXT NOT NULL, PRIMARY KEY (tag, ticket_number))",
        """
        CREATE TABLE messages (id TEXT PRIMARY KEY, ticket_number INTEGER NOT NULL REFERENCES tickets(number), visibility TEXT NOT NULL,
          author_kind TEXT NOT NULL, author_id TEXT, body_text TEXT NOT NULL, body_html TEXT NOT NULL, merged_from INTEGER,
          created_at INTEGER NOT NULL)
        """,
        "CREATE INDEX messages_ticket ON messages(ticket_number, created_at)",
        """
        CREATE TABLE attachments (id TEXT PRIMARY KEY, ticket_number INTEGER REFERENCES tickets(number), uploaded_by TEXT,
          message_id TEXT REFERENCES messages(id), filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL,
          sha256 TEXT NOT NULL, content BLOB NOT NULL, created_at INTEGER NOT NULL)
        """,
        "CREATE INDEX attachments_message ON attachments(message_id)",
        "CREATE INDEX attachments_ticket ON attachments(ticket_number)",
        """
        CREATE TABLE ticket_events (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_number INTEGER NOT NULL, kind TEXT NOT NULL,
          actor_kind TEXT NOT NULL, actor_id TEXT, changes TEXT NOT NULL, message_id TEXT, at INTEGER NOT NULL)
        """,
        "CREATE INDEX ticket_events_ticket ON ticket_events(ticket_number, id)",
        """
        CREATE TABLE api_tokens (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, agent_id TEXT NOT NULL REFERENCES agents(id),
          name TEXT NOT NULL, scopes TEXT NOT NULL, created_at INTEGER NOT NULL, last_used_at INTEGER, revoked_at INTEGER)
        """,
        // History is append-only: the database itself refuses edits and deletions.
        "CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END",
        "CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END",
    ],
    postgres: [
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,
          created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version INTEGER NOT NULL)
        """,
        """
        CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, tier TEXT NOT NULL,
          team_id TEXT REFERENCES teams(id), active INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
          version INTEGER NOT NULL)
        """,
        """
        CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, telegram_id TEXT, wechat_id TEXT,
          wallet_account_id TEXT, language TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version INTEGER NOT NULL)
        """,
        "CREATE UNIQUE INDEX customers_email ON customers(email) WHERE email IS NOT NULL",
        "CREATE UNIQUE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL",
        "CREATE UNIQUE INDEX customers_wallet ON customers(wallet_account_id) WHERE wallet_account_id IS NOT NULL",
        "CREATE INDEX customers_created ON customers(created_at, id)",
        "CREATE SEQUENCE ticket_number_seq START WITH 10001",
        """
        CREATE TABLE tickets (number BIGINT PRIMARY KEY, subject TEXT NOT NULL, status TEXT NOT NULL, priority TEXT NOT NULL,
          category TEXT NOT NULL, channel TEXT NOT NULL, requester_id TEXT NOT NULL REFERENCES customers(id),
          assignee_id TEXT REFERENCES agents(id), team_id TEXT REFERENCES teams(id), tags TEXT NOT NULL,
          chain TEXT, asset TEXT, amount TEXT, tx_id TEXT, wallet_address TEXT, app_version TEXT, device TEXT, os TEXT,
          reopen_count INTEGER NOT NULL, merged_into BIGINT REFERENCES tickets(number), created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL, first_response_at BIGINT, solved_at BIGINT, closed_at BIGINT, version INTEGER NOT NULL)
        """,
        "CREATE INDEX tickets_status ON tickets(status, number)",
        "CREATE INDEX tickets_requester ON tickets(requester_id, number)",
        "CREATE INDEX tickets_assignee ON tickets(assignee_id, number)",
        "CREATE INDEX tickets_team ON tickets(team_id, number)",
        "CREATE INDEX tickets_tx ON tickets(tx_id) WHERE tx_id IS NOT NULL",
        "CREATE TABLE ticket_tags (ticket_number BIGINT NOT NULL REFERENCES tickets(number), tag TEXT NOT NULL, PRIMARY KEY (tag, ticket_number))",
        """
        CREATE TABLE messages (id TEXT PRIMARY KEY, ticket_number BIGINT NOT NULL REFERENCES tickets(number), visibility TEXT NOT NULL,
          author_kind TEXT NOT NULL, author_id TEXT, body_text TEXT NOT NULL, body_html TEXT NOT NULL, merged_from BIGINT,
          created_at BIGINT NOT NULL)
        """,
        "CREATE INDEX messages_ticket ON messages(ticket_number, created_at)",
        """
        CREATE TABLE attachments (id TEXT PRIMARY KEY, ticket_number BIGINT REFERENCES tickets(number), uploaded_by TEXT,
          message_id TEXT REFERENCES messages(id), filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL,
          sha256 TEXT NOT NULL, content BYTEA NOT NULL, created_at BIGINT NOT NULL)
        """,
        "CREATE INDEX attachments_message ON attachments(message_id)",
        "CREATE INDEX attachments_ticket ON attachments(ticket_number)",
        """
        CREATE TABLE ticket_events (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ticket_number BIGINT NOT NULL, kind TEXT NOT NULL,
          actor_kind TEXT NOT NULL, actor_id TEXT, changes TEXT NOT NULL, message_id TEXT, at BIGINT NOT NULL)
        """,
        "CREATE INDEX ticket_events_ticket ON ticket_events(ticket_number, id)",
        """
        CREATE TABLE api_tokens (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, agent_id TEXT NOT NULL REFERENCES agents(id),
          name TEXT NOT NULL, scopes TEXT NOT NULL, created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT)
        """,
        """
        CREATE FUNCTION walletdesk_refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'ticket history is append-only'; END $$
        """,
        """
        CREATE TRIGGER ticket_events_append_only BEFORE UPDATE OR DELETE ON ticket_events
          FOR EACH ROW EXECUTE FUNCTION walletdesk_refuse_history_change()
        """,
    ]
)
