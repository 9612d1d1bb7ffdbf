/// Follow-up tickets: a customer writing to a closed ticket (or to a solved one after the reopen window) opens a new
/// ticket that points back at the old one.
let m0006FollowUps = Migration(
    version: 6,
    name: "follow_ups",
    sqlite: [
        "ALTER TABLE tickets ADD COLUMN follow_up_of INTEGER REFERENCES tickets(number)",
        "CREATE INDEX tickets_follow_up ON tickets(follow_up_of) WHERE follow_up_of IS NOT NULL",
    ],
    postgres: [
        "ALTER TABLE tickets ADD COLUMN follow_up_of BIGINT REFERENCES tickets(number)",
        "CREATE INDEX tickets_follow_up ON tickets(follow_up_of) WHERE follow_up_of IS NOT NULL",
    ]
)
