import Foundation

extension Date {
    /// Microseconds since 1970, the form every time is stored in (same type in both engines, sortable, exact).
    public var microseconds: Int64 { Int64((timeIntervalSince1970 * 1_000_000).rounded()) }

    public init(microseconds: Int64) {
        self.init(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
