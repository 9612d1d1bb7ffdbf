#!/usr/bin/env python3
"""Write Sources/DeskCore/Safety/Wordlists/chinese_word_pairs.txt: adjacent character pairs that
occur inside common Chinese words, restricted to characters of the BIP39 Chinese wordlists.

The secret scanner uses them to tell an unseparated Chinese recovery phrase ("帝妇啦曲婆读极机凡赵处烟")
from prose: prose is made of words, so most adjacent characters form a known pair, while twelve
characters drawn at random almost never do. Source: the dictionary shipped with the PyPI package
`jieba` (MIT licence), words with frequency >= 100, plus the wallet and support vocabulary
below, which a general dictionary ranks too low.

    /tmp/safety-venv/bin/pip install jieba==0.42.1
    /tmp/safety-venv/bin/python scripts/generate-chinese-word-pairs.py
"""
import os

import jieba

MIN_FREQUENCY = 100

# Words of our own domain (wallets, exchanges, support) that a general dictionary ranks low.
DOMAIN_WORDS = """
钱包 錢包 比特币 比特幣 以太坊 泰达币 泰達幣 波场 波場 莱特币 萊特幣 稳定币 穩定幣 代币 代幣 币种 幣種 主网 主網
客服 在线客服 線上客服 人工客服 工单 工單 热线 熱線 官方 官网 官網 公告 社区 社區 论坛 論壇
账户 帳戶 账号 帳號 登录 登錄 登入 注册 註冊 注销 註銷 实名 實名 认证 認證 身份 验证 驗證 验证码 驗證碼 短信 簡訊
密码 密碼 助记词 助記詞 私钥 私鑰 公钥 公鑰 密钥 密鑰 地址 收款 付款 转账 轉賬 轉帳 到账 到帳 充值 充币 充幣
提币 提幣 提现 提現 交易 交易所 哈希 区块 區塊 区块链 區塊鏈 浏览器 瀏覽器 链上 鏈上 确认 確認 手续费 手續費 矿工费 礦工費
网络 網絡 網路 合约 合約 授权 授權 冻结 凍結 解冻 解凍 锁定 鎖定 解锁 解鎖 被盗 被盜 诈骗 詐騙 骗子 騙子 钓鱼 釣魚
资产 資產 余额 餘額 理财 理財 质押 質押 挖矿 挖礦 兑换 兌換 买币 買幣 卖币 賣幣 法币 法幣 汇率 匯率 行情 价格 價格
冷钱包 冷錢包 热钱包 熱錢包 硬件钱包 硬體錢包 升级 升級 更新 版本 闪退 閃退 异常 異常 失败 失敗 成功 处理 處理 解决 解決
服务 服務 质量 質量 品質 帮助 幫助 咨询 諮詢 投诉 投訴 反馈 回饋 回复 回覆 邮件 郵件 电话 電話 工作日 节假日 節假日
"""

def main() -> None:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    lists = os.path.join(root, "Sources", "DeskCore", "Safety", "Wordlists")
    characters = set()
    for name in ("chinese_simplified.txt", "chinese_traditional.txt"):
        with open(os.path.join(lists, name), encoding="utf-8") as f:
            characters.update(line.strip() for line in f if line.strip())
    dictionary = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    pairs = set()
    with open(dictionary, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) < 2 or int(fields[1]) < MIN_FREQUENCY:
                continue
            word = fields[0]
            for a, b in zip(word, word[1:]):
                if a in characters and b in characters:
                    pairs.add(a + b)
    for word in DOMAIN_WORDS.split():
        for a, b in zip(word, word[1:]):
            if a in characters and b in characters:
                pairs.add(a + b)
    with open(os.path.join(lists, "chinese_word_pairs.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(sorted(pairs)) + "\n")
    print(f"{len(pairs)} pairs")

if __name__ == "__main__":
    main()
