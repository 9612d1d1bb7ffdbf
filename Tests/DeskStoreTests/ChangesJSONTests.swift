import DeskCore
@testable import DeskStore
import Foundation
import Testing

@Suite("History changes JSON")
struct ChangesJSONTests {
    @Test("hand-written change lists read back exactly with JSONDecoder, awkward characters included")
    func roundTrip() throws {
        let changes = [
            FieldChange(field: "subject", before: "提现失败 \"USDT\"", after: "提现失败 \\ TRC20 / ERC20"),
            FieldChange(field: "tags", before: nil, after: "vip,usdt"),
            FieldChange(field: "note", before: "line\nbreak\r\ttab", after: "\u{01}\u{1F}控制 😀"),
            FieldChange(field: "assigneeId", before: "", after: nil),
        ]
        let text = ChangesJSON.encode(changes)
        #expect(try JSONDecoder().decode([FieldChange].self, from: Data(text.utf8)) == changes)
        #expect(ChangesJSON.encode([]) == "[]")
        // The same shape JSONEncoder with sorted keys writes (slashes aside), so old and new rows look alike.
        let plain = [FieldChange(field: "status", before: "new", after: "open")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(ChangesJSON.encode(plain) == String(decoding: try encoder.encode(plain), as: UTF8.self))
    }

    @Test("batch rows read back exactly, awkward characters and nulls included; token lists lose only repeats")
    func rows() throws {
        let texts = ["提现失败 \"USDT\" \\ / 控制\u{01}\u{1F}", "line\nbreak\r\ttab", "", "😀 emoji", String(repeating: "长", count: 3_000)]
        var rows = JSONRows()
        for (index, text) in texts.enumerated() {
            rows.startRow()
            rows.integer("n", Int64(index) - 2)
            rows.text("text", text)
            rows.text("none", nil)
            rows.integer("missing", nil)
            rows.endRow()
        }
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(rows.text.utf8)) as? [[String: Any]])
        #expect(decoded.map { $0["text"] as? String } == texts)
        #expect(decoded.map { $0["n"] as? Int } == [-2, -1, 0, 1, 2])
        #expect(decoded.allSatisfy { $0["none"] is NSNull && $0["missing"] is NSNull })
        #expect(JSONRows().text == "[]")
        #expect(SQLDeskStore.distinct(["提现", "usdt", "提现", "tx", "usdt", "提"]) == "提现 usdt tx 提")
    }
}
