/// Masks customer personal data for agents whose role does not need it (`customers.pii` in the permission matrix):
/// enough is left to recognise a customer on the phone, not enough to contact or impersonate them.
public enum PIIMask {
    /// `alice@example.com` → `a***@example.com`.
    public static func email(_ email: String) -> String {
        guard let at = email.lastIndex(of: "@"), at > email.startIndex else { return "***" }
        return String(email[email.startIndex]) + "***" + email[at...]
    }

    /// `+8613812348000` → `+86 138****8000`; other numbers keep their first digits and the last four.
    public static func phone(_ phone: String) -> String {
        let plus = phone.hasPrefix("+")
        let digits = Array(phone.filter(\.isNumber))
        if plus, digits.count == 13, digits.starts(with: ["8", "6"]) {
            return "+86 " + String(digits[2..<5]) + "****" + String(digits[9...])
        }
        guard digits.count >= 9 else { return (plus ? "+" : "") + String(digits.prefix(2)) + "****" + String(digits.suffix(2)) }
        return (plus ? "+" : "") + String(digits.prefix(digits.count - 8)) + "****" + String(digits.suffix(4))
    }

    /// Account ids and chat handles: the first two and last two characters.
    public static func identifier(_ value: String) -> String {
        guard value.count > 6 else { return "****" }
        return String(value.prefix(2)) + "****" + String(value.suffix(2))
    }
}
