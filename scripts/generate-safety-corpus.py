#!/usr/bin/env python3
"""Write Tests/DeskCoreTests/Corpus/safety-corpus.jsonl, the labelled corpus for the secret scanner.

Each line: {"text": str, "lang": "zh"|"en", "expected": [{"kind", "start", "end"}]} with offsets in
Unicode scalars (Python string indices), end exclusive. Positives carry real, valid material made
here (BIP39 phrases from the reference `mnemonic` package, keys with Base58Check computed below);
negatives are hard cases the scanner must leave alone (txids with context, addresses, xpubs,
UUIDs, git hashes, order numbers, prose dense with wordlist words).

    /tmp/safety-venv/bin/python scripts/generate-safety-corpus.py

The random seed is fixed, so the file is reproducible byte for byte.
"""
import hashlib
import json
import os
import random
import unicodedata

from mnemonic import Mnemonic

SEED = 20240611
rng = random.Random(SEED)
LANGS = ["english", "chinese_simplified", "chinese_traditional", "japanese", "korean",
         "spanish", "french", "italian", "czech", "portuguese"]
MNEMO = {lang: Mnemonic(lang) for lang in LANGS}

# ---------------------------------------------------------------- encodings
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out

def sha256d(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()

def b58check(payload: bytes) -> str:
    return b58encode(payload + sha256d(payload)[:4])

BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk

def segwit_address(hrp: str, version: int, program: bytes) -> str:
    acc, bits, data = 0, 0, [version]
    for b in program:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    const = 1 if version == 0 else 0x2BC830A3
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    mod = bech32_polymod(values + [0] * 6) ^ const
    checksum = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + checksum)

def rbytes(n):
    return bytes(rng.getrandbits(8) for _ in range(n))

def hex64():
    return rbytes(32).hex()

def wif(compressed: bool, testnet: bool = False) -> str:
    payload = bytes([0xEF if testnet else 0x80]) + rbytes(32) + (b"\x01" if compressed else b"")
    return b58check(payload)

XVERSIONS = {"xprv": "0488ade4", "yprv": "049d7878", "zprv": "04b2430c", "tprv": "04358394",
             "uprv": "044a4e28", "vprv": "045f18bc", "xpub": "0488b21e", "ypub": "049d7cb2",
             "zpub": "04b24746", "tpub": "043587cf"}

def extended(kind: str) -> str:
    version = bytes.fromhex(XVERSIONS[kind])
    depth = bytes([rng.choice([0, 3, 4])])
    key = b"\x00" + rbytes(32) if kind.endswith("prv") else bytes([rng.choice([2, 3])]) + rbytes(32)
    payload = version + depth + rbytes(4) + rbytes(4) + rbytes(32) + key
    return b58check(payload)

def btc_legacy():
    return b58check(bytes([rng.choice([0x00, 0x05])]) + rbytes(20))

def btc_segwit():
    if rng.random() < 0.5:
        return segwit_address("bc", 0, rbytes(20))
    return segwit_address("bc", 1, rbytes(32))

def ltc_address():
    return rng.choice([b58check(bytes([0x30]) + rbytes(20)), segwit_address("ltc", 0, rbytes(20))])

def eth_address():
    return "0x" + rbytes(20).hex()

def tron_address():
    return b58check(b"\x41" + rbytes(20))

def sol_address():
    while True:
        a = b58encode(rbytes(32))
        if 32 <= len(a) <= 44:
            return a

def sol_64():
    return b58encode(rbytes(64))

def uuid():
    h = rbytes(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"

def git_hash():
    return rbytes(20).hex()

def order_no():
    return rng.choice(["", "NO.", "#", "WD", "DP"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(10, 19)))

# ---------------------------------------------------------------- mnemonics
FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔"

def strip_accents(w):
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))

def mnemonic_words(lang, words_count, variant):
    entropy = rbytes(words_count * 11 * 32 // 33 // 8)
    words = MNEMO[lang].to_mnemonic(entropy).replace("\u3000", " ").split(" ")
    words = [unicodedata.normalize("NFC", w) for w in words]
    if variant == "wrong_checksum":
        wl = MNEMO[lang].wordlist
        words[-1] = unicodedata.normalize("NFC", rng.choice(wl))
    elif variant == "missing_word":
        del words[rng.randrange(len(words))]
    if lang in ("spanish", "french", "czech", "portuguese", "italian") and rng.random() < 0.4:
        words = [strip_accents(w) for w in words]
    if lang in ("english", "spanish", "french", "italian", "czech", "portuguese"):
        r = rng.random()
        if r < 0.1:
            words = [w.upper() for w in words]
        elif r < 0.2:
            words = [w.capitalize() for w in words]
        elif r < 0.25:
            words[0] = words[0].capitalize()
    return words

def layout(words, lang):
    """Join words in a way people type them; return text and (start, end) of the words."""
    chinese = lang.startswith("chinese")
    styles = ["space", "comma", "newline", "numbered_dot", "numbered_paren", "numbered_colon",
              "paren_num", "circled", "fullwidth_comma", "extra_spaces", "numbered_newline"]
    if chinese:
        styles += ["none", "none", "none", "ideographic", "dunhao"]
    if lang == "japanese":
        styles += ["ideographic", "ideographic"]
    style = rng.choice(styles)
    parts = []
    for i, w in enumerate(words):
        n = i + 1
        if style == "space":
            parts.append(("" if i == 0 else " ", w))
        elif style == "none":
            parts.append(("", w))
        elif style == "comma":
            parts.append(("" if i == 0 else ", ", w))
        elif style == "fullwidth_comma":
            parts.append(("" if i == 0 else "，", w))
        elif style == "dunhao":
            parts.append(("" if i == 0 else "、", w))
        elif style == "ideographic":
            parts.append(("" if i == 0 else "\u3000", w))
        elif style == "newline":
            parts.append(("" if i == 0 else "\n", w))
        elif style == "extra_spaces":
            parts.append(("" if i == 0 else " " * rng.randint(1, 3), w))
        elif style == "numbered_dot":
            num = str(n) if rng.random() < 0.8 else str(n).translate(FULLWIDTH_DIGITS)
            parts.append((("" if i == 0 else " ") + num + ". ", w))
        elif style == "numbered_paren":
            parts.append((("" if i == 0 else " ") + f"{n}) ", w))
        elif style == "numbered_colon":
            parts.append((("" if i == 0 else "  ") + f"{n}: ", w))
        elif style == "paren_num":
            parts.append((("" if i == 0 else " ") + f"({n}) ", w))
        elif style == "circled":
            parts.append((("" if i == 0 else " ") + CIRCLED[i % len(CIRCLED)], w))
        elif style == "numbered_newline":
            parts.append((("" if i == 0 else "\n") + f"{n}. ", w))
    text, start, end = "", None, None
    for sep, w in parts:
        text += sep
        if start is None:
            start = len(text)
        text += w
        end = len(text)
    return text, start, end

ZH_FRAMES = [
    "我的助记词是{s}，请帮我找回资产",
    "客服你好，我的钱包恢复不了，助记词如下：\n{s}\n请问怎么办？",
    "助记词：{s}",
    "你好，导入钱包时提示助记词错误，我输入的是 {s} 麻烦看一下",
    "{s}",
    "這是我的助記詞：{s}，請幫我檢查",
    "客服您好！我換了手機，助記詞是「{s}」，為什麼導入後餘額是0？",
    "急！钱包被盗了，原来的助记词 {s}",
    "请核对：\n{s}\n谢谢",
]
EN_FRAMES = [
    "Hi support, my seed phrase is {s} please help me restore my wallet",
    "Here are my 12 words:\n{s}\nWhy does the app say invalid?",
    "recovery phrase: {s}",
    "{s}",
    "I typed {s} but the wallet shows zero balance",
    "My backup words are \"{s}\" can you check them?",
    "Support team, urgent. Seed:\n{s}\nThanks.",
]

def frame(secret_text, lang_code, frames=None):
    frames = frames or (ZH_FRAMES if lang_code == "zh" else EN_FRAMES)
    f = rng.choice(frames)
    prefix, suffix = f.split("{s}")
    return prefix + secret_text + suffix, len(prefix)

records = []

def add(text, lang, expected):
    records.append({"text": text, "lang": lang, "expected": expected})

def add_mnemonic(lang, variant):
    count = rng.choice([12, 12, 12, 15, 18, 21, 24])
    words = mnemonic_words(lang, count, variant)
    body, ws, we = layout(words, lang)
    lang_code = "zh" if lang.startswith("chinese") or rng.random() < 0.3 else "en"
    if lang.startswith("chinese") and rng.random() < 0.3:
        lang_code = "en"
    text, offset = frame(body, lang_code)
    add(text, lang_code, [{"kind": "mnemonic", "start": offset + ws, "end": offset + we}])

# ---------------------------------------------------------------- positives
for lang in LANGS:
    for _ in range(36):
        add_mnemonic(lang, "valid")
    for _ in range(6):
        add_mnemonic(lang, "wrong_checksum")
    for _ in range(6):
        add_mnemonic(lang, "missing_word")

KEY_FRAMES_ZH = ["我的私钥是{s}，导入后资产不见了", "私钥：{s}", "导入私钥 {s} 提示格式错误", "這是我的私鑰 {s} 請幫忙",
                 "客服，我把私钥发给你：\n{s}", "密钥 {s}"]
KEY_FRAMES_EN = ["my private key is {s} please check", "Private key: {s}", "I imported the key {s} and the balance is 0",
                 "exported secret key\n{s}", "{s}", "here is the key {s} thanks"]

def add_key(secret, kind="private_key", frames_zh=KEY_FRAMES_ZH, frames_en=KEY_FRAMES_EN):
    lang = rng.choice(["zh", "en"])
    text, offset = frame(secret, lang, frames_zh if lang == "zh" else frames_en)
    add(text, lang, [{"kind": kind, "start": offset, "end": offset + len(secret)}])

for _ in range(40):
    add_key(hex64())
for _ in range(25):
    add_key("0x" + hex64())
for _ in range(20):
    add_key(hex64().upper() if rng.random() < 0.3 else hex64(), frames_zh=["{s}"], frames_en=["{s}", "ok {s}"])
for _ in range(30):
    add_key(wif(True, rng.random() < 0.2))
for _ in range(25):
    add_key(wif(False, rng.random() < 0.2))
SOL_ZH = ["Phantom 钱包导出的私钥：{s}", "我的 Solana 私钥 {s}", "导入私钥{s}失败"]
SOL_EN = ["Phantom exported private key: {s}", "solana secret key {s}", "import this key {s}"]
for _ in range(30):
    add_key(sol_64(), frames_zh=SOL_ZH, frames_en=SOL_EN)
XPRV_ZH = ["扩展私钥：{s}", "这是我的 xprv {s}", "{s}"]
XPRV_EN = ["my xprv is {s}", "Master key {s}", "{s}", "Electrum exported:\n{s}"]
for kind in ["xprv", "yprv", "zprv", "tprv", "uprv", "vprv"]:
    for _ in range(9):
        add_key(extended(kind), "xprv", XPRV_ZH, XPRV_EN)

def keystore():
    salt, iv, ct, mac = hex64(), rbytes(16).hex(), hex64(), hex64()
    key = rng.choice(["crypto", "Crypto"])
    obj = ('{"address":"%s","%s":{"cipher":"aes-128-ctr","ciphertext":"%s","cipherparams":{"iv":"%s"},'
           '"kdf":"scrypt","kdfparams":{"dklen":32,"n":262144,"p":1,"r":8,"salt":"%s"},"mac":"%s"},'
           '"id":"%s","version":3}') % (rbytes(20).hex(), key, ct, iv, salt, mac, uuid())
    if rng.random() < 0.4:
        obj = json.dumps(json.loads(obj), indent=2)
    return obj

for _ in range(30):
    ks = keystore()
    lang = rng.choice(["zh", "en"])
    text, offset = frame(ks, lang, ["我的keystore文件内容：\n{s}\n密码忘了", "{s}", "這是 UTC 檔案 {s}"] if lang == "zh"
                         else ["keystore json:\n{s}", "{s}", "Here is my UTC file {s} can you decrypt it?"])
    add(text, lang, [{"kind": "keystore", "start": offset, "end": offset + len(ks)}])

def password_value():
    base = rng.choice(["abc", "Qwer", "lily", "wang", "Moon", "zhang", "Tiger", "pass", "LoveU", "xiaoming"])
    return base + rng.choice(["123", "2024", "!@#", "_88", "1990", "#9", "666", "$$7"]) + rng.choice(["", "!", "x", "Zz"])

PW_ZH = ["我的密码是{v}，登录不上", "密码：{v}", "登录密码 {v} 一直提示错误", "密碼是{v}請幫我解鎖", "支付密码是{v}",
         "账号 13800138000 密码 {v}"]
PW_EN = ["my password is {v} and it does not work", "pwd: {v}", "Password: {v}", "login password is {v}",
         "I set the password to \"{v}\" yesterday"]
for _ in range(70):
    v = password_value()
    lang = rng.choice(["zh", "en"])
    f = rng.choice(PW_ZH if lang == "zh" else PW_EN)
    if "to \"{v}\"" in f:
        f = "my password is \"{v}\" yesterday"
    prefix = f.split("{v}")[0]
    add(f.replace("{v}", v), lang, [{"kind": "password", "start": len(prefix), "end": len(prefix) + len(v)}])

def otp_value():
    d = "".join(rng.choice("0123456789") for _ in range(6))
    return d if rng.random() < 0.8 else d[:3] + " " + d[3:]

OTP_ZH = ["验证码 {v}", "我的验证码是{v}，但是提示过期", "驗證碼：{v}", "谷歌验证码 {v} 不对", "短信验证码是 {v}", "动态口令{v}"]
OTP_EN = ["2FA code: {v}", "my verification code is {v}", "Google Authenticator code {v} is rejected",
          "SMS code {v}", "the OTP is {v}", "authenticator code: {v} please"]
for _ in range(70):
    v = otp_value()
    lang = rng.choice(["zh", "en"])
    f = rng.choice(OTP_ZH if lang == "zh" else OTP_EN)
    prefix = f.split("{v}")[0]
    add(f.replace("{v}", v), lang, [{"kind": "otp", "start": len(prefix), "end": len(prefix) + len(v)}])

positives = len(records)

# ---------------------------------------------------------------- negatives
EN_PROSE = [
    "I want to know about the fee for this transfer because my balance is wrong after the last deposit.",
    "Please help, all my cash is gone after I sent it to a fake support agent on Telegram.",
    "Can you tell me when the withdrawal will arrive? It has been pending for about three hours.",
    "I already tried to update the app, clear the cache and sign in again, but nothing works.",
    "The price of bitcoin went down and the swap gave me less than the quote I saw before.",
    "My account was locked after I entered the wrong password three times, how can I unlock it?",
    "Is there any limit on daily withdrawals for a verified account in your country?",
    "I think someone else has access to my phone, please freeze my account right now.",
    "Thank you for the quick answer, the issue is solved and the funds arrived this morning.",
    "Why do I need to pay a network fee when I move coins between my own wallets?",
    "After the upgrade the screen shows an error and the button does nothing when I tap it.",
    "We are a small business and want to accept crypto payment at our shop, what do we need?",
    "The agent on the phone asked for my recovery words, is that really your staff?",
    "I lost my old phone but I still have the paper with my backup, what should I do next?",
    "Could you explain the difference between the spot account and the funding account?",
    "My friend sent me some USDT on the wrong network, can it be recovered?",
    "Please close my account and delete my personal data as soon as possible.",
    "Every time I open the app it asks me to verify my email again, this is very annoying.",
    "I have a question about the tax report, where can I download a full history of my trades?",
    "The deposit address on the website is different from the one in the app, which one is right?",
    "Hello, I forgot my password and the reset email never arrives, please help.",
    "My 2FA code is not working since I changed my phone, what can I do?",
    "I did not receive the verification code, can you send it again?",
    "Your support is slow, I have been waiting for two days without any reply.",
    "Can I cancel an order that is still open on the exchange?",
    "What is the minimum amount for a withdrawal to a bank card?",
    "I found a strange login from another city in my account activity, please check.",
    "The fee was higher than expected because the network was busy at that time.",
    "Please add support for more coins like solana and tron in the next version.",
    "Your article about seed phrase safety was very helpful, thank you for writing it.",
    "I am sure I typed the address correctly, but the transfer went to an unknown wallet.",
    "Where can I find the transaction id for my last deposit?",
    "Do not share your recovery phrase or private key with anyone, even if they say they are support.",
    "The exchange rate shown in the app does not match the market price on other sites.",
    "Is it safe to keep a large amount of coins in a mobile wallet, or should I use a hardware device?",
    "My card payment failed twice and I was still charged, can you refund the money?",
    "I need an official letter that confirms my account balance for the bank.",
    "What happens to my staking rewards if I move the coins to another wallet?",
    "The app crashed during the swap, did the trade go through or not?",
    "Someone called me and said my account would be closed unless I pay a fee, is this a scam?",
    "Access denied when I try to open the wallet on my new laptop.",
    "Please check the status of ticket 48213, nobody answered yet.",
    "Unlock my account please, I can prove my identity with my passport.",
    "Only the first part of the payment arrived, where is the rest?",
    "Great service, quick and clear answer, five stars.",
    "My family member passed away, how can we access the funds in the account?",
    "Which network should I choose to send USDT from the exchange to this wallet?",
    "The gas price was too low and the transaction has been stuck for hours.",
    "Enter your email and we will send you a link to reset your password.",
    "Never give your password, private key or recovery phrase to anyone.",
]
# Prose that packs many wordlist words together on purpose; the checksum-free rule must hold.
EN_DENSE = [
    "above all, also remember that every wallet has a secret key and you can never recover it",
    "they found a little cat near the old house and gave it some milk and fish",
    "you can use the same method again and then check the other account balance later",
    "please help me, I have to pay the rent soon and the money is still pending",
    "happy new year to your whole team, thank you for all the work this year",
    "the simple way to avoid a scam is to ignore any message that asks for your secret words",
    "My daughter can ride a bike now and she is very proud of it",
    "real people never ask for your phrase, only a fake agent would do that",
    "Order food, pay the bill, then travel home by train before the rain starts",
    "just like last time the payment is still under review and I need it today",
    "This is a great product but the design of the menu could be more clear and simple",
    "Blue sky, warm sun, fresh air, green grass: the perfect day for a walk in the park",
    "Winter is coming and the price of energy is going up again, what a year",
    "We had a long meeting about the future of the project and the budget for next year",
    "I will wait until next week, then I will call the bank and ask them about the transfer",
]
ZH_PROSE = [
    "你好，我昨天提币到交易所，到现在还没有到账，请帮我查一下。",
    "为什么我的账户被冻结了？我没有做任何违规的操作。",
    "请问提现手续费是多少？每天有没有限额？",
    "我换了新手机，谷歌验证器丢了，怎么重新绑定？",
    "刚才有人打电话说是客服，让我转账到安全账户，这是真的吗？",
    "钱包里的USDT不见了，是不是被盗了？我很着急。",
    "我想注销账户，请告诉我需要准备哪些资料。",
    "充值了一个小时还没有到账，区块浏览器上显示已经确认了。",
    "客服你好，我的实名认证一直审核不通过，是什么原因？",
    "这个转账记录显示失败，但是钱已经扣了，怎么处理？",
    "你们的网站和APP上显示的价格不一样，以哪个为准？",
    "我忘记了登录密码，收不到重置邮件，麻烦帮忙处理一下。",
    "请问怎么把币从交易所提到自己的钱包？需要选择哪个网络？",
    "我的账户显示在外地登录过，我没有去过那个城市，请马上帮我冻结。",
    "感谢客服耐心解答，问题已经解决了。",
    "为什么兑换的时候价格和行情差那么多？",
    "转错网络了，把ERC20的币转到了TRC20地址，还能找回吗？",
    "请问周末和节假日客服上班吗？电话一直打不通。",
    "我在论坛看到有人说可以代客找回资产，这是官方的服务吗？",
    "APP更新以后一直闪退，打不开，手机是安卓系统。",
    "绝对不要把助记词和私钥告诉任何人，包括自称客服的人。",
    "收款方说没有收到，但是我这边显示已经成功了。",
    "我要投诉，等了三天都没有人回复我的工单。",
    "请问这个地址是你们官方的充值地址吗？",
    "我的银行卡提现被退回了，原因写的是信息不符。",
    "手续费太高了，有没有便宜一点的网络可以选择？",
    "我的家人去世了，我们作为继承人怎么处理他账户里的资产？",
    "短信验证码一直收不到，手机号没有问题。",
    "想问一下质押的收益什么时候发放？",
    "账户被锁定了，提示密码错误次数太多，怎么解锁？",
    "你们的公告说系统维护，什么时候结束？",
    "我是商家，想接入你们的支付服务，应该联系哪个部门？",
    "在交易所买了币，提到冷钱包需要多长时间？",
    "昨天的订单一直没有成交，能不能帮我取消？",
    "您好，请提供交易哈希和转账时间，我们帮您核实。",
    "這筆轉帳已經過了一天還沒有到帳，請幫我看看是什麼問題。",
    "為什麼我的帳戶被凍結了？我需要提供什麼資料才能解凍？",
    "請問提幣手續費是多少？有沒有最低提幣金額？",
    "客服您好，我忘記了支付密碼，請問要怎麼重設？",
    "我收到一封郵件說我的帳號有異常，這是官方發的嗎？",
    "为了保护您的资产安全，请不要在任何网站输入您的助记词。",
    "我们会在一到三个工作日内回复您的邮件，请耐心等待。",
    "这是一个非常重要的问题，关系到很多用户的资金安全。",
    "我们公司在上海和北京都有办公室，工作时间是周一到周五。",
    "他说今天下午会把钱还给我，但是到现在还没有消息。",
    "中国的春节假期期间，部分业务的处理时间会延长。",
    "我在学校学习了很多关于区块链的知识，觉得很有意思。",
    "这个月的工资已经发了，我想买一点比特币作为长期投资。",
    "天气越来越冷了，大家注意保暖，不要感冒。",
    "我们的目标是为全球用户提供安全、快速、方便的数字资产服务。",
]

def tx_context_en(txid):
    return rng.choice([
        "my tx id is {t} and it is still pending",
        "txid: {t}",
        "Transaction hash {t} shows confirmed on the explorer but not in my wallet",
        "here is the tx hash {t}",
        "https://mempool.space/tx/{t}",
        "https://etherscan.io/tx/{t}",
        "hash: {t} amount 120 USDT time 14:05",
        "Deposit {t} has 3 confirmations",
        "withdrawal {t} failed, please check",
        "the explorer link https://tronscan.org/#/transaction/{t} says success",
    ]).replace("{t}", txid)

def tx_context_zh(txid):
    return rng.choice([
        "交易哈希：{t}，金额 500 USDT，请帮忙查一下",
        "交易ID {t} 一直显示待确认",
        "这是我的转账记录，哈希 {t}",
        "提币的交易哈希是{t}，到现在没到账",
        "区块浏览器链接 https://etherscan.io/tx/{t}",
        "充值哈希{t}，时间 2024-05-01 10:20",
        "交易號：{t} 請幫忙確認",
    ]).replace("{t}", txid)

def negative_identifier():
    choice = rng.randrange(14)
    lang = rng.choice(["zh", "en"])
    if choice == 0:
        t = hex64()
    elif choice == 1:
        t = "0x" + hex64()
    elif choice == 2:
        t = sol_64()
        return (rng.choice(["Solana tx signature {t} is confirmed on solscan", "https://solscan.io/tx/{t}",
                            "签名 {t} 显示交易失败", "transaction {t} failed with insufficient funds"]).replace("{t}", t), lang)
    elif choice == 3:
        a = rng.choice([btc_legacy(), btc_segwit(), eth_address(), tron_address(), sol_address(), ltc_address()])
        return (rng.choice(["please send it to {a}", "我的收款地址是 {a}", "deposit address: {a}", "充值地址 {a} 对吗？",
                            "Is {a} your official address?", "地址：{a}"]).replace("{a}", a), lang)
    elif choice == 4:
        x = extended(rng.choice(["xpub", "ypub", "zpub", "tpub"]))
        return (rng.choice(["my xpub is {x} for the watch-only wallet", "扩展公钥 {x}", "zpub: {x}", "{x}"]).replace("{x}", x), lang)
    elif choice == 5:
        u = uuid()
        return (rng.choice(["request id {u}", "工单编号 {u}", "error trace {u}"]).replace("{u}", u), lang)
    elif choice == 6:
        g = git_hash()
        return (rng.choice(["app version 5.2.1 build {g}", "commit {g} broke the login", "版本 {g}"]).replace("{g}", g), lang)
    elif choice == 7:
        o = order_no()
        return (rng.choice(["order number {o} not delivered", "订单号：{o}，请帮忙查询", "my withdrawal order {o} is stuck",
                            "流水号 {o}"]).replace("{o}", o), lang)
    elif choice == 8:
        return (rng.choice(["I forgot my password", "密码忘了怎么办", "my password is wrong again", "password reset link expired",
                            "密码错误次数太多", "验证码收不到", "2FA code not working", "verification code expired after 10 minutes",
                            "验证码是多少？", "the code is wrong", "密码是什么意思？", "Google Authenticator code keeps failing",
                            "error code 10061 when connecting", "密码重置以后还是登录不了", "my password is correct but it says invalid",
                            "I never got the SMS code", "pin code reset please"]), lang)
    elif choice == 9:
        amount = f"{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}"
        return (rng.choice(["提币 {m} USDT 手续费扣了多少？", "withdraw {m} USDT fee is too high", "I deposited {m} TRX yesterday",
                            "余额显示 {m}，少了 20", "call me at +86 138 0013 8000", "我的手机号 13912345678"]).replace("{m}", amount), lang)
    else:
        return None
    return (tx_context_zh(t) if lang == "zh" else tx_context_en(t), lang)

negatives = []
seen = set()
attempts = 0
while len(negatives) < 1700 and attempts < 100000:
    attempts += 1
    kind = rng.random()
    if kind < 0.45:
        got = negative_identifier()
        if got is None:
            continue
        text, lang = got
        if rng.random() < 0.5:
            extra = rng.choice(ZH_PROSE if lang == "zh" else EN_PROSE)
            text = extra + (" " if lang == "en" else "") + text if rng.random() < 0.5 else text + (" " if lang == "en" else "") + extra
    elif kind < 0.72:
        lang = "zh"
        text = "".join(rng.sample(ZH_PROSE, rng.randint(1, 3)))
    else:
        lang = "en"
        pool = EN_PROSE + EN_DENSE * 2
        text = " ".join(rng.sample(pool, rng.randint(1, 3)))
    if text in seen:
        continue
    seen.add(text)
    negatives.append(text)
    add(text, lang, [])

# ---------------------------------------------------------------- phrases copied by hand, with slips
# Appended last, from their own random generator, so the records above stay byte for byte as they were. Each phrase
# has one or two words with a typing slip (a letter dropped, added, changed, or two swapped) that is in no BIP39 list;
# "variant": "slip" lets the tests ask that the whole phrase is covered, not just part of it.
slip_rng = random.Random(SEED + 1)
ALL_LIST_WORDS = {w for lang in LANGS for w in MNEMO[lang].wordlist}

def slipped(word):
    for _ in range(50):
        i = slip_rng.randrange(len(word))
        kind = slip_rng.choice(["drop", "add", "change", "swap"])
        letter = slip_rng.choice("abcdefghijklmnopqrstuvwxyz")
        if kind == "drop":
            out = word[:i] + word[i + 1:]
        elif kind == "add":
            out = word[:i] + letter + word[i:]
        elif kind == "change":
            out = word[:i] + letter + word[i + 1:]
        else:
            if i + 1 >= len(word):
                continue
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if out != word and out.lower() not in ALL_LIST_WORDS:
            return out
    return None

slip_records = 0
while slip_records < 60:
    count = slip_rng.choice([12, 12, 12, 18, 24])
    entropy = bytes(slip_rng.getrandbits(8) for _ in range(count * 11 * 32 // 33 // 8))
    words = MNEMO["english"].to_mnemonic(entropy).split(" ")
    # Slips in words of four letters or more: a three-letter word with a slip is as often another short word.
    positions = [i for i, w in enumerate(words) if len(w) >= 4]
    for i in slip_rng.sample(positions, slip_rng.choice([1, 1, 2])):
        words[i] = slipped(words[i]) or words[i]
    separator = slip_rng.choice([" ", " ", "\n", ", "])
    body = separator.join(words)
    lang_code = "zh" if slip_rng.random() < 0.5 else "en"
    f = slip_rng.choice(ZH_FRAMES if lang_code == "zh" else EN_FRAMES)
    prefix, suffix = f.split("{s}")
    records.append({"text": prefix + body + suffix, "lang": lang_code, "variant": "slip",
                    "expected": [{"kind": "mnemonic", "start": len(prefix), "end": len(prefix) + len(body)}]})
    slip_records += 1
positives += slip_records

# ---------------------------------------------------------------- authenticator keys and quoted passwords
# Also appended, from a third generator. An authenticator key (the Base32 secret behind 2FA codes) is labelled "otp";
# a quoted password may hold spaces. Hard negatives: a key lead-in followed by words, short groups, lower-case words.
more_rng = random.Random(SEED + 2)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

def authenticator_key():
    key = "".join(more_rng.choice(B32) for _ in range(more_rng.choice([16, 16, 32])))
    style = more_rng.choice(["plain", "grouped", "lower_grouped"])
    if style == "grouped":
        key = " ".join(key[i:i + 4] for i in range(0, len(key), 4))
    elif style == "lower_grouped":
        key = " ".join(key[i:i + 4] for i in range(0, len(key), 4)).lower()
        if not any(c in "234567" for c in key):
            key = key[:-1] + "7"
    return key

KEY_LEADS = [("我的谷歌验证器密钥是 {s} 换手机了怎么办", "zh"), ("谷歌验证备份密钥：{s}", "zh"), ("這是我的2FA密鑰 {s}，請幫我重置", "zh"),
             ("my google authenticator backup key is {s} please reset it", "en"), ("2FA secret: {s}", "en"),
             ("Authenticator setup key {s}", "en")]
for _ in range(24):
    frame_text, lang = more_rng.choice(KEY_LEADS)
    prefix, suffix = frame_text.split("{s}")
    key = authenticator_key()
    records.append({"text": prefix + key + suffix, "lang": lang,
                    "expected": [{"kind": "otp", "start": len(prefix), "end": len(prefix) + len(key)}]})
    positives += 1
QUOTED = [("my password is \"{s}\" and it stopped working", "en"), ("密码是「{s}」，登录不了", "zh"), ("password: '{s}'", "en")]
PHRASES = ["my dog has fleas", "correct horse battery", "ilove my wallet 2024", "快乐 每一天 88", "open sesame now"]
for _ in range(12):
    frame_text, lang = more_rng.choice(QUOTED)
    prefix, suffix = frame_text.split("{s}")
    value = more_rng.choice(PHRASES)
    records.append({"text": prefix + value + suffix, "lang": lang,
                    "expected": [{"kind": "password", "start": len(prefix), "end": len(prefix) + len(value)}]})
    positives += 1
for text, lang in [("the API key expired yesterday, where do I get a new key for my account", "en"),
                   ("密钥 ABCD EFGH 是什么意思？", "zh"), ("I lost the key backup for my wallet please help", "en"),
                   ("导出私钥的时候提示 network error please retry later", "zh"), ("secret: nothing to hide here at all", "en"),
                   ("The key is IMPORTANT to keep offline", "en"), ("备份密钥在哪里看？设置页面找不到", "zh")]:
    records.append({"text": text, "lang": lang, "expected": []})
    negatives.append(text)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "Tests", "DeskCoreTests", "Corpus", "safety-corpus.jsonl")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"{positives} positives, {len(negatives)} negatives -> {out}")
