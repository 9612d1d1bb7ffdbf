/// A decoded `application/x-www-form-urlencoded` body.
struct FormData {
    var fields: [String: String]

    init(_ text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard let key = parts.first else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            let decode = { (s: String) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s }
            fields[decode(String(key))] = decode(value)
        }
        self.fields = fields
    }

    subscript(_ name: String) -> String? { fields[name] }
}
