import Foundation

/// The reverse proxies whose `X-Forwarded-For` header is believed, and the client address that follows from it.
///
/// Behind a proxy every connection comes from the proxy, so without this every sign-in record would show the proxy's
/// address and every per-address limit (failed sign-ins, customer codes) would be shared by all users at once. The
/// header is read only when the connection comes from a trusted proxy, and walked from the right (each proxy appends
/// the address it saw): the first address that is not itself a trusted proxy is the client. Anything a client writes
/// into the header itself sits to the left of that and is never reached. Default: loopback only (a proxy on the same
/// host, the default deployment, since the server listens on 127.0.0.1).
public struct TrustedProxies: Sendable, Equatable {
    public let ranges: [AddressRange]

    public init(_ ranges: [AddressRange]) {
        self.ranges = ranges
    }

    /// Parses a list such as `127.0.0.1/8, ::1, 10.0.0.0/8`; nil names the first entry that is not an address or range.
    public static func parse(_ entries: [String]) -> Result<TrustedProxies, InvalidEntry> {
        var ranges: [AddressRange] = []
        for entry in entries.map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let range = AddressRange(entry) else { return .failure(InvalidEntry(text: entry)) }
            ranges.append(range)
        }
        return .success(TrustedProxies(ranges))
    }

    public struct InvalidEntry: Error, Equatable {
        public let text: String
    }

    public static let loopback = TrustedProxies([AddressRange("127.0.0.0/8")!, AddressRange("::1/128")!])
    public static let none = TrustedProxies([])

    public func contains(_ address: IPAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The client's address as text: the peer's, or when the peer is a trusted proxy, the right-most address of the
    /// `X-Forwarded-For` values (all header lines, in order) that is not a trusted proxy. An entry that is not an
    /// address stops the walk at the last one that was. Nil when the connection has no peer address (tests).
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, let peerAddress = IPAddress(peer) else { return peer }
        guard contains(peerAddress), !forwardedFor.isEmpty else { return peerAddress.description }
        var client = peerAddress
        let entries = forwardedFor.flatMap { $0.split(separator: ",") }
        for entry in entries.reversed() {
            guard let address = IPAddress(forwardedEntry: entry) else { break }
            client = address
            if !contains(address) { break }
        }
        return client.description
    }
}

/// An IPv4 or IPv6 address as bytes (IPv4-mapped IPv6 addresses count as IPv4).
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    public init?(_ text: some StringProtocol) {
        let text = String(text)
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard !text.contains("%"), inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let all = withUnsafeBytes(of: &v6) { Array($0) }
        // ::ffff:a.b.c.d is an IPv4 client on a dual-stack socket.
        bytes = all[0..<10].allSatisfy { $0 == 0 } && all[10] == 0xFF && all[11] == 0xFF ? Array(all[12...]) : all
    }

    /// An `X-Forwarded-For` entry: an address, possibly with a port (`203.0.113.7:41234`, `[2001:db8::1]:443`).
    init?(forwardedEntry: Substring) {
        var text = forwardedEntry.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        self.init(text)
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard written != nil else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An address with a prefix length (`10.0.0.0/8`, `2001:db8::/32`); a bare address is a range of one.
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    public let base: IPAddress
    public let prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let base = IPAddress(parts[0]) else { return nil }
        let bits = base.bytes.count * 8
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            self.prefix = bits
        }
        self.base = base
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == base.bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(address.bytes, base.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if a & mask != b & mask { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { "\(base)/\(prefix)" }
}
