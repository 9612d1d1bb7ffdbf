/// Delivery state of the outbox: a lease so several nodes never send the same row at once (`claimed_until`, with the
/// claimant's `claim_token`), retries with growing delays (`attempts`, `next_attempt_at`, `last_error`), and rows given
/// up on (`failed_at`).
let m0007MailDelivery = Migration(
    version: 7,
    name: "mail-delivery",
    sqlite: [
        "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER",
        "ALTER TABLE outbox ADD COLUMN claimed_until INTEGER",
        "ALTER TABLE outbox ADD COLUMN claim_token TEXT",
        "ALTER TABLE outbox ADD COLUMN last_error TEXT",
        "ALTER TABLE outbox ADD COLUMN failed_at INTEGER",
        "DROP INDEX outbox_unsent",
        "CREATE INDEX outbox_unsent ON outbox(created_at) WHERE sent_at IS NULL AND failed_at IS NULL",
        // The admin list reads newest first.
        "CREATE INDEX outbox_created ON outbox(created_at DESC, id DESC)",
    ],
    postgres: [
        "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT",
        "ALTER TABLE outbox ADD COLUMN claimed_until BIGINT",
        "ALTER TABLE outbox ADD COLUMN claim_token TEXT",
        "ALTER TABLE outbox ADD COLUMN last_error TEXT",
        "ALTER TABLE outbox ADD COLUMN failed_at BIGINT",
        "DROP INDEX outbox_unsent",
        "CREATE INDEX outbox_unsent ON outbox(created_at) WHERE sent_at IS NULL AND failed_at IS NULL",
        "CREATE INDEX outbox_created ON outbox(created_at DESC, id DESC)",
    ]
)
