import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Sends mail through one SMTP server (RFC 5321): EHLO, STARTTLS or TLS from the start, AUTH PLAIN/LOGIN, then
/// MAIL FROM / RCPT TO / DATA per message, QUIT. Each reply has a deadline; a connection that misses one is closed.
///
/// Failures are ``SMTPError``s: a 5xx refusal of a recipient or a message is permanent; everything about reaching,
/// securing or signing in to the server (4xx, network, TLS, timeouts, even a refused password) is transient, because
/// it says nothing about the message and an admin can fix it.
public struct SMTPClient: Sendable {
    public var server: SMTPServer
    /// The name we greet with (EHLO); the sender's domain by default.
    public var heloName: String
    public var connectTimeout: TimeAmount = .seconds(10)
    /// Deadline for each reply.
    public var replyTimeout: TimeAmount = .seconds(60)
    /// Deadline for the reply to the end of a message (servers may scan it first).
    public var dataTimeout: TimeAmount = .seconds(120)
    let group: any EventLoopGroup

    public init(server: SMTPServer, heloName: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.server = server
        self.heloName = heloName
        self.group = group
    }

    /// Opens a greeted, secured and signed-in connection, runs `body` with it, and says QUIT.
    public func withSession<T: Sendable>(_ body: (SMTPSession) async throws -> T) async throws -> T {
        let session = try await connect()
        do {
            try await session.open(heloName: heloName)
            let result = try await body(session)
            await session.quit()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = server.caFile { configuration.additionalTrustRoots = [.file(caFile)] }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPError.configuration("cannot load the TLS trust roots")
        }
    }

    func connect() async throws -> SMTPSession {
        let context = try tlsContext()
        let server = self.server
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if server.implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: server.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            throw SMTPError.connection(Self.reason(error))
        }
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return SMTPSession(
            channel: channel, handler: handler, server: server, tls: context, secured: server.implicitTLS, replyTimeout: replyTimeout, dataTimeout: dataTimeout
        )
    }

    /// A short reason for a network error, without addresses of anything but the server.
    static func reason(_ error: any Error) -> String {
        if let error = error as? SMTPError { return error.description }
        if error is ChannelError { return "\(error)" }
        if let error = error as? IOError { return "\(error.description)" }
        return String(describing: type(of: error))
    }
}

/// One open connection to the mail server.
public final class SMTPSession: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<SMTPReplyHandler>
    let server: SMTPServer
    let tls: NIOSSLContext
    let replyTimeout: TimeAmount
    let dataTimeout: TimeAmount
    private let state: Mutex<(secured: Bool, capabilities: Set<String>, authMechanisms: Set<String>)>

    init(
        channel: any Channel, handler: NIOLoopBound<SMTPReplyHandler>, server: SMTPServer, tls: NIOSSLContext, secured: Bool, replyTimeout: TimeAmount,
        dataTimeout: TimeAmount
    ) {
        self.channel = channel
        self.handler = handler
        self.server = server
        self.tls = tls
        self.replyTimeout = replyTimeout
        self.dataTimeout = dataTimeout
        state = Mutex((secured, [], []))
    }

    /// Whether the link is encrypted (TLS from the start, or after STARTTLS).
    public var isSecured: Bool { state.withLock { $0.secured } }

    /// Greeting, EHLO, STARTTLS (as configured), EHLO again, AUTH.
    func open(heloName: String) async throws {
        try await expect(try await exchange(nil, stage: "greeting"), 220, stage: "greeting")
        try await ehlo(heloName)
        if !server.implicitTLS && server.startTLS != .off {
            if state.withLock({ $0.capabilities.contains("STARTTLS") }) {
                try await expect(try await exchange("STARTTLS", stage: "STARTTLS"), 220, stage: "STARTTLS")
                try await startTLS()
                try await ehlo(heloName)
            } else if server.startTLS == .required {
                throw SMTPError.protocolViolation("the server does not offer STARTTLS, which is required")
            }
        }
        if let username = server.username {
            try await authenticate(username: username, password: server.password ?? "")
        }
    }

    func ehlo(_ name: String) async throws {
        let reply = try await exchange("EHLO \(name)", stage: "EHLO")
        if reply.code == 500 || reply.code == 502 {
            // A server from before ESMTP: HELO, and no extensions (so no STARTTLS and no AUTH).
            try await expect(try await exchange("HELO \(name)", stage: "HELO"), 250, stage: "HELO")
            state.withLock {
                $0.capabilities = []
                $0.authMechanisms = []
            }
            return
        }
        try await expect(reply, 250, stage: "EHLO")
        var capabilities: Set<String> = []
        var mechanisms: Set<String> = []
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            capabilities.insert(keyword)
            if keyword == "AUTH" { mechanisms.formUnion(words.dropFirst()) }
        }
        state.withLock {
            $0.capabilities = capabilities
            $0.authMechanisms = mechanisms
        }
    }

    func startTLS() async throws {
        let handler = self.handler
        let channel = self.channel
        let context = tls
        let host = server.host
        try await channel.eventLoop.submit {
            // Anything the server sent after its 220 would be read as if it came over TLS: refuse (STARTTLS injection).
            guard !handler.value.hasBufferedInput else { throw SMTPError.protocolViolation("data after the STARTTLS reply") }
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
        }.get()
        state.withLock { $0.secured = true }
    }

    func authenticate(username: String, password: String) async throws {
        guard isSecured || SMTPServer.isLoopback(server.host) else {
            throw SMTPError.configuration("refusing to send the password over an unencrypted link")
        }
        let mechanisms = state.withLock { $0.authMechanisms }
        if mechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await expect(try await exchange("AUTH PLAIN \(token)", stage: "AUTH"), 235, stage: "AUTH")
        } else if mechanisms.contains("LOGIN") {
            try await expect(try await exchange("AUTH LOGIN", stage: "AUTH"), 334, stage: "AUTH")
            try await expect(try await exchange(Data(username.utf8).base64EncodedString(), stage: "AUTH"), 334, stage: "AUTH")
            try await expect(try await exchange(Data(password.utf8).base64EncodedString(), stage: "AUTH"), 235, stage: "AUTH")
        } else {
            throw SMTPError.configuration("the server offers no AUTH mechanism WalletDesk supports (PLAIN, LOGIN)")
        }
    }

    /// Sends one message to one recipient. On a refusal the transaction is reset, so the session can send the next one.
    public func send(_ message: MailMessage) async throws {
        do {
            try await expect(try await exchange("MAIL FROM:<\(message.from.address)>", stage: "MAIL FROM"), 250, stage: "MAIL FROM")
            let recipient = try await exchange("RCPT TO:<\(message.to.address)>", stage: "RCPT TO")
            guard recipient.code == 250 || recipient.code == 251 else { throw SMTPError.rejected(stage: "RCPT TO", reply: recipient) }
            try await expect(try await exchange("DATA", stage: "DATA"), 354, stage: "DATA")
            let payload = SMTPData.stuffed(message.rendered())
            try await expect(try await exchange(payload, stage: "message", timeout: dataTimeout, terminated: false), 250, stage: "message")
        } catch let error as SMTPError {
            if case .rejected = error { _ = try? await exchange("RSET", stage: "RSET") }
            throw error
        }
    }

    func quit() async {
        _ = try? await exchange("QUIT", stage: "QUIT", timeout: .seconds(5))
        await close()
    }

    func close() async {
        try? await channel.close()
    }

    func expect(_ reply: SMTPReply, _ code: Int, stage: String) async throws {
        guard reply.code == code else { throw SMTPError.rejected(stage: stage, reply: reply) }
    }

    /// Writes `line` (with CRLF unless `terminated` is false: DATA payloads end in their own CRLF) and waits for the reply.
    func exchange(_ line: String?, stage: String, timeout: TimeAmount? = nil, terminated: Bool = true) async throws -> SMTPReply {
        let handler = self.handler
        let channel = self.channel
        let deadline = timeout ?? replyTimeout
        let future: EventLoopFuture<SMTPReply> = channel.eventLoop.flatSubmit {
            let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
            handler.value.awaitReply(promise, stage: stage, timeout: deadline)
            if let line {
                let written = channel.eventLoop.makePromise(of: Void.self)
                written.futureResult.whenFailure { error in handler.value.fail(.connection(SMTPClient.reason(error))) }
                channel.writeAndFlush(ByteBuffer(string: terminated ? line + "\r\n" : line), promise: written)
            }
            return promise.futureResult
        }
        // Cancellation (a shutdown past its grace period) closes the connection, which fails the wait at once rather
        // than when the reply deadline passes.
        return try await withTaskCancellationHandler {
            try await future.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}

/// Reads CRLF lines into replies and hands each to whoever waits for it. Lives on the channel's event loop.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private var input = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var replies: [SMTPReply] = []
    private var waiter: (promise: EventLoopPromise<SMTPReply>, deadline: Scheduled<Void>)?
    private var failure: SMTPError?
    private var context: ChannelHandlerContext?

    /// The longest reply line accepted (RFC 5321 allows 512 octets).
    static let maximumLine = 4096

    var hasBufferedInput: Bool { input.readableBytes > 0 || !replies.isEmpty || parser.isMidReply }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        input.writeBuffer(&bytes)
        while let newline = input.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - input.readerIndex
            var line = input.readString(length: length) ?? ""
            input.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            do {
                if let reply = try parser.feed(line) { deliver(reply) }
            } catch {
                fail(.protocolViolation("unreadable reply"))
                return
            }
        }
        if input.readableBytes > Self.maximumLine { fail(.protocolViolation("reply line too long")) }
        input.discardReadBytes()
    }

    func awaitReply(_ promise: EventLoopPromise<SMTPReply>, stage: String, timeout: TimeAmount) {
        if !replies.isEmpty {
            promise.succeed(replies.removeFirst())
        } else if let failure {
            promise.fail(failure)
        } else if let context {
            let deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] () -> Void in self?.fail(.timeout(stage: stage)) }
            waiter = (promise, deadline)
        } else {
            promise.fail(SMTPError.connection("closed"))
        }
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiter {
            self.waiter = nil
            waiter.deadline.cancel()
            waiter.promise.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    /// Ends the connection: the waiting reply (and any later one) fails with `error`.
    func fail(_ error: SMTPError) {
        if failure == nil { failure = error }
        if let waiter {
            self.waiter = nil
            waiter.deadline.cancel()
            waiter.promise.fail(failure ?? error)
        }
        context?.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            fail(.connection("TLS: \(error)"))
        } else {
            fail(.connection(SMTPClient.reason(error)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.connection("closed by the server"))
        context.fireChannelInactive()
    }
}
