/// The language of the markers written in place of removed secrets.
public enum RedactionLanguage: String, Sendable {
    case zhCN = "zh-CN"
    case zhTW = "zh-TW"
    case en
}

/// The text that replaces a removed secret, e.g. `[已移除：助记词]`.
///
/// These strings are the scanner's only user-visible text; they live here so that DeskCore stays
/// free of the UI localisation table, and the application table can reuse them.
public enum RedactionMarker {
    /// The marker for `kind` in `language`.
    public static func text(for kind: SecretKind, language: RedactionLanguage) -> String {
        let name = secretName(kind, language)
        switch language {
        case .zhCN, .zhTW: return "[已移除：\(name)]"
        case .en: return "[removed: \(name)]"
        }
    }

    /// The localised name of a secret kind, as used inside markers.
    public static func secretName(_ kind: SecretKind, _ language: RedactionLanguage) -> String {
        switch (kind, language) {
        case (.mnemonic, .zhCN): return "助记词"
        case (.mnemonic, .zhTW): return "助記詞"
        case (.mnemonic, .en): return "recovery phrase"
        case (.privateKey, .zhCN): return "私钥"
        case (.privateKey, .zhTW): return "私鑰"
        case (.privateKey, .en): return "private key"
        case (.xprv, .zhCN): return "扩展私钥"
        case (.xprv, .zhTW): return "擴展私鑰"
        case (.xprv, .en): return "extended private key"
        case (.keystore, .zhCN): return "Keystore 文件"
        case (.keystore, .zhTW): return "Keystore 檔案"
        case (.keystore, .en): return "keystore file"
        case (.password, .zhCN): return "密码"
        case (.password, .zhTW): return "密碼"
        case (.password, .en): return "password"
        case (.otp, .zhCN): return "验证码"
        case (.otp, .zhTW): return "驗證碼"
        case (.otp, .en): return "verification code"
        }
    }

    /// Rebuilds `scalars` with each finding's span replaced by its marker. Findings must be
    /// sorted and non-overlapping.
    static func redact(_ scalars: [Unicode.Scalar], findings: [SecretFinding], language: RedactionLanguage) -> String {
        var out = String.UnicodeScalarView()
        var cursor = 0
        for finding in findings {
            out.append(contentsOf: scalars[cursor..<finding.start])
            out.append(contentsOf: text(for: finding.kind, language: language).unicodeScalars)
            cursor = finding.end
        }
        out.append(contentsOf: scalars[cursor...])
        return String(out)
    }
}
