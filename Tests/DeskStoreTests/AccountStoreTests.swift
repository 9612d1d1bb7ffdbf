import DeskCore
import DeskStore
import Foundation
import Testing

@Suite("Account store")
struct AccountStoreTests {
    static func session(_ agent: AgentID, _ hash: String, at: Date = Fixtures.start, state: SessionState = .active) -> AgentSession {
        AgentSession(idHash: hash, agentID: agent, state: state, createdAt: at, lastSeenAt: at, ip: "192.0.2.7", userAgent: "Tests/1.0")
    }

    @Test("set-password codes work once, before they expire, and only the newest", arguments: TestDatabases.kinds)
    func setupCodes(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let admin = try await store.createAgent(Fixtures.agent("Root", email: "root@example.com", role: .admin), by: .system)
            let agent = try await store.createAgent(Fixtures.agent("Ada", email: "Ada@Example.com"), by: .agent(admin.id))
            let expires = Fixtures.start.addingTimeInterval(3600)
            try await store.createPasswordSetupCode(for: agent.id, codeHash: "old", expiresAt: expires, by: .agent(admin.id), now: Fixtures.start)
            try await store.createPasswordSetupCode(for: agent.id, codeHash: "new", expiresAt: expires, by: .agent(admin.id), now: Fixtures.start)
            #expect(try await !store.passwordSetupCodeIsValid(codeHash: "old", now: Fixtures.start))
            #expect(try await store.passwordSetupCodeIsValid(codeHash: "new", now: Fixtures.start))
            #expect(try await !store.passwordSetupCodeIsValid(codeHash: "new", now: expires))
            await #expect(throws: DeskError.invalidCode) {
                try await store.completePasswordSetup(codeHash: "new", passwordHash: "$2b$04$x", now: expires)
            }
            let done = try await store.completePasswordSetup(codeHash: "new", passwordHash: "$2b$04$x", now: Fixtures.start)
            #expect(done.id == agent.id)
            await #expect(throws: DeskError.invalidCode) {
                try await store.completePasswordSetup(codeHash: "new", passwordHash: "$2b$04$y", now: Fixtures.start)
            }
            // Email is matched without case.
            let credentials = try #require(try await store.credentials(email: EmailAddress(rawValue: "ada@example.com")!))
            #expect(credentials.passwordHash == "$2b$04$x")
            #expect(try await store.credentials(email: EmailAddress(rawValue: "nobody@example.com")!) == nil)
        }
    }

    @Test("sessions: stored by hash, touched at most once a minute, ended one by one or all at once", arguments: TestDatabases.kinds)
    func sessions(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let agent = try await store.createAgent(Fixtures.agent(), by: .system)
            try await store.startSession(Self.session(agent.id, "h1"), language: .en)
            try await store.startSession(Self.session(agent.id, "h2"), language: .en)
            try await store.startSession(Self.session(agent.id, "h3", state: .pendingSecondFactor), language: .en)
            #expect(try await store.session(idHash: "h1")?.session.state == .active)
            #expect(try await store.session(idHash: "h3")?.session.state == .pendingSecondFactor)
            #expect(try await store.session(idHash: "nope") == nil)

            try await store.touchSession(idHash: "h1", now: Fixtures.start.addingTimeInterval(30))
            #expect(try await store.session(idHash: "h1")?.session.lastSeenAt == Fixtures.start)
            try await store.touchSession(idHash: "h1", now: Fixtures.start.addingTimeInterval(90))
            #expect(try await store.session(idHash: "h1")?.session.lastSeenAt == Fixtures.start.addingTimeInterval(90))

            try await store.endSession(idHash: "h1", now: Fixtures.start)
            #expect(try await store.session(idHash: "h1") == nil)
            #expect(try await store.endSessions(of: agent.id, by: .agent(agent.id), now: Fixtures.start) == 2)
            #expect(try await store.session(idHash: "h2") == nil)

            // A new password ends every session too.
            try await store.startSession(Self.session(agent.id, "h4"), language: .en)
            try await store.setPassword(agent.id, hash: "$2b$04$z", by: .agent(agent.id), now: Fixtures.start)
            #expect(try await store.session(idHash: "h4") == nil)

            // A deactivated agent's sessions stop working.
            try await store.startSession(Self.session(agent.id, "h5"), language: .en)
            _ = try await store.updateAgent(agent.id, expectedVersion: nil, by: .system, now: Fixtures.start) { $0.active = false }
            #expect(try await store.session(idHash: "h5") == nil)

            let actions = try await store.auditEntries(after: nil, action: nil, limit: 100).map(\.action)
            #expect(actions.filter { $0 == "signin.succeeded" }.count == 4)
            #expect(actions.contains("signin.second-factor-required"))
            #expect(actions.contains("signout"))
            #expect(actions.contains("signout.everywhere"))
            #expect(actions.contains("password.changed"))
            #expect(AuditChain.verify(try await store.auditEntries(after: nil, action: nil, limit: 100), head: try await store.auditHead()) == nil)
        }
    }
}

@Suite("Sign-in security store")
struct SignInSecurityStoreTests {
    @Test("failures count per account and address, lock with an outbox message in one transaction; concurrent failures all count", arguments: TestDatabases.kinds)
    func counters(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let agent = try await store.createAgent(Fixtures.agent("Ada", email: "Ada@Example.com"), by: .system)
            var policy = ThrottlePolicy()
            policy.accountLockAfter = 12
            let attempt = SignInAttempt(agentID: agent.id, email: "ada@example.com", ip: "198.51.100.9", userAgent: "UA", language: .zhCN, at: Fixtures.start)
            // Twelve failures at once from many tasks (on PostgreSQL: many connections); none may be lost.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask { [policy] in _ = try await store.recordFailedSignIn(attempt, reason: "wrong-password", lockReason: "too-many-passwords", policy: policy) }
                }
                try await group.waitForAll()
            }
            let counters = try await store.failureCounters(keys: attempt.counterKeys)
            #expect(counters.first { $0.key == "account:ada@example.com" }?.failures == 12)
            #expect(counters.first { $0.key == "ip:198.51.100.9" }?.failures == 12)
            let locks = try await store.locks(now: Fixtures.start)
            #expect(locks.map(\.key) == ["account:ada@example.com"])
            #expect(locks.first?.reason == "too-many-passwords")
            let outbox = try await store.unsentOutbox(limit: 10)
            #expect(outbox.count == 1)
            #expect(outbox.first?.recipient == "Ada@example.com")
            #expect(outbox.first?.language == .zhCN)
            #expect(try await store.signIns(of: agent.id, limit: 50).count == 12)

            #expect(try await store.unlock(key: "account:ada@example.com", by: .system, now: Fixtures.start))
            #expect(try await store.locks(now: Fixtures.start).isEmpty)
            let actions = try await store.auditEntries(after: nil, action: nil, limit: 100).map(\.action)
            #expect(actions.filter { $0 == "account.locked" }.count == 1)
            #expect(actions.contains("account.unlocked"))
            #expect(AuditChain.verify(try await store.auditEntries(after: nil, action: nil, limit: 100), head: try await store.auditHead()) == nil)
        }
    }

    @Test("customer codes: one use, tries counted, replaced by a new code; wallet token ids accepted once", arguments: TestDatabases.kinds)
    func customers(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store in
            let customer = try await store.createCustomer(
                Customer(email: EmailAddress(rawValue: "Mei@example.com"), language: .zhTW, createdAt: Fixtures.start, updatedAt: Fixtures.start)
            )
            let email = EmailAddress(rawValue: "mei@example.com")!
            #expect(try await store.customer(email: email)?.id == customer.id)
            try await store.issueCustomerCode(to: customer, email: email, codeHash: "h1", message: ("s", "b"), now: Fixtures.start)
            #expect(try await store.useCustomerCode(email: email, codeHash: "wrong", now: Fixtures.start) == nil)
            #expect(try await store.useCustomerCode(email: email, codeHash: "h1", now: Fixtures.start) == customer.id)
            #expect(try await store.useCustomerCode(email: email, codeHash: "h1", now: Fixtures.start) == nil)
            try await store.issueCustomerCode(to: customer, email: email, codeHash: "h2", message: ("s", "b"), now: Fixtures.start)
            for _ in 0..<CustomerCodeRules.attempts {
                #expect(try await store.useCustomerCode(email: email, codeHash: "wrong", now: Fixtures.start) == nil)
            }
            #expect(try await store.useCustomerCode(email: email, codeHash: "h2", now: Fixtures.start) == nil, "tries ran out")
            #expect(try await store.unsentOutbox(limit: 10).map(\.language) == [.zhTW, .zhTW])

            let identity = WalletIdentity(walletAccountID: "W-9", tokenID: "jti-1", expiresAt: Fixtures.start.addingTimeInterval(60), email: email)
            let linked = try await store.acceptWalletIdentity(identity, now: Fixtures.start)
            #expect(linked.id == customer.id, "same email, no wallet link yet: linked, not duplicated")
            #expect(linked.walletAccountID == "W-9")
            #expect(try await store.isVerifiedByWallet(customer.id))
            await #expect(throws: DeskError.ssoRefused(.replayed)) { try await store.acceptWalletIdentity(identity, now: Fixtures.start) }
            var second = identity
            second.tokenID = "jti-2"
            #expect(try await store.acceptWalletIdentity(second, now: Fixtures.start).id == customer.id)

            let session = CustomerSession(idHash: "c1", customerID: customer.id, method: "email-code", createdAt: Fixtures.start, lastSeenAt: Fixtures.start)
            try await store.startCustomerSession(session)
            #expect(try await store.customerSession(idHash: "c1")?.customer.id == customer.id)
            try await store.endCustomerSession(idHash: "c1", now: Fixtures.start)
            #expect(try await store.customerSession(idHash: "c1") == nil)
        }
    }
}
