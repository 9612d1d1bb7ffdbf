"""How long a customer waits for a sign-in code, and how fast a backlog drains, with a real SMTP peer on loopback.

Starts aiosmtpd and `walletdesk serve` (SQLite, or PostgreSQL with --database), then
1. latency: N times, request a code for a fresh customer and time until the peer has the mail;
2. backlog: request M codes as fast as possible, then time until the peer has them all.

    .venv/bin/python bench/mail/delivery_latency.py --bin .build/release/walletdesk [--database postgres://…] [-n 30] [-m 300]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time

import requests
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Peer:
    def __init__(self):
        self.arrived: dict[str, float] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.arrived[rcpt] = time.monotonic()
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/debug/walletdesk")
    parser.add_argument("--database")
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("-m", type=int, default=300)
    args = parser.parse_args()

    peer = Peer()
    controller = Controller(peer, hostname="127.0.0.1", port=free_port())
    controller.start()
    data = tempfile.mkdtemp(prefix="wd-mail-bench-")
    port = free_port()
    env = {"WALLETDESK_SMTP_URL": f"smtp://127.0.0.1:{controller.port}", "WALLETDESK_MAIL_FROM": "Bench <bench@desk.example>",
           "WALLETDESK_BCRYPT_COST": "4", "PATH": "/usr/bin:/bin"}
    store = ["--database", args.database] if args.database else ["--data-dir", data]
    out = open(f"{data}/out.log", "w")
    server = subprocess.Popen([args.bin, "serve", "--port", str(port), "--log-level", "error", *store], stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(base + "/readyz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.1)
        time.sleep(0.3)
        code = re.search(r"one-time code ([A-Z0-9]{5}-[A-Z0-9]{5})", open(f"{data}/out.log").read()).group(1)
        token = requests.post(base + "/api/v1/setup", json={"code": code, "name": "Bench", "email": "bench@desk.example"}, timeout=10).json()["token"]
        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {token}"

        def customer(address: str) -> None:
            assert api.post(base + "/api/v1/customers", json={"email": address, "language": "zh-CN"}, timeout=10).status_code == 201

        def request_code(address: str, index: int) -> None:
            # Each request from its own loopback address (127.0.x.y), so the per-address send limit is not what is measured.
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(f"127.0.{4 + index // 250}.{index % 250 + 1}", 0))
            connection.request("POST", "/api/v1/customer/code", body=json.dumps({"email": address}), headers={"Content-Type": "application/json"})
            assert connection.getresponse().status == 202
            connection.close()

        def wait(addresses: list[str], timeout: float) -> None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                with peer.lock:
                    if all(a in peer.arrived for a in addresses):
                        return
                time.sleep(0.002)
            raise SystemExit(f"mail did not arrive within {timeout} s")

        latencies = []
        for index in range(args.n):
            address = f"latency{index}@example.com"
            customer(address)
            time.sleep(0.137 * (index % 7))  # requests land at different points of the poll cycle
            started = time.monotonic()
            request_code(address, index)
            wait([address], 30)
            latencies.append(peer.arrived[address] - started)
        latencies.sort()
        print(f"code latency over {args.n}: p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")

        addresses = [f"backlog{index}@example.com" for index in range(args.m)]
        for address in addresses:
            customer(address)
        started = time.monotonic()
        for index, address in enumerate(addresses):
            request_code(address, args.n + index)
        queued = time.monotonic() - started
        wait(addresses, 300)
        drained = max(peer.arrived[a] for a in addresses) - started
        print(f"backlog of {args.m}: queued in {queued:.2f} s, all delivered {drained:.2f} s after the first request "
              f"({args.m / drained:.0f} mails/s)")
    finally:
        server.terminate()
        server.wait(timeout=15)
        controller.stop()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
