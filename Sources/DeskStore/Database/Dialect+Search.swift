import DeskCore
import SQLKit

/// The search-index statements, which are where SQLite (FTS5) and PostgreSQL (tsvector + GIN) differ most. Both index
/// the segmenter's tokens as they are: FTS5 splits them on spaces, and PostgreSQL reads them with a plain `::tsvector`
/// cast (no parser, no dictionary), so the two engines see exactly the same terms.
extension Dialect {
    /// Writes the index entry of one article translation (SQLite: an FTS5 row with the translation's id as rowid;
    /// PostgreSQL: the translation's `search` column, title tokens with weight A).
    func articleIndexWrite(id: Int64, title: [String], body: [String]) -> SQLQueryString {
        switch kind {
        case .sqlite:
            return "INSERT INTO kb_search (rowid, title, body) VALUES (\(bind: id), \(bind: title.joined(separator: " ")), \(bind: body.joined(separator: " ")))"
        case .postgres:
            return "UPDATE kb_translations SET search = CAST(\(bind: Self.weightedVector(title: title, body: body)) AS tsvector) WHERE id = \(bind: id)"
        }
    }

    /// Removes the index entry of a translation about to be deleted (PostgreSQL's goes with the row).
    func articleIndexDelete(id: Int64) -> SQLQueryString? {
        switch kind {
        case .sqlite: "DELETE FROM kb_search WHERE rowid = \(bind: id)"
        case .postgres: nil
        }
    }

    /// The start of a ranked article search, up to `WHERE …` so callers append filters. Columns: article_id, language,
    /// score (higher is better). SQLite ranks with BM25 weighting titles 5:1; PostgreSQL with `ts_rank_cd`, whose
    /// default weights count a title (A) ten times a body (D) term, normalised by document length.
    func articleSearchStart(_ expression: SearchExpression) -> SQLQueryString {
        switch kind {
        case .sqlite:
            return """
                SELECT t.id, t.article_id, t.language, -bm25(kb_search, 5.0, 1.0) AS score
                FROM kb_search JOIN kb_translations t ON t.id = kb_search.rowid JOIN kb_articles a ON a.id = t.article_id
                WHERE kb_search MATCH \(bind: expression.fts5)
                """
        case .postgres:
            return """
                SELECT t.id, t.article_id, t.language, CAST(ts_rank_cd(t.search, q.query, 1) AS DOUBLE PRECISION) AS score
                FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id,
                  (SELECT CAST(\(bind: expression.tsquery) AS tsquery) AS query) q
                WHERE t.search @@ q.query
                """
        }
    }

    func ticketIndexDelete(id: Int64) -> SQLQueryString {
        ticketIndexDelete(ids: [id])
    }

    func ticketIndexDelete(ids: [Int64]) -> SQLQueryString {
        kind == .sqlite ? "DELETE FROM ticket_search WHERE rowid IN (\(binds: ids))" : "DELETE FROM ticket_search WHERE id IN (\(binds: ids))"
    }

    /// A ticket's own row has id `-number`; every other row is a message row. (SQLite gives a row inserted without a rowid
    /// the largest rowid plus one, so its message rows count up from -10000, just above the lowest own row; PostgreSQL
    /// takes them from a sequence starting at 1.)
    ///
    /// Message rows of `ticket` that a probe finds (SQLite; see ``SQLDeskStore/moveMessageRows(from:to:on:)``): FTS5 keeps
    /// no index on `ticket_number`, so the rows are found through their tokens and then filtered by ticket.
    func ticketIndexMessageRows(matching probe: SearchExpression, ticket: Int64) -> SQLQueryString {
        kind == .sqlite
            ? "SELECT rowid AS id FROM ticket_search WHERE ticket_search MATCH \(bind: probe.fts5) AND ticket_number = \(bind: ticket) AND rowid <> -ticket_number"
            : "SELECT id FROM ticket_search WHERE tokens @@ CAST(\(bind: probe.tsquery) AS tsquery) AND ticket_number = \(bind: ticket) AND id <> -ticket_number"
    }

    /// Whether ticket-search rows can be found by ticket number and changed in place: PostgreSQL (a plain table with an
    /// index on `ticket_number`, migration 9). SQLite's contentless FTS5 rows can only be found through their tokens and
    /// replaced whole, tokens included.
    var ticketIndexRowsByTicket: Bool { kind == .postgres }

    /// PostgreSQL: hands the message rows of one ticket to another (a merge).
    func ticketIndexRetarget(from source: Int64, to target: Int64) -> SQLQueryString {
        "UPDATE ticket_search SET ticket_number = \(bind: target) WHERE ticket_number = \(bind: source) AND id <> -ticket_number"
    }

    /// PostgreSQL: the message-row ids of some tickets (a rebuild gives them back to the same tickets' messages).
    func ticketIndexMessageRowIDs(tickets: [Int64]) -> SQLQueryString {
        "SELECT id, ticket_number FROM ticket_search WHERE ticket_number IN (\(binds: tickets)) AND id <> -ticket_number ORDER BY id"
    }

    /// PostgreSQL: removes every row (own and message rows) of some tickets.
    func ticketIndexDelete(tickets: [Int64]) -> SQLQueryString {
        "DELETE FROM ticket_search WHERE ticket_number IN (\(binds: tickets))"
    }

    /// Empties a whole search index (SQLite's FTS5 `delete-all`, which contentless tables allow; PostgreSQL: nothing, the
    /// rows are rewritten ticket by ticket or translation by translation instead).
    func searchIndexDeleteAll(_ table: String) -> SQLQueryString? {
        kind == .sqlite ? "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: table)) VALUES ('delete-all')" : nil
    }

    /// Matching ticket-search rows, newest first (both engines walk their index in id order and stop at the limit).
    ///
    /// `window` (PostgreSQL only) limits the first try to the newest ids: a GIN index yields every match of a common
    /// word, and fetching all of them to sort by id costs tens of milliseconds on a million rows; within a window only
    /// that window's matches are fetched. The caller retries without it when the window held too few.
    func ticketSearch(_ expression: SearchExpression, before: Int64?, limit: Int, window: Int64?) -> SQLQueryString {
        var statement: SQLQueryString =
            kind == .sqlite
            ? "SELECT rowid AS hit, ticket_number FROM ticket_search WHERE ticket_search MATCH \(bind: expression.fts5)"
            : "SELECT id AS hit, ticket_number FROM ticket_search WHERE tokens @@ CAST(\(bind: expression.tsquery) AS tsquery)"
        if let before {
            statement.appendInterpolation(unsafeRaw: kind == .sqlite ? " AND rowid < " : " AND id < ")
            statement.appendInterpolation(bind: before)
        }
        if kind == .postgres, let window {
            if let before {
                statement.appendLiteral(" AND id > ")
                statement.appendInterpolation(bind: before - window)
            } else {
                statement.appendLiteral(" AND id > (SELECT COALESCE(MAX(id), 0) FROM ticket_search) - ")
                statement.appendInterpolation(bind: window)
            }
        }
        // Without a window, PostgreSQL must take the GIN index: ordering by the bare primary key invites a backward
        // primary-key scan that, for a rare token (a tx id), reads the whole table before it finds one match.
        let order = kind == .sqlite ? " ORDER BY rowid DESC LIMIT " : (window == nil ? " ORDER BY id + 0 DESC LIMIT " : " ORDER BY id DESC LIMIT ")
        statement.appendInterpolation(unsafeRaw: order)
        statement.appendInterpolation(bind: limit)
        return statement
    }

    /// Whether ``ticketSearch(_:before:limit:window:)`` uses a window on this engine.
    var ticketSearchUsesWindow: Bool { kind == .postgres }

    /// A tsvector literal with positions, title tokens weighted A: `提现:1A 失败:2A,7`.
    static func weightedVector(title: [String], body: [String]) -> String {
        var positions: [String: [String]] = [:]
        var order: [String] = []
        var position = 0
        for (tokens, weight) in [(title, "A"), (body, "")] {
            for token in tokens {
                position = min(position + 1, 16383)
                if positions[token] == nil { order.append(token) }
                positions[token, default: []].append("\(position)\(weight)")
            }
        }
        return order.map { "\($0):\(positions[$0]!.prefix(256).joined(separator: ","))" }.joined(separator: " ")
    }
}
