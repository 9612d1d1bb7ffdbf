import DeskCore
@testable import DeskStore
import Foundation
import SQLKit
import Testing

/// Ticket-search latency on a large generated corpus (bench/search/run.sh). Skipped unless
/// `WALLETDESK_BENCH_SEARCH_ROWS` names how many messages to load; results are printed as `bench:` lines.
@Suite("Search benchmark")
struct SearchBenchmark {
    static let rows = Int(ProcessInfo.processInfo.environment["WALLETDESK_BENCH_SEARCH_ROWS"] ?? "") ?? 0

    /// A small deterministic generator (xorshift), so every run loads the same corpus.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func pick<T>(_ list: [T]) -> T { list[Int(next() % UInt64(list.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
        mutating func hex(_ count: Int) -> String {
            var text = ""
            while text.count < count { text += String(next(), radix: 16) }
            return String(text.prefix(count))
        }
    }

    static let chinese = [
        "我的提现一直没有到账", "请问充值什么时候到账", "账户登录不了显示密码错误", "转账显示成功但是对方没有收到", "手续费怎么这么高",
        "我想修改绑定的手机号", "昨天的交易还在确认中", "客服你好我需要帮助", "App 闪退打不开", "兑换的价格和显示的不一样",
        "收到一条陌生短信让我点链接", "如何导出交易记录", "我的资产显示为零", "新手机怎么恢复钱包", "请帮我查一下这笔订单",
        "地址是不是填错了", "网络拥堵要等多久", "为什么要实名认证", "谢谢你们的耐心回复", "已经等了三天了",
    ]
    static let rare = ["账户被冻结了怎么解冻", "我怀疑被盗需要冻结", "安全团队已冻结该账户"]
    static let english = [
        "Hi, my withdrawal has not arrived yet", "The app crashes when I open the wallet", "Please check this transaction for me",
        "I sent USDT on the wrong network", "How long does a deposit take", "I cannot sign in after the update", "Thank you for the quick reply",
        "The fee seems too high", "My balance shows zero", "I want to change my email address", "Still waiting, any update",
        "The swap price was different", "Is this an official support account", "I lost access to my phone",
    ]
    static let rareEnglish = ["Please process my refund today", "The refund has not arrived", "Requesting a refund for the failed swap"]

    static func message(_ generator: inout Generator, txids: inout [String]) -> String {
        var parts: [String] = []
        for _ in 0..<(1 + Int(generator.next() % 3)) {
            if generator.chance(2) {
                parts.append(generator.pick(rare))
            } else if generator.chance(2) {
                parts.append(generator.pick(rareEnglish))
            } else {
                parts.append(generator.chance(55) ? generator.pick(chinese) : generator.pick(english))
            }
        }
        if generator.chance(10) {
            let tx = "0x" + generator.hex(64)
            if txids.count < 1000 { txids.append(tx) }
            parts.append("txid \(tx)")
        }
        if generator.chance(5) { parts.append("order \(generator.next() % 10_000_000)") }
        return parts.joined(separator: "，")
    }

    /// `WALLETDESK_BENCH_KINDS=postgres` (or `sqlite`) measures one engine only.
    static let kinds = TestDatabases.kinds.filter { kind in
        ProcessInfo.processInfo.environment["WALLETDESK_BENCH_KINDS"].map { $0.contains(kind == .sqlite ? "sqlite" : "postgres") } ?? true
    }

    @Test("ticket search p95 over a generated corpus", .enabled(if: rows > 0), arguments: kinds)
    func ticketSearch(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let messagesPerTicket = 5
            let ticketCount = max(1, Self.rows / messagesPerTicket)
            var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
            var txids: [String] = []
            let segmenter = TextSegmenter()
            let started = ContinuousClock.now
            let customer = Customer(email: EmailAddress(rawValue: "bench@example.com"), language: .zhCN, createdAt: Date(), updatedAt: Date())
            _ = try await store.createCustomer(customer)
            let dialect = store.dialect
            var number: Int64 = 100_000
            let batchTickets = 1000
            var loaded = 0
            while loaded < ticketCount {
                let count = min(batchTickets, ticketCount - loaded)
                var ticketSQL = SQLQueryString(
                    """
                    INSERT INTO tickets (number, subject, status, priority, category, channel, requester_id, tags, reopen_count, created_at,
                      updated_at, version) VALUES
                    """
                )
                var messageSQL = SQLQueryString("INSERT INTO messages (id, ticket_number, visibility, author_kind, body_text, body_html, created_at) VALUES ")
                var indexRows: [(id: Int64?, ticket: Int64, tokens: [String])] = []
                let now = Date().microseconds
                for index in 0..<count {
                    number += 1
                    let status = generator.pick(["new", "open", "pending", "solved", "closed"])
                    let subject = generator.chance(50) ? generator.pick(Self.chinese) : generator.pick(Self.english)
                    if index > 0 { ticketSQL.appendLiteral(", ") }
                    ticketSQL.appendInterpolation(
                        "(\(bind: number), \(bind: subject), \(bind: status), 'normal', 'withdrawal_failed', 'web', \(bind: customer.id.description), '', 0, \(bind: now), \(bind: now), 1)"
                            as SQLQueryString
                    )
                    indexRows.append((-number, number, segmenter.indexTokens(subject + "\nbench@example.com")))
                    for message in 0..<messagesPerTicket {
                        let body = Self.message(&generator, txids: &txids)
                        if index > 0 || message > 0 { messageSQL.appendLiteral(", ") }
                        messageSQL.appendInterpolation(
                            "(\(bind: UUID().uuidString.lowercased()), \(bind: number), 'public', 'customer', \(bind: body), '', \(bind: now))" as SQLQueryString
                        )
                        indexRows.append((nil, number, segmenter.indexTokens(body)))
                    }
                }
                let tickets = ticketSQL
                let messages = messageSQL
                let rows = indexRows
                try await store.database.write { sql in
                    try await sql.raw(tickets).run()
                    try await sql.raw(messages).run()
                    var start = 0
                    while start < rows.count {
                        var chunk = JSONRows()
                        for row in rows[start..<min(rows.count, start + 1000)] {
                            SQLDeskStore.appendSearchRow(id: row.id, ticket: row.ticket, tokens: row.tokens, to: &chunk)
                        }
                        try await sql.raw(dialect.ticketIndexInsert(chunk)).run()
                        start += 1000
                    }
                }
                loaded += count
            }
            if kind == .postgres { try await store.database.write { sql in try await sql.raw("ANALYZE").run() } }
            let loadTime = ContinuousClock.now - started
            print("bench: \(kind) loaded \(ticketCount * messagesPerTicket) messages in \(ticketCount) tickets in \(loadTime)")

            func measure(_ label: String, _ query: String, repeats: Int = 200) async throws {
                let expression = try SearchStoreTests.allTerms(query)
                var times: [Duration] = []
                var found = 0
                for round in 0..<repeats {
                    let clock = ContinuousClock.now
                    let page = try await store.searchTickets(TicketSearch(expression: expression, limit: 25))
                    if round > 4 { times.append(ContinuousClock.now - clock) }
                    found = page.items.count
                }
                times.sort()
                let p50 = times[times.count / 2]
                let p95 = times[Int(Double(times.count) * 0.95)]
                print("bench: \(kind) ticket search \(label) '\(query)' results=\(found) p50=\(p50) p95=\(p95)")
            }
            try await measure("two-character Chinese word", "冻结")
            try await measure("English word", "refund")
            try await measure("exact tx id", txids[txids.count / 2])
            try await measure("common Chinese word", "提现")
            try await measure("two words, status any", "提现 到账")

            // A merge on the full index (SQLite finds the moved rows by token probe, PostgreSQL by ticket), then the
            // whole index rebuilt as `walletdesk reindex` does it.
            let open = try await store.database.read { sql in
                try await sql.raw("SELECT number FROM tickets WHERE status IN ('new', 'open') ORDER BY number LIMIT 20").all()
                    .map { TicketNumber(try $0.decode(column: "number", as: Int64.self)) }
            }
            var clock = ContinuousClock.now
            for pair in 0..<10 {
                _ = try await store.merge(open[2 * pair], into: open[2 * pair + 1], actor: .system, now: Date())
            }
            print("bench: \(kind) merge of a \(messagesPerTicket)-message ticket, mean of 10: \((ContinuousClock.now - clock) / 10)")
            clock = ContinuousClock.now
            let rebuilt = try await store.rebuildTicketSearchIndex(batchSize: 500) { _ in }
            print("bench: \(kind) reindex \(rebuilt.tickets) tickets, \(rebuilt.messages) messages, \(rebuilt.transactions) transactions in \(ContinuousClock.now - clock)")
            try await measure("two-character Chinese word after reindex", "冻结")
        }
    }
}
