import DeskCore
@testable import DeskServer
import Foundation
import Testing

/// The request-body reader (`JSONReader`, `JSONFields`) against Foundation's JSON parser and the problems the API
/// promises.
@Suite("JSON reader")
struct JSONReaderTests {
    static func parse(_ text: String) -> JSONValue? {
        Array(text.utf8).withUnsafeBytes { try? JSONReader.parse($0) }
    }

    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBytes { try? JSONReader.parse($0) }
    }

    /// The value as Foundation objects, to compare with `JSONSerialization`.
    static func foundation(_ value: JSONValue) -> NSObject {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return NSNumber(value: flag)
        case .number(let text): return NSNumber(value: Double(text)!)
        case .string(let text): return text as NSString
        case .array(let values): return values.map(foundation) as NSArray
        case .object(let object):
            return Dictionary(uniqueKeysWithValues: object.members.map { ($0.key, foundation($0.value)) }) as NSDictionary
        }
    }

    @Test("reads what Foundation reads, escapes and all")
    func sameValues() throws {
        let texts = [
            #"{"a":"提现 \"失败\"\n\\ \t \/ \u00e9 \ud83d\ude00 \u4e2d","b":[1,-2.5,3e2,0.125E-1,true,false,null],"c":{},"d":[]}"#,
            #"  {"nested":{"deeper":{"list":[[],[{}],["x"]]}}}  "#, #"{"empty":""}"#, #"[1]"#, #""x""#, "12", "-0", "true", "null",
        ]
        for text in texts {
            let ours = try #require(Self.parse(text), "\(text)")
            let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject
            #expect(Self.foundation(ours) == theirs, "\(text)")
        }
    }

    @Test("refuses what is not JSON", arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}",
        "{\"a\":-}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
        "{\"a\":\"x\ny\"}", "{\"a\":\"x\"} x", "{\"a\":1}{\"b\":2}", "{\"a\":\"unterminated}", "[1 2]", "{\"a\":NaN}", "{\"a\":+1}",
        "{\"a\":1,\"a\":2}",
    ])
    func refuses(_ text: String) {
        #expect(Self.parse(text) == nil, "\(text)")
    }

    @Test("refuses invalid UTF-8 and hostile nesting")
    func refusesBytes() {
        #expect(Self.parse(Array("{\"a\":\"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)) == nil)
        #expect(Self.parse(Array("{\"a\":\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"}".utf8)) == nil)
        #expect(Self.parse(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)) == nil)
        #expect(Self.parse(String(repeating: "[", count: 60) + String(repeating: "]", count: 60)) != nil)
    }

    @Test("accepts and refuses the same texts as Foundation on random mutations of a ticket body")
    func differential() {
        let seed = Array(
            #"{"subject":"提现失败","requester":{"email":"a@b.cn","name":"李\"四\""},"tags":["x","y"],"crypto":{"amount":"1.5"},"n":[1,2.5e3,null,true]}"#.utf8
        )
        let alphabet = Array(#"{}[]",:\ u0123456789abcdefnrtl.-+eE"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xE4, 0xB8, 0xAD]
        var generator = SystemRandomNumberGenerator()
        var disagreements: [String] = []
        for _ in 0..<3_000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = alphabet.randomElement(using: &generator)!
                case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
                default: if bytes.count > 1 { bytes.remove(at: index) }
                }
            }
            var duplicate = false
            let ours = bytes.withUnsafeBytes { raw -> Bool in
                do {
                    _ = try JSONReader.parse(raw)
                    return true
                } catch {
                    duplicate = (error as? JSONReader.SyntaxError)?.detail.hasPrefix("duplicate key") ?? false
                    return false
                }
            }
            let theirs = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
            // Foundation keeps the last of duplicate keys and allows a trailing comma; this reader refuses both.
            let trailingComma = String(decoding: bytes, as: UTF8.self).contains(/,\s*[}\]]/)
            if ours != theirs, !(theirs && (duplicate || trailingComma)) {
                disagreements.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test("fields answer the API's problems with the field's place")
    func problems() throws {
        func read(_ text: String) throws -> CreateTicketInput {
            guard case .object(let object)? = Self.parse(text) else { throw DeskError.malformedJSON(detail: "test") }
            return try CreateTicketInput(json: JSONFields(object))
        }
        func problem(_ text: String) -> String? {
            do {
                _ = try read(text)
                return nil
            } catch let error as DeskError {
                if case .invalidField(let field, let reason) = error { return "\(field) \(reason)" }
                return "\(error)"
            } catch {
                return "\(error)"
            }
        }
        let valid = try read(
            #"{"subject":"s","requester":{"email":"A@Example.CN","language":"zh-TW"},"tags":["a"],"crypto":{"txId":null,"amount":"2"},"message":{"text":"t","attachmentIds":[]}}"#
        )
        #expect(valid.requester.email?.rawValue == "A@example.cn")
        #expect(valid.requester.language == .zhTW)
        #expect(valid.category == .general && valid.channel == .api && valid.message.author == .agent)
        guard case .set(nil) = valid.crypto?.txId, case .set("2") = valid.crypto?.amount, case .unchanged = valid.crypto?.asset else {
            Issue.record("crypto patch fields: \(String(describing: valid.crypto))")
            return
        }
        let base = #""requester":{"email":"a@b.cn"},"message":{"text":"t"}"#
        #expect(problem(#"{"requester":{"email":"a@b.cn"},"message":{"text":"t"}}"#) == "subject required")
        #expect(problem(#"{"subject":null,"# + base + "}") == "subject required")
        #expect(problem(#"{"subject":5,"# + base + "}") == "subject wrongType")
        #expect(problem(#"{"subject":"s","requester":{"email":5},"message":{"text":"t"}}"#) == "requester.email wrongType")
        #expect(problem(#"{"subject":"s","requester":{"mail":"a@b.cn"},"message":{"text":"t"}}"#) == "requester.mail unknownField")
        #expect(problem(#"{"subject":"s","tags":["a",1],"# + base + "}") == "tags[1] wrongType")
        #expect(problem(#"{"subject":"s","tags":"a","# + base + "}") == "tags wrongType")
        #expect(problem(#"{"subject":"s","category":"nope","# + base + "}") == "category invalidValue")
        #expect(problem(#"{"subject":"s","assigneeId":"nope","# + base + "}") == "assigneeId invalidValue")
        #expect(problem(#"{"subject":"s","requester":{"email":"a@b.cn"},"message":{"text":"t","attachmentIds":["x"]}}"#) == "message.attachmentIds[0] invalidValue")
        #expect(problem(#"{"subject":"s","requester":{"email":"a@b.cn"},"message":{"author":"system"}}"#) == "message.author invalidValue")
        #expect(problem(#"{"subject":"s","requester":[],"message":{"text":"t"}}"#) == "requester wrongType")
        #expect(problem(#"{"subject":"s","crypto":{"chain":1},"# + base + "}") == "crypto.chain wrongType")
    }

    @Test("ticket numbers read as numbers or as written; versions only as integers")
    func numbers() throws {
        func merge(_ text: String) throws -> MergeInput {
            guard case .object(let object)? = Self.parse(text) else { throw DeskError.malformedJSON(detail: "test") }
            return try MergeInput(json: JSONFields(object))
        }
        #expect(try merge(#"{"into":10042}"#).into == TicketNumber(10042))
        #expect(try merge(#"{"into":"WD-10042"}"#).into == TicketNumber(10042))
        #expect(throws: DeskError.self) { try merge(#"{"into":-3}"#) }
        #expect(throws: DeskError.self) { try merge(#"{"into":true}"#) }
        guard case .object(let object)? = Self.parse(#"{"version":2.5}"#) else { return }
        #expect(throws: DeskError.self) { try UpdateTicketInput(json: JSONFields(object)) }
    }
}
