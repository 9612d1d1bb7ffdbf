#!/usr/bin/env python3
"""Offers a steady rate of agent sign-ins (POST /api/v1/sessions) for a while and reports how they fared.

    signin_load.py BASE_URL EMAIL PASSWORD RATE SECONDS

Requests start on a fixed schedule (RATE per second) whatever earlier ones are doing, from a pool of worker threads,
so a slow server gets more sign-ins in progress rather than fewer offered. Prints one JSON line: offered, completed,
status counts, and sign-in latency percentiles.
"""

import json
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def main() -> None:
    base, email, password, rate, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
    body = json.dumps({"email": email, "password": password}).encode()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()

    def sign_in() -> None:
        started = time.monotonic()
        request = urllib.request.Request(base + "/api/v1/sessions", data=body, headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status = str(response.status)
        except urllib.error.HTTPError as error:
            status = str(error.code)
        except Exception as error:  # noqa: BLE001 - a benchmark counts every failure kind
            status = type(error).__name__
        with lock:
            latencies.append(time.monotonic() - started)
            statuses[status] = statuses.get(status, 0) + 1

    offered = 0
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=256) as pool:
        while time.monotonic() - start < seconds:
            due = start + offered / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(sign_in)
            offered += 1
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1) if ordered else 0.0

    print(json.dumps({"offered": offered, "rate": rate, "completed": len(ordered), "statuses": statuses,
                      "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0)}))


if __name__ == "__main__":
    main()
