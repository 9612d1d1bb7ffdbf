/// Times at which customer sign-in codes were sent, per email and per client address, for the resend limits
/// (`CustomerCodeSendRules`). Rows older than an hour are deleted as new ones come in.
let m0008SendLimits = Migration(
    version: 8,
    name: "send_limits",
    sqlite: [
        "CREATE TABLE code_sends (key TEXT NOT NULL, sent_at INTEGER NOT NULL)",
        "CREATE INDEX code_sends_key ON code_sends(key, sent_at)",
        "CREATE INDEX code_sends_at ON code_sends(sent_at)",
    ],
    postgres: [
        "CREATE TABLE code_sends (key TEXT NOT NULL, sent_at BIGINT NOT NULL)",
        "CREATE INDEX code_sends_key ON code_sends(key, sent_at)",
        "CREATE INDEX code_sends_at ON code_sends(sent_at)",
    ]
)
