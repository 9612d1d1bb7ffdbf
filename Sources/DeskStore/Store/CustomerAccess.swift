import DeskCore
import Foundation
import SQLKit

/// A signed-in customer session; the store keeps only the hash of its id.
public struct CustomerSession: Sendable, Equatable {
    public var idHash: String
    public var customerID: CustomerID
    /// `email-code` or `wallet-sso`.
    public var method: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(idHash: String, customerID: CustomerID, method: String, createdAt: Date, lastSeenAt: Date) {
        self.idHash = idHash
        self.customerID = customerID
        self.method = method
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// What a verified wallet-app token says about the customer.
public struct WalletIdentity: Sendable, Equatable {
    public var walletAccountID: String
    public var tokenID: String
    public var expiresAt: Date
    public var email: EmailAddress?
    public var name: String?
    public var language: Language?

    public init(walletAccountID: String, tokenID: String, expiresAt: Date, email: EmailAddress? = nil, name: String? = nil, language: Language? = nil) {
        self.walletAccountID = walletAccountID
        self.tokenID = tokenID
        self.expiresAt = expiresAt
        self.email = email
        self.name = name
        self.language = language
    }
}

/// Customers' one-time email codes, wallet-app sign-in and sessions.
public protocol CustomerAccessStore: Sendable {
    /// The customer with this email (compared without case), or nil.
    func customer(email: EmailAddress) async throws -> Customer?
    /// Stores a new code for the customer (replacing any earlier one) and puts the email with it into the outbox, in the
    /// customer's language, in one transaction.
    func issueCustomerCode(to customer: Customer, email: EmailAddress, codeHash: String, message: (subject: String, body: String), now: Date) async throws
    /// Uses the customer's code: the customer when `codeHash` matches an unused, unexpired code with tries left; nil otherwise
    /// (a wrong code uses up a try, the last one kills the code).
    func useCustomerCode(email: EmailAddress, codeHash: String, now: Date) async throws -> CustomerID?
    /// Puts a notice about the customer's request into the outbox (received, answered). Never a secret: notices say
    /// where to read, not what was written.
    func queueCustomerMail(to email: EmailAddress, language: Language, kind: String, message: (subject: String, body: String), now: Date) async throws
    /// Accepts a verified wallet-app identity once per token id (``DeskError/ssoRefused(_:)`` `replayed` otherwise): links or
    /// creates the customer by wallet account id and marks them verified by the wallet app.
    func acceptWalletIdentity(_ identity: WalletIdentity, now: Date) async throws -> Customer
    func isVerifiedByWallet(_ customerID: CustomerID) async throws -> Bool
    func startCustomerSession(_ session: CustomerSession) async throws
    func customerSession(idHash: String) async throws -> (customer: Customer, session: CustomerSession)?
    func touchCustomerSession(idHash: String, now: Date) async throws
    func endCustomerSession(idHash: String, now: Date) async throws
}

extension SQLDeskStore: CustomerAccessStore {
    public func customer(email: EmailAddress) async throws -> Customer? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Rows.customerColumns) FROM customers WHERE LOWER(email) = \(bind: email.rawValue.lowercased())")
                .first().map(Rows.customer)
        }
    }

    public func issueCustomerCode(to customer: Customer, email: EmailAddress, codeHash: String, message: (subject: String, body: String), now: Date) async throws {
        let subject = message.subject
        let body = message.body
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO customer_codes (email, customer_id, code_hash, created_at, expires_at, attempts) VALUES (\(bind: email.rawValue.lowercased()),
                  \(bind: customer.id.description), \(bind: codeHash), \(bind: now.microseconds),
                  \(bind: now.addingTimeInterval(CustomerCodeRules.lifetime).microseconds), 0)
                ON CONFLICT (email) DO UPDATE SET customer_id = excluded.customer_id, code_hash = excluded.code_hash, created_at = excluded.created_at,
                  expires_at = excluded.expires_at, attempts = 0, used_at = NULL
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO outbox (id, created_at, channel, recipient, language, kind, subject, body) VALUES (\(bind: FastUUID.format(FastUUID.random())),
                  \(bind: now.microseconds), 'email', \(bind: email.rawValue), \(bind: customer.language.rawValue),
                  \(bind: CustomerNotice.signInCode("").kind), \(bind: subject), \(bind: body))
                """
            ).run()
        }
    }

    public func queueCustomerMail(to email: EmailAddress, language: Language, kind: String, message: (subject: String, body: String), now: Date) async throws {
        let subject = message.subject
        let body = message.body
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO outbox (id, created_at, channel, recipient, language, kind, subject, body) VALUES (\(bind: FastUUID.format(FastUUID.random())),
                  \(bind: now.microseconds), 'email', \(bind: email.rawValue), \(bind: language.rawValue), \(bind: kind), \(bind: subject), \(bind: body))
                """
            ).run()
        }
    }

    public func useCustomerCode(email: EmailAddress, codeHash: String, now: Date) async throws -> CustomerID? {
        try await database.write { sql in
            guard let row = try await sql.raw(
                """
                SELECT customer_id, code_hash, expires_at, attempts, used_at FROM customer_codes
                WHERE email = \(bind: email.rawValue.lowercased())\(unsafeRaw: self.dialect.forUpdate)
                """
            ).first() else { return nil }
            guard try row.decodeNil(column: "used_at"), try row.decode(column: "expires_at", as: Int64.self) > now.microseconds,
                try row.decode(column: "attempts", as: Int.self) < CustomerCodeRules.attempts
            else { return nil }
            guard constantTimeEqual(try row.decode(column: "code_hash", as: String.self), codeHash) else {
                let attempts = try row.decode(column: "attempts", as: Int.self) + 1
                try await sql.raw(
                    """
                    UPDATE customer_codes SET attempts = \(bind: attempts),
                      used_at = \(bind: attempts >= CustomerCodeRules.attempts ? now.microseconds : nil) WHERE email = \(bind: email.rawValue.lowercased())
                    """
                ).run()
                return nil
            }
            try await sql.raw("UPDATE customer_codes SET used_at = \(bind: now.microseconds) WHERE email = \(bind: email.rawValue.lowercased())").run()
            return CustomerID(try row.decode(column: "customer_id", as: String.self))
        }
    }

    public func acceptWalletIdentity(_ identity: WalletIdentity, now: Date) async throws -> Customer {
        // Two tries: a unique violation is either this token id seen before (a replay) or another node creating the same
        // customer at this instant, which a second try resolves by finding that customer.
        for attempt in 1...2 {
            do {
                return try await acceptWalletIdentityOnce(identity, now: now)
            } catch where Self.isUniqueViolation(error) {
                let seen = try await database.read { sql in
                    try await sql.raw("SELECT jti FROM sso_token_ids WHERE jti = \(bind: identity.tokenID)").first() != nil
                }
                if seen || attempt == 2 { throw DeskError.ssoRefused(.replayed) }
            }
        }
        throw DeskError.ssoRefused(.replayed)
    }

    func acceptWalletIdentityOnce(_ identity: WalletIdentity, now: Date) async throws -> Customer {
        try await database.write { sql in
            // Forget token ids whose tokens have expired; a replay of those fails on the expiry check anyway.
            try await sql.raw("DELETE FROM sso_token_ids WHERE expires_at < \(bind: now.addingTimeInterval(-WalletSSORules.leeway).microseconds)").run()
            try await sql.raw(
                "INSERT INTO sso_token_ids (jti, expires_at) VALUES (\(bind: identity.tokenID), \(bind: identity.expiresAt.microseconds))"
            ).run()
            var customer: Customer
            if let row = try await sql.raw(
                "SELECT \(unsafeRaw: Rows.customerColumns) FROM customers WHERE wallet_account_id = \(bind: identity.walletAccountID)\(unsafeRaw: self.dialect.forUpdate)"
            ).first() {
                customer = try Rows.customer(row)
            } else if let email = identity.email, let row = try await sql.raw(
                """
                SELECT \(unsafeRaw: Rows.customerColumns) FROM customers WHERE LOWER(email) = \(bind: email.rawValue.lowercased())
                  AND wallet_account_id IS NULL\(unsafeRaw: self.dialect.forUpdate)
                """
            ).first() {
                // Same email, no wallet link yet: the wallet vouches for both, so link them.
                customer = try Rows.customer(row)
                try await sql.raw(
                    """
                    UPDATE customers SET wallet_account_id = \(bind: identity.walletAccountID), updated_at = \(bind: now.microseconds),
                      version = version + 1 WHERE id = \(bind: customer.id.description)
                    """
                ).run()
                customer.walletAccountID = identity.walletAccountID
                customer.version += 1
            } else {
                customer = Customer(
                    name: identity.name, email: identity.email, walletAccountID: identity.walletAccountID, language: identity.language ?? .zhCN,
                    createdAt: now, updatedAt: now
                )
                try await self.insertCustomer(customer, on: sql)
            }
            try await sql.raw(
                """
                INSERT INTO customer_verifications (customer_id, method, verified_at) VALUES (\(bind: customer.id.description), 'wallet-app',
                  \(bind: now.microseconds))
                ON CONFLICT (customer_id) DO UPDATE SET method = excluded.method, verified_at = excluded.verified_at
                """
            ).run()
            try await self.audit(
                "customer.wallet-sso", actor: .customer(customer.id), target: "customer:\(customer.id)", details: ["jti": identity.tokenID], at: now,
                on: sql
            )
            return customer
        }
    }

    public func isVerifiedByWallet(_ customerID: CustomerID) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw(
                "SELECT customer_id FROM customer_verifications WHERE customer_id = \(bind: customerID.description) AND method = 'wallet-app'"
            ).first() != nil
        }
    }

    public func startCustomerSession(_ session: CustomerSession) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO customer_sessions (id_hash, customer_id, method, created_at, last_seen_at) VALUES (\(bind: session.idHash),
                  \(bind: session.customerID.description), \(bind: session.method), \(bind: session.createdAt.microseconds),
                  \(bind: session.lastSeenAt.microseconds))
                """
            ).run()
        }
    }

    public func customerSession(idHash: String) async throws -> (customer: Customer, session: CustomerSession)? {
        let customerColumns = Rows.customerColumns.split(separator: ",").map { "c." + $0.trimmingWhitespace() }.joined(separator: ", ")
        return try await database.read { sql in
            guard let row = try await sql.raw(
                """
                SELECT \(unsafeRaw: customerColumns), s.id_hash AS s_id_hash, s.method AS s_method, s.created_at AS s_created_at,
                  s.last_seen_at AS s_last_seen_at
                FROM customer_sessions s JOIN customers c ON c.id = s.customer_id WHERE s.id_hash = \(bind: idHash) AND s.ended_at IS NULL
                """
            ).first() else { return nil }
            let customer = try Rows.customer(row)
            let session = CustomerSession(
                idHash: try row.decode(column: "s_id_hash", as: String.self), customerID: customer.id, method: try row.decode(column: "s_method", as: String.self),
                createdAt: Date(microseconds: try row.decode(column: "s_created_at", as: Int64.self)),
                lastSeenAt: Date(microseconds: try row.decode(column: "s_last_seen_at", as: Int64.self))
            )
            return (customer, session)
        }
    }

    public func touchCustomerSession(idHash: String, now: Date) async throws {
        let cutoff = now.addingTimeInterval(-60).microseconds
        try await database.write { sql in
            try await sql.raw(
                "UPDATE customer_sessions SET last_seen_at = \(bind: now.microseconds) WHERE id_hash = \(bind: idHash) AND last_seen_at < \(bind: cutoff)"
            ).run()
        }
    }

    public func endCustomerSession(idHash: String, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw("UPDATE customer_sessions SET ended_at = \(bind: now.microseconds) WHERE id_hash = \(bind: idHash)").run()
        }
    }
}
