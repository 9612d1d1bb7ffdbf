import DeskCore

/// The `changes` column of `ticket_events`: a JSON array of `{"after","before","field"}` objects, written by hand.
///
/// Every ticket change writes one or more history entries, and Foundation's `JSONEncoder` took about 5 % of a ticket
/// creation's CPU time (perf, BENCHMARKS.md). The output is what `JSONEncoder` with sorted keys writes, apart from `/`
/// not being escaped; `JSONDecoder` reads it back (see `ChangesJSONTests`).
enum ChangesJSON {
    static func encode(_ changes: [FieldChange]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 * changes.count + 2)
        out.append(UInt8(ascii: "["))
        for (index, change) in changes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(#"{"after":"#, to: &out)
            string(change.after, to: &out)
            append(#","before":"#, to: &out)
            string(change.before, to: &out)
            append(#","field":"#, to: &out)
            string(change.field, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private static func string(_ value: String?, to out: inout [UInt8]) {
        guard let value else { return append("null", to: &out) }
        JSONText.appendString(value, to: &out)
    }
}
