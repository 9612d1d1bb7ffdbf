/// PostgreSQL: ticket-search rows found by ticket, so a merge hands a ticket's message rows to the target with one
/// UPDATE and `walletdesk reindex` rewrites a ticket's rows while servers keep writing (without the index both scan the
/// whole table). SQLite has nothing to add: FTS5 tables take no extra indexes, and its merge finds rows through their
/// tokens while its rebuild runs with the server stopped.
let m0009TicketSearchByTicket = Migration(
    version: 9,
    name: "ticket_search_by_ticket",
    sqlite: [],
    postgres: [
        "CREATE INDEX ticket_search_ticket ON ticket_search (ticket_number)",
    ]
)
