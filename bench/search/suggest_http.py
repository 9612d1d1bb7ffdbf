"""Suggestion endpoint latency over HTTP against a release server holding many articles.

    swift build -c release --product walletdesk
    python3 bench/search/suggest_http.py "$(swift build -c release --show-bin-path)/walletdesk" 5000

Starts a server on a fresh SQLite folder (the starter knowledge base loads), creates the first admin, adds N articles
through the API (starter topics with varied words, zh-CN and en), then times 600 sequential suggestion requests on one
keep-alive connection (the first 30 are warm-up). Prints p50/p95/max in milliseconds, client side (so HTTP included).
"""
import json, random, re, socket, subprocess, sys, tempfile, time, urllib.parse
import http.client

binary, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000
folder = tempfile.mkdtemp(prefix="wd-suggest-")
sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
server = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", folder, "--log-level", "warning"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    code = None
    deadline = time.time() + 30
    while code is None and time.time() < deadline:
        line = server.stdout.readline()
        match = re.search(r"code ([A-Z0-9]{5}-[A-Z0-9]{5})", line)
        code = match.group(1) if match else None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token: headers["Authorization"] = f"Bearer {token}"
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()

    status, body = call("POST", "/api/v1/setup", {"code": code, "name": "Bench", "email": "bench@example.com"})
    token = json.loads(body)["token"]
    random.seed(42)
    topics = [("提现失败", "withdrawal failed"), ("账户被锁定", "account locked"), ("交易未到账", "transaction missing"),
              ("开启双重验证", "enable two-factor"), ("手续费说明", "fees explained"), ("资金被盗", "stolen funds"),
              ("联系官方客服", "contact official support"), ("识别假客服", "spot fake support")]
    extra = ["钱包", "矿工费", "合约", "节点", "staking", "airdrop", "bridge", "ledger", "nft", "质押", "跨链", "空投", "gas", "memo"]
    categories = [c["slug"] for c in json.loads(call("GET", "/api/v1/kb/categories", token=token)[1])["items"]]
    started = time.time()
    for index in range(count):
        zh, en = random.choice(topics)
        words = " ".join(random.choice(extra) + str(random.randrange(500)) for _ in range(6))
        article = {"slug": f"bench-{index}", "category": random.choice(categories), "status": "published", "translations": [
            {"language": "zh-CN", "title": f"{zh} {random.choice(extra)}", "markdown": f"{zh}时请先确认网络和地址。\n\n{words}"},
            {"language": "en", "title": f"{en} {random.choice(extra)}", "markdown": f"If {en}, check the network and address.\n\n{words}"}]}
        status, body = call("POST", "/api/v1/kb/articles", article, token)
        assert status == 201, (status, body[:300])
    print(f"loaded {count} articles in {time.time() - started:.0f} s")
    time.sleep(1.5)  # the per-node snapshot notices the new version within a second
    queries = ["提现失败", "账户被锁", "how do I enable 2fa", "withdrawl fai", "帳戶被鎖定", "my transaction is pend", "手续费",
               "seed phrase", "冻结账户", "contact supp", "客服电话", "gas fee too high", "转账没到账", "stolen", "谷歌验证器"]
    times = []
    for round in range(600):
        query = urllib.parse.quote(queries[round % len(queries)])
        begin = time.perf_counter()
        status, body = call("GET", f"/api/v1/help/suggest?q={query}&lang=zh-CN")
        elapsed = time.perf_counter() - begin
        assert status == 200
        if round >= 30: times.append(elapsed * 1000)
    # The timed index must hold the generated articles, not only the starter ones.
    status, body = call("GET", "/api/v1/help/suggest?q=" + urllib.parse.quote("空投 跨链") + "&lang=zh-CN")
    assert any(item["slug"].startswith("bench-") for item in json.loads(body)["items"]), body[:300]
    times.sort()
    print(f"bench: suggest over {count} articles, HTTP, release: p50={times[len(times)//2]:.2f} ms "
          f"p95={times[int(len(times)*0.95)]:.2f} ms max={times[-1]:.2f} ms")
finally:
    server.terminate(); server.wait(timeout=15)
