import DeskCore
import Testing

@Suite("Trusted proxies and the client address")
struct TrustedProxiesTests {
    static let proxies = try! TrustedProxies.parse(["127.0.0.1/8", "::1", "10.0.0.0/8", "2001:db8:1::/48"]).get()

    @Test("ranges hold what they should, for IPv4, IPv6 and IPv4-mapped IPv6")
    func ranges() throws {
        let range = try #require(AddressRange("10.0.0.0/8"))
        #expect(range.contains(IPAddress("10.255.3.4")!))
        #expect(!range.contains(IPAddress("11.0.0.1")!))
        #expect(range.contains(IPAddress("::ffff:10.1.2.3")!))
        #expect(!range.contains(IPAddress("2001:db8::1")!))
        let odd = try #require(AddressRange("192.168.4.0/22"))
        #expect(odd.contains(IPAddress("192.168.7.255")!) && !odd.contains(IPAddress("192.168.8.0")!))
        #expect(Self.proxies.contains(IPAddress("2001:db8:1:ffff::9")!) && !Self.proxies.contains(IPAddress("2001:db8:2::9")!))
        #expect(AddressRange("0.0.0.0/0")!.contains(IPAddress("203.0.113.7")!))
        for bad in ["10.0.0.0/33", "::/129", "10.0.0/8", "proxy.local", "10.0.0.0/8/1", "fe80::1%eth0", ""] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
        guard case .failure(let invalid) = TrustedProxies.parse(["10.0.0.1", "nginx"]) else {
            Issue.record("a host name was taken for an address")
            return
        }
        #expect(invalid.text == "nginx")
        #expect(try TrustedProxies.parse([" ", ""]).get() == .none)
    }

    @Test("a trusted proxy's X-Forwarded-For names the client: the right-most address that is not a proxy")
    func clientAddress() {
        let proxies = Self.proxies
        // No proxy in between, or a peer that is not trusted: the header is ignored (a client cannot pick its address).
        #expect(proxies.clientAddress(peer: "203.0.113.7", forwardedFor: ["198.51.100.1"]) == "203.0.113.7")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        // nginx on the same host, one hop.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"]) == "203.0.113.7")
        // A client that forges the header: its own entry sits left of what the proxy appended, and is never reached.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.7"]) == "203.0.113.7")
        // Two proxies (load balancer in 10/8, then nginx), header split over two lines.
        #expect(proxies.clientAddress(peer: "::1", forwardedFor: ["198.51.100.9", "10.0.0.5"]) == "198.51.100.9")
        // Ports and IPv6 brackets as some balancers write them; IPv6 printed in its canonical form.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.7:41234"]) == "203.0.113.7")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["[2001:DB8::0001]:443"]) == "2001:db8::1")
        // Garbage stops the walk at the last real address.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.7, unknown"]) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["junk, 203.0.113.7, 10.0.0.2"]) == "203.0.113.7")
        // Only proxies in the header: the left-most.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.0.0.9, 10.0.0.2"]) == "10.0.0.9")
        // A dual-stack socket's IPv4 peer counts as IPv4; trusting nobody ignores the header.
        #expect(proxies.clientAddress(peer: "::ffff:127.0.0.1", forwardedFor: ["203.0.113.7"]) == "203.0.113.7")
        #expect(TrustedProxies.none.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"]) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: nil, forwardedFor: ["203.0.113.7"]) == nil)
    }
}
