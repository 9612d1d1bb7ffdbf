#!/usr/bin/env bash
# Measures SecretScanner throughput on ~20 MB of mixed Chinese/English support text.
#
# Builds a release copy of DeskCore in a throw-away package under /tmp (symlinking the repo's
# Sources/DeskCore, so the repo's .build is untouched) and scans the clean messages of
# Tests/DeskCoreTests/Corpus/safety-corpus.jsonl repeated to ~20 MB, one message per scan call
# (as the server would), plus one whole-text call. Prints MB/s of UTF-8 input on one core.
#
#   bench/scanner/run.sh            # default 20 MB
#   BENCH_MB=50 bench/scanner/run.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_DIR:-/tmp/walletdesk-scanner-bench}"
mkdir -p "$work/Sources/Bench"
ln -sfn "$repo/Sources/DeskCore" "$work/Sources/DeskCore"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "scanner-bench",
    targets: [
        .target(name: "DeskCore", path: "Sources/DeskCore", resources: [.copy("Safety/Wordlists")],
                swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(name: "Bench", dependencies: ["DeskCore"], path: "Sources/Bench",
                          swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
SWIFT
cat > "$work/Sources/Bench/main.swift" <<'SWIFT'
import DeskCore
import Foundation

let arguments = CommandLine.arguments
let corpusPath = arguments[1]
let targetBytes = (Int(arguments[2]) ?? 20) * 1_000_000
struct Line: Decodable { var text: String; var expected: [Expected]; struct Expected: Decodable { var kind: String } }
let decoder = JSONDecoder()
let data = try Data(contentsOf: URL(fileURLWithPath: corpusPath))
let clean = try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Line.self, from: Data($0)) }
    .filter { $0.expected.isEmpty }.map(\.text)
var messages: [String] = []
var bytes = 0
while bytes < targetBytes {
    for text in clean where bytes < targetBytes {
        messages.append(text)
        bytes += text.utf8.count
    }
}
let chinese = messages.reduce(0) { $0 + $1.unicodeScalars.filter { $0.value >= 0x4E00 && $0.value < 0xA000 }.count }
print("input: \(messages.count) messages, \(bytes) bytes UTF-8, \(chinese) CJK characters")
let scanner = SecretScanner()
_ = scanner.scan("warm up 的一是 abandon")
let clock = ContinuousClock()
var findings = 0
var best = Duration.seconds(1_000)
for _ in 0..<3 {
    let elapsed = clock.measure {
        for text in messages { findings += scanner.scan(text).findings.count }
    }
    best = min(best, elapsed)
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
print(String(format: "per message: %.1f MB/s (best of 3, %.3f s, findings %d)", Double(bytes) / 1e6 / seconds, seconds, findings / 3))
let whole = messages.joined(separator: "\n")
let wholeTime = clock.measure { findings = scanner.scan(whole).findings.count }
let wholeSeconds = Double(wholeTime.components.seconds) + Double(wholeTime.components.attoseconds) / 1e18
print(String(format: "one %d MB text: %.1f MB/s (%.3f s, findings %d)", bytes / 1_000_000, Double(bytes) / 1e6 / wholeSeconds, wholeSeconds, findings))
SWIFT
cd "$work"
nice -n 10 swift build -c release -j 2 2>&1 | tail -1
"$work/.build/release/Bench" "$repo/Tests/DeskCoreTests/Corpus/safety-corpus.jsonl" "${BENCH_MB:-20}"
