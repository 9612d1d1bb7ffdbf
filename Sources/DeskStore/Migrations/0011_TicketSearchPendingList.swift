/// PostgreSQL folds the ticket search index's pending entries into the index in small steps, not in a 60 ms stall.
///
/// A GIN index gathers new entries in a pending list, and the insert that finds the list over
/// `gin_pending_list_limit` (4 MB by default) moves the whole list into the index before it returns. In a creation
/// storm that was one batch in ~80 taking 64 ms instead of 5, and every ticket in it waited: PostgreSQL's creation p99
/// was 90–115 ms. At 256 kB each clean-up takes a few milliseconds and p99 fell to 28–45 ms, at no loss of throughput
/// (BENCHMARKS.md, session 8). SQLite's search table has no such list.
let m0011TicketSearchPendingList = Migration(
    version: 11,
    name: "ticket_search_pending_list",
    sqlite: [],
    postgres: [
        "ALTER INDEX ticket_search_tokens SET (gin_pending_list_limit = 256)",
    ]
)
