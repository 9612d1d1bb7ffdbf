/// A QR Code symbol (ISO/IEC 18004) for a short text such as an `otpauth://` URL, drawn as SVG.
///
/// Only what enrolment needs: byte mode, versions 1–10, all four error-correction levels, Reed–Solomon over GF(256),
/// block interleaving, the eight masks with the standard's penalty rules, format and version information. Written here
/// rather than drawn by a script so the enrolment page loads nothing from another host.
public struct QRCode: Sendable, Equatable {
    /// How many codewords may be lost and still be recovered: about 7 %, 15 %, 25 % and 30 %.
    public enum ErrorCorrection: Sendable, CaseIterable {
        case low, medium, quartile, high

        /// The two bits the format information carries for this level.
        var formatBits: Int {
            switch self {
            case .low: 1
            case .medium: 0
            case .quartile: 3
            case .high: 2
            }
        }
    }

    public enum EncodingError: Error, Equatable {
        /// The text does not fit in a version-10 symbol at the level asked for.
        case tooLong(bytes: Int)
    }

    public let version: Int
    public let errorCorrection: ErrorCorrection
    public let mask: Int
    /// Modules row by row; `true` is dark.
    public let modules: [[Bool]]

    public var size: Int { modules.count }

    public static let maximumVersion = 10

    /// Encodes `text` (UTF-8, byte mode) in the smallest version that holds it. `mask` forces a mask pattern (0–7);
    /// without it the pattern with the lowest penalty is chosen. `minimumVersion` forces a larger symbol.
    public init(_ text: String, errorCorrection: ErrorCorrection = .medium, minimumVersion: Int = 1, mask forcedMask: Int? = nil) throws {
        let bytes = Array(text.utf8)
        let fits = { (version: Int) in Self.dataCapacityBits(version, errorCorrection) >= Self.bitsNeeded(bytes.count, version) }
        guard let version = (max(1, minimumVersion)...Self.maximumVersion).first(where: fits) else { throw EncodingError.tooLong(bytes: bytes.count) }
        let codewords = Self.codewords(Self.dataCodewords(bytes, version: version, level: errorCorrection), version: version, level: errorCorrection)
        var base = Matrix(version: version)
        base.drawFunctionPatterns()
        base.place(codewords)
        var chosen: (mask: Int, matrix: Matrix, penalty: Int)?
        for mask in forcedMask.map({ [$0] }) ?? Array(0..<8) {
            var candidate = base
            candidate.applyMask(mask)
            candidate.drawFormatBits(level: errorCorrection, mask: mask)
            let penalty = forcedMask == nil ? candidate.penalty() : 0
            if chosen == nil || penalty < chosen!.penalty { chosen = (mask, candidate, penalty) }
        }
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = chosen!.mask
        self.modules = chosen!.matrix.dark
    }

    // MARK: SVG

    /// The symbol as a standalone SVG: a light background, one path of dark modules, a quiet zone of four modules.
    /// The output holds only numbers and fixed markup, so it may be embedded in a page as it is.
    public func svg(moduleSize: Int = 4, title: String? = nil) -> String {
        let quiet = 4
        let side = size + 2 * quiet
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < size {
                guard row[x] else { x += 1; continue }
                var run = 1
                while x + run < size, row[x + run] { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let label = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * moduleSize)" height="\(side * moduleSize)" \
            shape-rendering="crispEdges" role="img">\(label)<rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    // MARK: Capacity and blocks

    /// Error-correction codewords per block and the blocks' data lengths, for versions 1–10 (the standard's table 9).
    struct BlockLayout: Equatable {
        var ecPerBlock: Int
        var dataLengths: [Int]
    }

    static func layout(_ version: Int, _ level: ErrorCorrection) -> BlockLayout {
        // (ec codewords per block, blocks in group 1, data codewords each, blocks in group 2, data codewords each)
        let rows: [[(Int, Int, Int, Int, Int)]] = [
            // L, M, Q, H
            [(7, 1, 19, 0, 0), (10, 1, 16, 0, 0), (13, 1, 13, 0, 0), (17, 1, 9, 0, 0)],
            [(10, 1, 34, 0, 0), (16, 1, 28, 0, 0), (22, 1, 22, 0, 0), (28, 1, 16, 0, 0)],
            [(15, 1, 55, 0, 0), (26, 1, 44, 0, 0), (18, 2, 17, 0, 0), (22, 2, 13, 0, 0)],
            [(20, 1, 80, 0, 0), (18, 2, 32, 0, 0), (26, 2, 24, 0, 0), (16, 4, 9, 0, 0)],
            [(26, 1, 108, 0, 0), (24, 2, 43, 0, 0), (18, 2, 15, 2, 16), (22, 2, 11, 2, 12)],
            [(18, 2, 68, 0, 0), (16, 4, 27, 0, 0), (24, 4, 19, 0, 0), (28, 4, 15, 0, 0)],
            [(20, 2, 78, 0, 0), (18, 4, 31, 0, 0), (18, 2, 14, 4, 15), (26, 4, 13, 1, 14)],
            [(24, 2, 97, 0, 0), (22, 2, 38, 2, 39), (22, 4, 18, 2, 19), (26, 4, 14, 2, 15)],
            [(30, 2, 116, 0, 0), (22, 3, 36, 2, 37), (20, 4, 16, 4, 17), (24, 4, 12, 4, 13)],
            [(18, 2, 68, 2, 69), (26, 4, 43, 1, 44), (24, 6, 19, 2, 20), (28, 6, 15, 2, 16)],
        ]
        let index = switch level {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
        let row = rows[version - 1][index]
        return BlockLayout(ecPerBlock: row.0, dataLengths: Array(repeating: row.2, count: row.1) + Array(repeating: row.4, count: row.3))
    }

    static func dataCapacityBits(_ version: Int, _ level: ErrorCorrection) -> Int {
        layout(version, level).dataLengths.reduce(0, +) * 8
    }

    /// Mode indicator, character count and the bytes themselves.
    static func bitsNeeded(_ count: Int, _ version: Int) -> Int {
        let countBits = version < 10 ? 8 : 16
        return count < (1 << countBits) ? 4 + countBits + 8 * count : Int.max
    }

    /// The data codewords: byte-mode segment, terminator, padding to a byte, then the pad bytes 0xEC 0x11 in turn.
    static func dataCodewords(_ bytes: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version < 10 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = dataCapacityBits(version, level)
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var pad: UInt8 = 0xEC
        while bits.count < capacity {
            bits.append(Int(pad), count: 8)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return bits.bytes
    }

    /// Splits the data into blocks, adds each block's error correction, and interleaves them as the symbol stores them.
    static func codewords(_ data: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let layout = layout(version, level)
        let divisor = ReedSolomon.generator(degree: layout.ecPerBlock)
        var blocks: [[UInt8]] = []
        var start = 0
        for length in layout.dataLengths {
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        let ec = blocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var out: [UInt8] = []
        for i in 0..<(layout.dataLengths.max() ?? 0) {
            for block in blocks where i < block.count { out.append(block[i]) }
        }
        for i in 0..<layout.ecPerBlock {
            for block in ec { out.append(block[i]) }
        }
        return out
    }

    // MARK: Format and version information

    /// The 15 format bits for a level and mask: BCH(15,5) with generator 0x537, XORed with 0x5412.
    static func formatBits(level: ErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18 version bits (versions 7 and up): BCH(18,6) with generator 0x1F25.
    static func versionBits(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    static func alignmentPositions(_ version: Int) -> [Int] {
        let table: [[Int]] = [
            [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
        ]
        return table[version - 1]
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            var byte: UInt8 = 0
            for i in 0..<8 where start + i < bits.count && bits[start + i] { byte |= 0x80 >> UInt8(i) }
            return byte
        }
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D).
enum ReedSolomon {
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = Int(a)
        var b = Int(b)
        var product = 0
        while b > 0 {
            if b & 1 == 1 { product ^= a }
            a <<= 1
            if a & 0x100 != 0 { a ^= 0x11D }
            b >>= 1
        }
        return UInt8(product)
    }

    /// The generator polynomial ∏(x − αⁱ), i = 0..<degree, without its leading 1, highest power first.
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 2)
        }
        return result
    }

    /// The error-correction codewords: the remainder of data·x^degree divided by the generator.
    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}

/// The module grid while it is being drawn; `reserved` marks function modules that data and masks leave alone.
struct Matrix {
    let version: Int
    let size: Int
    var dark: [[Bool]]
    var reserved: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        reserved = dark
    }

    mutating func set(x: Int, y: Int, _ value: Bool) {
        dark[y][x] = value
        reserved[y][x] = true
    }

    mutating func drawFunctionPatterns() {
        for i in 0..<size {
            set(x: 6, y: i, i % 2 == 0)
            set(x: i, y: 6, i % 2 == 0)
        }
        drawFinder(centerX: 3, centerY: 3)
        drawFinder(centerX: size - 4, centerY: 3)
        drawFinder(centerX: 3, centerY: size - 4)
        let positions = QRCode.alignmentPositions(version)
        let last = positions.count - 1
        for (i, y) in positions.enumerated() {
            for (j, x) in positions.enumerated() where !((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) {
                for dy in -2...2 {
                    for dx in -2...2 { set(x: x + dx, y: y + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // Reserve the format areas now (the bits are drawn after masking) and draw the version information.
        drawFormatBits(level: .medium, mask: 0)
        if version >= 7 {
            let bits = QRCode.versionBits(version)
            for i in 0..<18 {
                let bit = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3
                let b = i / 3
                set(x: a, y: b, bit)
                set(x: b, y: a, bit)
            }
        }
    }

    /// A finder pattern and its light separator, clipped at the symbol's edge.
    mutating func drawFinder(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx
                let y = centerY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                set(x: x, y: y, distance != 2 && distance != 4)
            }
        }
    }

    mutating func drawFormatBits(level: QRCode.ErrorCorrection, mask: Int) {
        let bits = QRCode.formatBits(level: level, mask: mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(x: 8, y: i, bit(i)) }
        set(x: 8, y: 7, bit(6))
        set(x: 8, y: 8, bit(7))
        set(x: 7, y: 8, bit(8))
        for i in 9..<15 { set(x: 14 - i, y: 8, bit(i)) }
        for i in 0..<8 { set(x: size - 1 - i, y: 8, bit(i)) }
        for i in 8..<15 { set(x: 8, y: size - 15 + i, bit(i)) }
        set(x: 8, y: size - 8, true)
    }

    /// Places the codewords in the two-column zigzag from the bottom-right corner, skipping function modules and the
    /// vertical timing column. Modules left over (the remainder bits) stay light.
    mutating func place(_ codewords: [UInt8]) {
        var index = 0
        let total = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for j in 0..<2 {
                    let x = right - j
                    guard !reserved[y][x], index < total else { continue }
                    dark[y][x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
    }

    static func maskCondition(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: (x * y) % 2 + (x * y) % 3 == 0
        case 6: ((x * y) % 2 + (x * y) % 3) % 2 == 0
        default: ((x + y) % 2 + (x * y) % 3) % 2 == 0
        }
    }

    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !reserved[y][x] && Self.maskCondition(mask, x: x, y: y) { dark[y][x].toggle() }
        }
    }

    /// The standard's four penalty rules: runs of five or more, 2×2 blocks, finder-like 1:1:3:1:1 patterns with four
    /// light modules on one side, and the distance of the dark share from 50 %.
    func penalty() -> Int {
        var score = 0
        let finderLike: [Bool] = [true, false, true, true, true, false, true]
        // Each row, then each column, read through one accessor so both directions share the rules.
        for horizontal in [true, false] {
            for line in 0..<size {
                func at(_ i: Int) -> Bool { horizontal ? dark[line][i] : dark[i][line] }
                var run = 1
                for i in 1...size {
                    if i < size, at(i) == at(i - 1) {
                        run += 1
                    } else {
                        if run >= 5 { score += 3 + (run - 5) }
                        run = 1
                    }
                }
                guard size >= 11 else { continue }
                for start in 0...(size - 11) {
                    // 1011101 then 0000, or 0000 then 1011101.
                    if (0..<7).allSatisfy({ at(start + $0) == finderLike[$0] }), (7..<11).allSatisfy({ !at(start + $0) }) { score += 40 }
                    if (0..<4).allSatisfy({ !at(start + $0) }), (0..<7).allSatisfy({ at(start + 4 + $0) == finderLike[$0] }) { score += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = dark[y][x]
                if dark[y][x + 1] == c && dark[y + 1][x] == c && dark[y + 1][x + 1] == c { score += 3 }
            }
        }
        let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        score += (abs(darkCount * 20 - total * 10) / total) * 10
        return score
    }
}
