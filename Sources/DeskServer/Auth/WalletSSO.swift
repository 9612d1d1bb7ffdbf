import DeskCore
import DeskStore
import Foundation
import JWTKit

/// Checks tokens the wallet's backend signs for single sign-on (EdDSA/Ed25519 or ES256, public key configured).
///
/// Accepted only when the signature is right, `aud` names this desk, `iss` matches when one is configured, the token is
/// within `nbf`…`exp` by WalletDesk's clock (with ``WalletSSORules/leeway``), lives at most
/// ``WalletSSORules/maximumLifetime``, and its `jti` was never seen before (the store remembers them).
struct WalletSSOVerifier: Sendable {
    enum Key: Sendable {
        case eddsa(EdDSA.PublicKey)
        case es256(ES256PublicKey)
    }

    let key: Key
    let audience: String
    let issuer: String?

    /// Reads a PEM public key; Ed25519 first, then P-256.
    init(publicKeyPEM pem: String, audience: String, issuer: String?) throws {
        if let key = try? EdDSA.PublicKey(pem: pem) {
            self.key = .eddsa(key)
        } else {
            self.key = .es256(try ES256PublicKey(pem: pem))
        }
        self.audience = audience
        self.issuer = issuer
    }

    /// The identity in `token`, or ``DeskError/ssoRefused(_:)`` naming why not. Does not record the `jti`.
    func verify(_ token: String, now: Date) async throws -> WalletIdentity {
        let keys = JWTKeyCollection()
        switch key {
        case .eddsa(let key): await keys.add(eddsa: key)
        case .es256(let key): await keys.add(ecdsa: key)
        }
        // Shape first, so a malformed token is told apart from a wrongly signed one.
        guard token.count < 8192, (try? await keys.unverified(token, as: WalletSSOClaims.self)) != nil else { throw DeskError.ssoRefused(.malformed) }
        let claims: WalletSSOClaims
        do {
            claims = try await keys.verify(token, as: WalletSSOClaims.self)
        } catch {
            throw DeskError.ssoRefused(.badSignature)
        }
        let leeway = WalletSSORules.leeway
        guard claims.aud.value.contains(audience) else { throw DeskError.ssoRefused(.wrongAudience) }
        if let issuer, claims.iss?.value != issuer { throw DeskError.ssoRefused(.wrongIssuer) }
        guard now < claims.exp.value.addingTimeInterval(leeway) else { throw DeskError.ssoRefused(.expired) }
        if let nbf = claims.nbf, now.addingTimeInterval(leeway) < nbf.value { throw DeskError.ssoRefused(.notYetValid) }
        if let iat = claims.iat, now.addingTimeInterval(leeway) < iat.value { throw DeskError.ssoRefused(.notYetValid) }
        let issued = claims.iat?.value ?? claims.nbf?.value ?? now
        guard claims.exp.value.timeIntervalSince(issued) <= WalletSSORules.maximumLifetime,
            claims.exp.value.timeIntervalSince(now) <= WalletSSORules.maximumLifetime + leeway
        else { throw DeskError.ssoRefused(.tooLongLived) }
        let account = claims.sub.value.trimmingWhitespace()
        guard !account.isEmpty, account.count <= 128, !claims.jti.value.isEmpty, claims.jti.value.count <= 128 else {
            throw DeskError.ssoRefused(.malformed)
        }
        return WalletIdentity(
            walletAccountID: String(account), tokenID: claims.jti.value, expiresAt: claims.exp.value,
            email: claims.email.flatMap(EmailAddress.init(rawValue:)), name: claims.name.map { String($0.prefix(120)) },
            language: claims.locale.flatMap(Language.match)
        )
    }
}

/// The claims of a wallet-app sign-in token.
struct WalletSSOClaims: JWTPayload {
    /// The customer's account id in the wallet's backend.
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim?
    var iat: IssuedAtClaim?
    var jti: IDClaim
    var iss: IssuerClaim?
    var email: String?
    var name: String?
    var locale: String?

    /// Time claims are checked afterwards against WalletDesk's clock (a dependency), not the system clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
