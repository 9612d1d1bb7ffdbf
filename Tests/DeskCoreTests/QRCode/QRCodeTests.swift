@testable import DeskCore
import Foundation
import Testing

@Suite("QR code")
struct QRCodeTests {
    @Test("format information matches the standard's table (BCH(15,5), masked with 0x5412)")
    func formatBits() {
        #expect(QRCode.formatBits(level: .medium, mask: 0) == 0b101010000010010)
        #expect(QRCode.formatBits(level: .medium, mask: 5) == 0b100000011001110)
        #expect(QRCode.formatBits(level: .low, mask: 0) == 0b111011111000100)
        #expect(QRCode.formatBits(level: .low, mask: 7) == 0b110100101110110)
        #expect(QRCode.formatBits(level: .quartile, mask: 0) == 0b011010101011111)
        #expect(QRCode.formatBits(level: .high, mask: 0) == 0b001011010001001)
    }

    @Test("version information matches the standard's table (BCH(18,6))")
    func versionBits() {
        #expect(QRCode.versionBits(7) == 0x07C94)
        #expect(QRCode.versionBits(8) == 0x085BC)
        #expect(QRCode.versionBits(9) == 0x09A99)
        #expect(QRCode.versionBits(10) == 0x0A4D3)
    }

    @Test("Reed–Solomon codewords for the standard's HELLO WORLD 1-M example")
    func reedSolomon() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ec = ReedSolomon.remainder(data, divisor: ReedSolomon.generator(degree: 10))
        #expect(ec == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("the block table adds up to each version's codeword count")
    func blockTable() {
        let totals = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346]
        for version in 1...10 {
            for level in QRCode.ErrorCorrection.allCases {
                let layout = QRCode.layout(version, level)
                #expect(layout.dataLengths.reduce(0, +) + layout.ecPerBlock * layout.dataLengths.count == totals[version - 1], "version \(version) \(level)")
            }
        }
    }

    @Test("whole symbols equal the ones an independent encoder drew at the same version, level and mask")
    func referenceSymbols() throws {
        for symbol in QRCodeReference.symbols {
            let level: QRCode.ErrorCorrection = ["l": .low, "m": .medium, "q": .quartile, "h": .high][symbol.level]!
            let code = try QRCode(symbol.text, errorCorrection: level, minimumVersion: symbol.version, mask: symbol.mask)
            #expect(code.version == symbol.version)
            let rows = code.modules.map { String($0.map { $0 ? "#" : "." }) }
            #expect(rows == symbol.rows, "\(symbol.text)")
        }
    }

    @Test("the smallest version that holds the text is chosen, with the lowest-penalty mask")
    func versionChoice() throws {
        let url = "otpauth://totp/WalletDesk:a.very.long.agent.name%40support.example.com?secret=KRUGS4ZAMFZGKIDUNBSSA4TFMZSXEZLOMNSQ&issuer=WalletDesk"
        let code = try QRCode(url)
        let needed = QRCode.bitsNeeded(url.utf8.count, code.version)
        #expect(QRCode.dataCapacityBits(code.version, .medium) >= needed)
        #expect(QRCode.dataCapacityBits(code.version - 1, .medium) < QRCode.bitsNeeded(url.utf8.count, code.version - 1))
        #expect(code.size == 17 + 4 * code.version)
        let penalties = (0..<8).map { mask in
            var matrix = Matrix(version: code.version)
            matrix.dark = try! QRCode(url, mask: mask).modules
            return matrix.penalty()
        }
        #expect(penalties[code.mask] == penalties.min())
        #expect(try QRCode("hi").version == 1)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 300)) { try QRCode(String(repeating: "x", count: 300)) }
        // Version 10 switches to a 16-bit character count.
        #expect(try QRCode(String(repeating: "y", count: 200)).version == 10)
    }

    @Test("the SVG is one path of dark-module runs inside a four-module quiet zone")
    func svg() throws {
        let code = try QRCode("WalletDesk", mask: 2)
        let svg = code.svg(title: "scan <me>")
        #expect(svg.contains(#"viewBox="0 0 29 29""#))
        #expect(svg.contains(#"shape-rendering="crispEdges""#))
        #expect(svg.contains("<title>scan &lt;me&gt;</title>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        // The top-left finder's first row is a run of seven dark modules starting at the quiet zone.
        #expect(svg.contains(#"d="M4 4h7v1h-7z"#))
        let darkModules = code.modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let drawn = svg.matches(of: /h(\d+)v1/).reduce(0) { $0 + Int($1.1)! }
        #expect(drawn == darkModules)
    }
}
