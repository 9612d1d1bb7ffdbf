import ArgumentParser
import DeskCore
import Foundation

/// Reads all of standard input as UTF-8; refuses anything else so offsets mean what they say.
func readStandardInput() throws -> String {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("standard input is not UTF-8 text") }
    return text
}

func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(value))
    FileHandle.standardOutput.write(Data("\n".utf8))
}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find and remove secrets (recovery phrases, private keys, passwords, 2FA codes) in text on standard input.",
        discussion: """
            Prints {"redacted": "...", "findings": [{"kind", "start", "end", "confidence"}]}; offsets count Unicode scalars of \
            the input, end exclusive. The secret itself is never printed.
            """
    )

    @Option(help: "Language of the removal markers: zh-CN, zh-TW or en.") var language: String = "zh-CN"

    func run() throws {
        guard let language = RedactionLanguage(rawValue: language) else { throw ValidationError("language must be zh-CN, zh-TW or en") }
        try printJSON(SecretScanner().scan(try readStandardInput(), language: language))
    }
}

struct Identify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find transaction ids and addresses (Bitcoin, Ethereum/EVM, TRON, Solana, Litecoin, Dogecoin, XRP, Bitcoin Cash, TON) in text on standard input.",
        discussion: "Prints a JSON array of {kind, chain, value, valid, start, end}; offsets count Unicode scalars of the input."
    )

    func run() throws {
        let text = try readStandardInput()
        // A private key is also 64 hex digits: anything overlapping a secret finding is dropped, so no secret is echoed
        // back as a "transaction id". Offsets stay those of the original input.
        let secrets = SecretScanner().findings(in: text)
        let findings = IdentifierExtractor().extract(from: text).filter { finding in
            !secrets.contains { $0.start < finding.end && finding.start < $0.end }
        }
        try printJSON(findings)
    }
}
