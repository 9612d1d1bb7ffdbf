/// Groups of words that mean the same to a customer (提现 / 提币 / withdraw), used to widen a query.
///
/// A query containing any term of a group matches documents containing any other term of it. Terms are segmented
/// like everything else, so `Seed Phrase`, `seed-phrase` and `助記詞` are the same entries as `seed phrase` and `助记词`.
/// Admins edit the groups (stored in the database); ``standard`` is what a new workspace starts with.
public struct SynonymTable: Sendable, Equatable {
    /// The groups, each a list of terms as written.
    public private(set) var groups: [[String]]
    private var segmented: [[[TextSegmenter.Atom]]] = []
    /// First atom text → (group, term) pairs whose term starts with it.
    private var starts: [String: [(group: Int, term: Int)]] = [:]

    public static let empty = SynonymTable(groups: [])

    public init(groups: [[String]]) {
        let segmenter = TextSegmenter()
        self.groups = []
        for group in groups {
            let terms = group.map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
            let atoms = terms.map { segmenter.atoms($0) }.filter { !$0.isEmpty }
            guard atoms.count > 1 else { continue }
            let groupIndex = self.groups.count
            self.groups.append(terms)
            segmented.append(atoms)
            for (termIndex, term) in atoms.enumerated() {
                starts[term[0].text, default: []].append((groupIndex, termIndex))
            }
        }
    }

    public static func == (lhs: SynonymTable, rhs: SynonymTable) -> Bool { lhs.groups == rhs.groups }

    /// The longest term of any group that starts at `atoms[index]`: how many atoms it covers and which group.
    func longestMatch(in atoms: [TextSegmenter.Atom], at index: Int) -> (length: Int, group: Int)? {
        guard let candidates = starts[atoms[index].text] else { return nil }
        var best: (length: Int, group: Int)?
        for (group, term) in candidates {
            let termAtoms = segmented[group][term]
            guard index + termAtoms.count <= atoms.count, termAtoms.count > (best?.length ?? 0) else { continue }
            var matches = true
            for (offset, atom) in termAtoms.enumerated() where atoms[index + offset].text != atom.text {
                matches = false
                break
            }
            // A CJK term must not start in the middle of a pair it does not own only when it is a single character:
            // "币" alone would otherwise expand inside 提币 — single-character terms match only standing alone.
            if matches, termAtoms.count == 1, atoms[index].isCJK {
                let before = index > 0 && atoms[index].joinsPrevious
                let after = index + 1 < atoms.count && atoms[index + 1].joinsPrevious
                if before || after { matches = false }
            }
            if matches { best = (termAtoms.count, group) }
        }
        return best
    }

    /// Each term of a group as an expression that matches that term (all its words or pairs).
    func expressions(ofGroup group: Int) -> [SearchExpression] {
        segmented[group].map { atoms in
            var parts: [SearchExpression] = []
            var run: [TextSegmenter.Atom] = []
            for atom in atoms {
                if atom.isCJK, atom.joinsPrevious, !run.isEmpty {
                    run.append(atom)
                    continue
                }
                if !run.isEmpty { parts += TextSegmenter.terms(ofRun: run, mode: .allTerms) }
                run = [atom]
            }
            if !run.isEmpty { parts += TextSegmenter.terms(ofRun: run, mode: .allTerms) }
            return SearchExpression.all(parts).simplified
        }
    }

    /// The groups a new workspace starts with: the words wallet and exchange customers use for the same thing, in
    /// mainland and Taiwan usage (提领 for 提領, 储值 for 儲值, 二阶段验证 for 二階段驗證: written folded to simplified
    /// characters, as the segmenter folds every query).
    public static let standard = SynonymTable(groups: [
        ["提现", "提币", "提领", "出金", "取款", "withdraw", "withdrawal", "withdrawals", "withdrawing", "cash out"],
        ["充值", "充币", "储值", "入金", "存款", "deposit", "deposits", "top up"],
        ["2fa", "双重验证", "两步验证", "二次验证", "双因素认证", "双因子认证", "二阶段验证", "两步骤验证", "谷歌验证器", "谷歌验证", "google authenticator", "authenticator", "two factor", "totp"],
        ["助记词", "注记词", "恢复短语", "seed phrase", "recovery phrase", "mnemonic", "seed words", "secret recovery phrase"],
        ["私钥", "private key"],
        ["冻结", "freeze", "frozen", "冻住"],
        ["锁定", "被锁", "lock", "locked", "lockout"],
        ["被盗", "盗币", "被偷", "stolen", "hacked", "theft", "unauthorized"],
        ["客服", "人工客服", "官方客服", "真人客服", "support", "customer service", "helpdesk", "agent"],
        ["手续费", "费用", "费率", "矿工费", "gas", "fee", "fees", "charge"],
        ["兑换", "闪兑", "换币", "convert", "conversion", "swap", "exchange"],
        ["交易哈希", "交易杂凑", "交易id", "txid", "tx id", "transaction id", "transaction hash", "hash"],
        ["未到账", "没到账", "没收到", "not received", "missing", "not arrived"],
        ["待确认", "卡住", "pending", "stuck", "unconfirmed"],
        ["骗子", "诈骗", "假客服", "钓鱼", "scam", "scammer", "fraud", "phishing", "fake"],
        ["密码", "password", "passcode"],
        ["验证码", "verification code", "otp"],
        ["营业时间", "工作时间", "服务时间", "hours", "opening hours", "business hours"],
        ["失败", "fail", "failed", "failure", "error"],
    ])
}
