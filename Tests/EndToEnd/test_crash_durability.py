"""kill -9 in the middle of a create storm: every ticket the server answered 201 for must survive, with its first message."""

from __future__ import annotations

import threading
import time

import requests

THREADS = 8
STORM_SECONDS = 3.0
MAX_REQUESTS_PER_THREAD = 5000


def test_kill9_during_create_storm(make_backend, launcher):
    backend = make_backend()
    node = launcher.start(backend)
    node.complete_setup()
    token = node.token
    headers = {"Authorization": f"Bearer {token}"}
    customer = requests.post(f"{node.base_url}/api/v1/customers", json={"email": "storm@example.com"}, headers=headers, timeout=10)
    assert customer.status_code == 201, customer.text
    customer_id = customer.json()["id"]

    created: list[tuple[str, str]] = []  # (ticket id, first message text) for every 201
    server_errors: list[str] = []
    cut_off = 0
    lock = threading.Lock()
    stop = threading.Event()

    def storm(worker: int) -> None:
        nonlocal cut_off
        session = requests.Session()
        session.headers.update(headers)
        for n in range(MAX_REQUESTS_PER_THREAD):
            if stop.is_set():
                return
            text = f"storm message {worker}-{n}"
            body = {"subject": f"Storm {worker}-{n}", "requester": {"id": customer_id}, "message": {"text": text, "author": "customer"}}
            try:
                response = session.post(f"{node.base_url}/api/v1/tickets", json=body, timeout=10)
            except requests.RequestException:
                with lock:
                    cut_off += 1  # in flight when the server died: the client never learned the outcome
                time.sleep(0.05)
                continue
            with lock:
                if response.status_code == 201:
                    created.append((response.json()["ticket"]["id"], text))
                else:
                    server_errors.append(f"{response.status_code}: {response.text[:300]}")

    threads = [threading.Thread(target=storm, args=(i,), daemon=True) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    time.sleep(STORM_SECONDS)
    node.kill9()
    killed_with = len(created)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    assert not any(thread.is_alive() for thread in threads)
    assert not server_errors, server_errors[:5]
    assert killed_with > 0, "no ticket was created before the kill"

    restarted = launcher.start(backend, expect_setup_code=False)
    restarted.token = token
    session = requests.Session()
    session.headers.update(headers)
    missing = []
    for ticket_id, text in created:
        ticket = session.get(f"{restarted.base_url}/api/v1/tickets/{ticket_id}", timeout=10)
        if ticket.status_code != 200:
            missing.append((ticket_id, ticket.status_code))
            continue
        messages = session.get(f"{restarted.base_url}/api/v1/tickets/{ticket_id}/messages", timeout=10).json()["items"]
        if not messages or messages[0]["text"] != text:
            missing.append((ticket_id, "first message"))
    numbers = [int(ticket_id.removeprefix("WD-")) for ticket_id, _ in created]
    assert len(set(numbers)) == len(numbers), "a ticket number was handed out twice"
    print(f"\n[{backend.kind}] {len(created)} tickets answered 201 before kill -9, {cut_off} requests cut off, "
          f"{len(created) - len(missing)} found after restart")
    assert not missing, f"{len(missing)} acknowledged tickets lost: {missing[:10]}"

    # The restarted server still works and goes on numbering after the survivors.
    after = session.post(f"{restarted.base_url}/api/v1/tickets", timeout=10,
                         json={"subject": "After the crash", "requester": {"id": customer_id}, "message": {"text": "still here"}})
    assert after.status_code == 201, after.text
    assert after.json()["ticket"]["number"] > max(numbers)
    assert restarted.terminate() == 0, restarted.log_tail()
