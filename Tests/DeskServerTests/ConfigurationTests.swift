import DeskCore
import DeskServer
import Foundation
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("flags beat the environment, which beats the file, which beats defaults")
    func precedence() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wd-config-\(UUID()).json")
        try Data(#"{"port": 9000, "hostname": "0.0.0.0", "dataDirectory": "/srv/wd", "reopenWindowDays": 3}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let fromFile = try ServerConfiguration.load(flags: .init(configFile: file.path), environment: [:])
        #expect(fromFile.port == 9000 && fromFile.hostname == "0.0.0.0" && fromFile.reopenWindowDays == 3)
        #expect(fromFile.effectiveDatabaseURL == "/srv/wd/walletdesk.sqlite")

        let environment = ["WALLETDESK_PORT": "9100", "WALLETDESK_DATABASE_URL": "postgres://u@db/wd"]
        let fromEnvironment = try ServerConfiguration.load(flags: .init(configFile: file.path), environment: environment)
        #expect(fromEnvironment.port == 9100 && fromEnvironment.hostname == "0.0.0.0")
        #expect(fromEnvironment.effectiveDatabaseURL == "postgres://u@db/wd")

        let fromFlags = try ServerConfiguration.load(flags: .init(port: 9200, configFile: file.path), environment: environment)
        #expect(fromFlags.port == 9200)

        let defaults = try ServerConfiguration.load(flags: .init(), environment: [:])
        #expect(defaults.hostname == "127.0.0.1" && defaults.port == 8080 && defaults.databaseURL == nil)
    }

    @Test("the starter knowledge base is on by default; the environment and --no-starter-kb turn it off")
    func starterKnowledgeBase() throws {
        #expect(try ServerConfiguration.load(flags: .init(), environment: [:]).starterKnowledgeBase)
        #expect(try !ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_STARTER_KB": "0"]).starterKnowledgeBase)
        #expect(try !ServerConfiguration.load(flags: .init(starterKnowledgeBase: false), environment: ["WALLETDESK_STARTER_KB": "1"]).starterKnowledgeBase)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_STARTER_KB": "maybe"]) }
    }

    @Test("trusted proxies: loopback by default, a list from the environment or file, empty trusts none, bad entries refused")
    func trustedProxies() throws {
        let defaults = try ServerConfiguration.load(flags: .init(), environment: [:])
        #expect(defaults.trustedProxies == .loopback)
        #expect(try defaults.accountSettings().trustedProxies == .loopback)
        let listed = try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_TRUSTED_PROXIES": "10.0.0.0/8, ::1"])
        #expect(listed.trustedProxies.ranges.map(\.description) == ["10.0.0.0/8", "::1/128"])
        #expect(try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_TRUSTED_PROXIES": ""]).trustedProxies == .none)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wd-config-\(UUID()).json")
        try Data(#"{"trustedProxies": ["172.16.0.0/12"]}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try ServerConfiguration.load(flags: .init(configFile: file.path), environment: [:]).trustedProxies.ranges.map(\.description) == ["172.16.0.0/12"])
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_TRUSTED_PROXIES": "nginx"]) }
    }

    @Test("explorer links: public explorers by default, the file replaces the chains it names, bad templates refused")
    func explorers() throws {
        #expect(try ServerConfiguration.load(flags: .init(), environment: [:]).explorers == .default)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wd-config-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"explorers": {"tron": {"tx": "https://tron.example/tx/{value}", "address": "https://tron.example/a/{value}"}}}"#.utf8).write(to: file)
        let configured = try ServerConfiguration.load(flags: .init(configFile: file.path), environment: [:]).explorers
        #expect(configured.templates[.tron] == ExplorerLinks.Templates(tx: "https://tron.example/tx/{value}", address: "https://tron.example/a/{value}"))
        #expect(configured.templates[.bitcoin] == ExplorerLinks.default.templates[.bitcoin])
        for bad in [#"{"explorers": {"monero": {"tx": "https://m.example/{value}", "address": "https://m.example/{value}"}}}"#,
                    #"{"explorers": {"tron": {"tx": "https://tron.example/tx/", "address": "https://tron.example/a/{value}"}}}"#] {
            try Data(bad.utf8).write(to: file)
            #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(flags: .init(configFile: file.path), environment: [:]) }
        }
    }

    @Test("bad values are refused with the setting's name")
    func invalid() {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(flags: .init(), environment: ["WALLETDESK_PORT": "eighty"]) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(flags: .init(logLevel: "loud"), environment: [:]) }
    }
}
