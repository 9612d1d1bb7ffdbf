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
}
