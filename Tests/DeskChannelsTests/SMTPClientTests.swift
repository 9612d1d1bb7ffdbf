@testable import DeskChannels
import DeskCore
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A scripted SMTP server on loopback: answers each command line with what `answer` returns (nil: stay silent), and
/// keeps every byte it received.
final class ScriptedServer: Sendable {
    final class Recorder: Sendable {
        let text = Mutex<String>("")
    }

    let recorder = Recorder()
    let channel: any NIOCore.Channel

    init(greeting: String?, answer: @escaping @Sendable (String) -> String?) async throws {
        let received = recorder
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Handler(greeting: greeting, answer: answer, received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    var port: Int { channel.localAddress!.port! }
    var received: String { recorder.text.withLock { $0 } }

    func stop() async { try? await channel.close() }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: String?
        let answer: @Sendable (String) -> String?
        let received: Recorder
        var pending = ""
        var inData = false

        init(greeting: String?, answer: @escaping @Sendable (String) -> String?, received: Recorder) {
            self.greeting = greeting
            self.answer = answer
            self.received = received
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil) }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = String(buffer: unwrapInboundIn(data))
            received.text.withLock { $0 += text }
            pending += text
            while true {
                if inData {
                    guard let end = pending.range(of: "\r\n.\r\n") else { return }
                    pending = String(pending[end.upperBound...])
                    inData = false
                    reply(answer("<end of data>"), context)
                    continue
                }
                guard let end = pending.range(of: "\r\n") else { return }
                let line = String(pending[..<end.lowerBound])
                pending = String(pending[end.upperBound...])
                if line == "DATA" { inData = true; pending = "\r\n" + pending }
                reply(answer(line), context)
            }
        }

        func reply(_ text: String?, _ context: ChannelHandlerContext) {
            guard let text else { return }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
        }
    }
}

@Suite("SMTP client")
struct SMTPClientTests {
    static let message = try! MailMessage(
        from: MailAddress(parsing: "Desk <desk@example.com>"), to: MailAddress(parsing: "li@example.com"), subject: "你好", body: "第一行\n.第二行",
        date: Date(), messageIDLocalPart: "m1"
    )

    static func client(_ server: ScriptedServer, url: String? = nil) throws -> SMTPClient {
        var client = SMTPClient(server: try SMTPServer(url: url ?? "smtp://127.0.0.1:\(server.port)", startTLS: .optional), heloName: "example.com")
        client.replyTimeout = .milliseconds(500)
        return client
    }

    @Test("a whole session: multi-line EHLO, AUTH PLAIN on loopback, the message with a CRLF.CRLF end, QUIT")
    func session() async throws {
        let server = try await ScriptedServer(greeting: "220-mail.example.com ESMTP\r\n220 ready\r\n") { line in
            switch line {
            case let l where l.hasPrefix("EHLO"): "250-mail.example.com\r\n250-PIPELINING\r\n250 AUTH LOGIN PLAIN\r\n"
            case let l where l.hasPrefix("AUTH PLAIN"): "235 2.7.0 ok\r\n"
            case let l where l.hasPrefix("MAIL FROM") || l.hasPrefix("RCPT TO"): "250 ok\r\n"
            case "DATA": "354 go on\r\n"
            case "<end of data>": "250 2.0.0 queued as 1\r\n"
            case "QUIT": "221 bye\r\n"
            default: "500 what?\r\n"
            }
        }
        let client = try Self.client(server, url: "smtp://desk:pa%20ss@127.0.0.1:\(server.port)")
        try await client.withSession { try await $0.send(Self.message) }
        await server.stop()
        let wire = server.received
        let plain = Data(([0] + Array("desk".utf8) + [0] + Array("pa ss".utf8))).base64EncodedString()
        #expect(wire.hasPrefix("EHLO example.com\r\nAUTH PLAIN \(plain)\r\nMAIL FROM:<desk@example.com>\r\nRCPT TO:<li@example.com>\r\nDATA\r\n"))
        #expect(wire.contains("\r\n\r\n") && wire.hasSuffix("\r\n.\r\nQUIT\r\n"))
        #expect(!wire.contains("第一行"), "the body travels base64-encoded")
    }

    @Test("a silent server times out; a 421 greeting and a missing required STARTTLS are transient; a 550 recipient is permanent")
    func failures() async throws {
        let silent = try await ScriptedServer(greeting: nil) { _ in nil }
        let started = ContinuousClock.now
        await #expect(throws: SMTPError.timeout(stage: "greeting")) { try await Self.client(silent).withSession { _ in } }
        #expect(ContinuousClock.now - started < .seconds(5))
        await silent.stop()

        let busy = try await ScriptedServer(greeting: "421 4.3.2 too busy\r\n") { _ in nil }
        do {
            try await Self.client(busy).withSession { _ in }
            Issue.record("a 421 greeting was accepted")
        } catch let error as SMTPError {
            #expect(error == .rejected(stage: "greeting", reply: SMTPReply(code: 421, lines: ["4.3.2 too busy"])) && !error.isPermanent)
        }
        await busy.stop()

        let plain = try await ScriptedServer(greeting: "220 hi\r\n") { line in
            switch line {
            case let l where l.hasPrefix("EHLO"): "250 mail.example.com\r\n"
            case let l where l.hasPrefix("RCPT"): "550 5.1.1 no such user\r\n"
            case "QUIT": "221 bye\r\n"
            default: "250 ok\r\n"
            }
        }
        var strict = try Self.client(plain)
        strict.server.startTLS = .required
        do {
            try await strict.withSession { _ in }
            Issue.record("no STARTTLS was accepted though required")
        } catch let error as SMTPError {
            #expect(!error.isPermanent && error.description.contains("STARTTLS"))
        }
        try await Self.client(plain).withSession { session in
            do {
                try await session.send(Self.message)
                Issue.record("a refused recipient was accepted")
            } catch let error as SMTPError {
                #expect(error.isPermanent && error.description == "RCPT TO refused: 550 5.1.1 no such user")
            }
            // The transaction was reset; the session still works.
            #expect(try await session.exchange("NOOP", stage: "NOOP").code == 250)
        }
        #expect(plain.received.contains("RSET\r\n"))
        await plain.stop()
    }

    @Test("a server without ESMTP gets HELO and no extensions")
    func helo() async throws {
        let server = try await ScriptedServer(greeting: "220 old\r\n") { line in
            line.hasPrefix("EHLO") ? "502 what is EHLO\r\n" : line == "DATA" ? "354 go\r\n" : line == "QUIT" ? "221 bye\r\n" : "250 ok\r\n"
        }
        try await Self.client(server).withSession { try await $0.send(Self.message) }
        await server.stop()
        #expect(server.received.hasPrefix("EHLO example.com\r\nHELO example.com\r\nMAIL FROM:<desk@example.com>\r\n"))
    }

    @Test("AUTH LOGIN when PLAIN is not offered: user name and password each base64 after a 334")
    func authLogin() async throws {
        let server = try await ScriptedServer(greeting: "220 hi\r\n") { line in
            switch line {
            case let l where l.hasPrefix("EHLO"): "250-mail.example.com\r\n250 AUTH=LOGIN\r\n"
            case "AUTH LOGIN": "334 VXNlcm5hbWU6\r\n"
            case Data("desk".utf8).base64EncodedString(): "334 UGFzc3dvcmQ6\r\n"
            case Data("secret".utf8).base64EncodedString(): "235 ok\r\n"
            case "QUIT": "221 bye\r\n"
            default: "535 no\r\n"
            }
        }
        try await Self.client(server, url: "smtp://desk:secret@127.0.0.1:\(server.port)").withSession { _ in }
        await server.stop()
        #expect(server.received == "EHLO example.com\r\nAUTH LOGIN\r\nZGVzaw==\r\nc2VjcmV0\r\nQUIT\r\n")
    }
}
