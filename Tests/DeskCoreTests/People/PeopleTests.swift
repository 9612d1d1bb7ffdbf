import DeskCore
import Foundation
import Testing

@Suite("People and languages")
struct PeopleTests {
    @Test("Accept-Language picks zh-CN, zh-TW or en", arguments: [
        ("zh-CN,zh;q=0.9", Language.zhCN), ("zh-TW", .zhTW), ("zh-HK,en;q=0.5", .zhTW), ("zh-Hant-TW", .zhTW),
        ("en-US,en;q=0.9", .en), ("fr-FR, en;q=0.3", .en), ("fr", .zhCN), ("", .zhCN), ("en;q=0.2, zh;q=0.8", .zhCN),
    ])
    func negotiate(header: String, expected: Language) {
        #expect(Language.negotiate(header) == expected)
    }

    @Test("phone numbers are reduced to one form")
    func phones() {
        #expect(PhoneNumber(rawValue: "+86 138-0013-8000")?.rawValue == "+8613800138000")
        #expect(PhoneNumber(rawValue: "0086 138 0013 8000")?.rawValue == "+8613800138000")
        #expect(PhoneNumber(rawValue: "＋８６ １３８００１３８０００")?.rawValue == "+8613800138000")
        #expect(PhoneNumber(rawValue: "call me") == nil)
        #expect(PhoneNumber(rawValue: "123") == nil)
    }

    @Test("emails: domain lower-cased, shape checked")
    func emails() {
        #expect(EmailAddress(rawValue: " Li.Wei@Example.COM ")?.rawValue == "Li.Wei@example.com")
        #expect(EmailAddress(rawValue: "no-at-sign") == nil)
        #expect(EmailAddress(rawValue: "a@b") == nil)
        #expect(EmailAddress(rawValue: "a b@c.com") == nil)
        #expect(EmailAddress(rawValue: "<a@b.com>") == nil)
    }

    @Test("every localisation key has all three languages")
    func localisationComplete() {
        for key in Localizer.shared.keys {
            for language in Language.allCases {
                #expect(Localizer.shared.text(key, language) != key, "missing \(language.rawValue) for \(key)")
            }
        }
    }

    @Test("every error has a localised title and detail in every language")
    func errorsLocalised() {
        let errors: [DeskError] = [
            .notFound(entity: "ticket"), .invalidField("subject", reason: .required), .malformedJSON(detail: "x"), .bodyTooLarge(limit: 5),
            .unsupportedMediaType, .versionConflict(current: 2), .invalidTransition(from: .new, to: .closed), .ticketClosed,
            .ticketMerged(into: TicketNumber(1)), .invalidMerge, .duplicate(field: "email"), .unauthorized, .forbidden, .setupAlreadyDone,
            .invalidSetupCode, .unavailable, .tooManyAttempts(retryAfterSeconds: 2), .tooManyAttempts(retryAfterSeconds: 900),
        ]
        for error in errors {
            for language in Language.allCases {
                #expect(Localizer.shared.text("title.\(error.code)", language) != "title.\(error.code)")
                #expect(!error.detail(in: language).contains("detail."))
            }
        }
        // A growing delay of a few seconds is told in seconds, a lock in whole minutes.
        #expect(DeskError.tooManyAttempts(retryAfterSeconds: 2).detail(in: .en).contains("in 2 second(s)"))
        #expect(DeskError.tooManyAttempts(retryAfterSeconds: 61).detail(in: .zhCN).contains("2 分钟"))
    }

    @Test("new ids are random version-4 UUIDs that round-trip through their text")
    func randomIDs() {
        var seen = Set<UUID>()
        for _ in 0..<2_000 {
            let id = FastUUID.random()
            let text = FastUUID.format(id)
            #expect(text == id.uuidString.lowercased())
            #expect(Array(text)[14] == "4", "version nibble: \(text)")
            #expect("89ab".contains(Array(text)[19]), "variant nibble: \(text)")
            #expect(FastUUID.parse(text) == id)
            seen.insert(id)
        }
        #expect(seen.count == 2_000)
    }

    @Test("new entity ids are version-7 UUIDs ordered by their time (new rows land at the end of their index)")
    func timeOrderedIDs() {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var previous = ""
        for step in 0..<500 {
            let text = FastUUID.format(FastUUID.timeOrdered(now: start.addingTimeInterval(Double(step) * 0.002)))
            #expect(Array(text)[14] == "7" && "89ab".contains(Array(text)[19]), "\(text)")
            #expect(text > previous, "\(text) after \(previous)")
            previous = text
        }
        // The first 48 bits are the milliseconds since 1970.
        let id = FastUUID.format(FastUUID.timeOrdered(now: start))
        #expect(UInt64(id.prefix(8) + id.dropFirst(9).prefix(4), radix: 16) == 1_790_000_000_000)
        #expect(Array(CustomerID().description)[14] == "7")
    }
}
