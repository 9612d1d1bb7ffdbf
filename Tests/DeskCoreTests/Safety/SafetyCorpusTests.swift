import Foundation
import Testing
@testable import DeskCore

/// Precision and recall of the secret scanner on the labelled corpus made by
/// `scripts/generate-safety-corpus.py`.
///
/// A finding matches an expected span when the kinds agree and the spans overlap (the scanner may
/// legitimately include a neighbouring wordlist word in a phrase span). Fails when recall drops
/// below 0.99 for recovery phrases, private keys or extended keys, or when more than 0.5 % of the
/// clean messages get any finding.
@Suite("Safety corpus")
struct SafetyCorpusTests {
    struct Expected: Decodable {
        var kind: String
        var start: Int
        var end: Int
    }

    struct Record: Decodable {
        var text: String
        var lang: String
        var expected: [Expected]
        /// "slip": an English phrase copied by hand with one or two mistyped words.
        var variant: String?
    }

    static func loadCorpus() throws -> [Record] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/safety-corpus.jsonl")
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Record.self, from: Data($0)) }
    }

    struct Tally {
        var expected = 0
        var found = 0
        var truePositiveExpected = 0
        var truePositiveFound = 0
        var recall: Double { expected == 0 ? 1 : Double(truePositiveExpected) / Double(expected) }
        var precision: Double { found == 0 ? 1 : Double(truePositiveFound) / Double(found) }
    }

    @Test func precisionAndRecall() throws {
        let records = try Self.loadCorpus()
        let scanner = SecretScanner()
        var tallies: [String: Tally] = [:]
        var cleanMessages = 0
        var flaggedClean = 0
        var misses: [String] = []
        var falseAlarms: [String] = []
        for record in records {
            let findings = scanner.scan(record.text).findings
            if record.expected.isEmpty {
                cleanMessages += 1
                if !findings.isEmpty {
                    flaggedClean += 1
                    falseAlarms.append("\(findings.map(\.kind.rawValue)) \(record.text.prefix(160))")
                }
            }
            for expected in record.expected {
                tallies[expected.kind, default: Tally()].expected += 1
                let hit = findings.contains { $0.kind.rawValue == expected.kind && $0.start < expected.end && expected.start < $0.end }
                if hit { tallies[expected.kind, default: Tally()].truePositiveExpected += 1 } else {
                    misses.append("\(expected.kind) [\(findings.map(\.kind.rawValue))] \(record.text.prefix(200))")
                }
            }
            for finding in findings {
                tallies[finding.kind.rawValue, default: Tally()].found += 1
                let hit = record.expected.contains { $0.kind == finding.kind.rawValue && finding.start < $0.end && $0.start < finding.end }
                if hit { tallies[finding.kind.rawValue, default: Tally()].truePositiveFound += 1 }
            }
        }
        let falsePositiveRate = Double(flaggedClean) / Double(max(cleanMessages, 1))
        var table = "kind         expected  found  precision  recall\n"
        for kind in SecretKind.allCases.map(\.rawValue) {
            let t = tallies[kind] ?? Tally()
            table += kind.padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(format: " %8d %6d %10.4f %7.4f\n", t.expected, t.found, t.precision, t.recall)
        }
        table += String(format: "clean messages: %d, flagged: %d (%.3f%%)\n", cleanMessages, flaggedClean, falsePositiveRate * 100)
        print(table)
        for line in misses.prefix(25) { print("MISS", line) }
        for line in falseAlarms.prefix(25) { print("FALSE ALARM", line) }

        #expect(records.count >= 2100)
        for kind in [SecretKind.mnemonic, .privateKey, .xprv] {
            #expect((tallies[kind.rawValue]?.recall ?? 0) >= 0.99, "recall of \(kind.rawValue)")
        }
        #expect(falsePositiveRate <= 0.005, "false-positive rate on clean messages")
    }

    /// A phrase with a mistyped word must be removed whole: a part left in the text is part of the secret.
    @Test func phrasesWithSlipsAreCoveredWhole() throws {
        let records = try Self.loadCorpus().filter { $0.variant == "slip" }
        let scanner = SecretScanner()
        var partial: [String] = []
        for record in records {
            let findings = scanner.scan(record.text).findings.filter { $0.kind == .mnemonic }
            for expected in record.expected where !findings.contains(where: { $0.start <= expected.start && $0.end >= expected.end }) {
                partial.append("\(findings.map { "\($0.start)-\($0.end)" }) want \(expected.start)-\(expected.end): \(record.text)")
            }
        }
        let covered = Double(records.count - partial.count) / Double(max(records.count, 1))
        print(String(format: "phrases with slips: %d, covered whole: %.3f", records.count, covered))
        for line in partial { print("PARTIAL", line) }
        #expect(records.count >= 50)
        #expect(covered >= 0.9)
    }
}
