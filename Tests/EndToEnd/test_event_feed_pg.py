"""Two server processes on one PostgreSQL database: what one node writes, the other reads at once, and ticket numbers
stay unique when both create at the same time."""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import NO_PG_REASON, PG_ADMIN_URL

PER_NODE = 200
THREADS_PER_NODE = 4


@pytest.fixture(scope="module")
def backend_kind() -> str:
    if not PG_ADMIN_URL:
        pytest.skip(NO_PG_REASON)
    return "postgres"


@pytest.fixture(scope="module")
def node_a(server):
    return server


@pytest.fixture(scope="module")
def node_b(server, launcher):
    node = launcher.start(server.backend, expect_setup_code=False)  # the database already has its admin: no code
    node.token = server.token
    yield node
    assert node.terminate() == 0, node.log_tail()


@pytest.fixture(scope="module")
def a(node_a, client_for):
    return client_for(node_a)


@pytest.fixture(scope="module")
def b(node_b, client_for):
    return client_for(node_b)


def test_second_node_prints_no_setup_code(node_b):
    assert "one-time code" not in node_b.stdout()


def test_writes_on_one_node_are_read_on_the_other(a, b):
    customer = a.post("/api/v1/customers", {"email": f"{secrets.token_hex(4)}@example.com", "language": "en"}, expect=201).json()
    assert b.get(f"/api/v1/customers/{customer['id']}", expect=200).json() == customer

    created = a.post("/api/v1/tickets", {"subject": "Deposit missing", "category": "deposit_missing", "requester": {"id": customer["id"]},
                                         "message": {"text": "I sent 0.5 BTC an hour ago.", "author": "customer"}}, expect=201).json()
    ticket = created["ticket"]
    path = f"/api/v1/tickets/{ticket['id']}"
    assert b.get(path, expect=200).json() == ticket

    changed = b.patch(path, {"priority": "urgent", "tags": ["btc"]}, headers={"If-Match": '"1"'}, expect=200).json()
    assert a.get(path, expect=200).json() == changed
    conflict = a.patch(path, {"priority": "low"}, headers={"If-Match": '"1"'})
    assert conflict.status_code == 409 and conflict.json()["code"] == "version-conflict"

    reply = a.post(f"{path}/messages", {"text": "We are checking the chain.", "status": "pending"}, expect=201).json()
    messages = b.get(f"{path}/messages", expect=200).json()["items"]
    assert [m["id"] for m in messages] == [created["message"]["id"], reply["message"]["id"]]
    assert b.get(path, expect=200).json()["status"] == "pending"

    events_a = a.get(f"{path}/events", expect=200).json()["items"]
    events_b = b.get(f"{path}/events", expect=200).json()["items"]
    assert events_a == events_b
    assert [e["kind"] for e in events_b] == ["ticket.created", "message.added", "ticket.updated", "message.added", "ticket.status_changed"]
    ids = [e["id"] for e in events_b]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_a_conversation_cached_on_one_node_shows_what_the_other_wrote(a, b):
    """Each node keeps recently served conversations; the other node's writes must show on the very next read."""
    created = a.post("/api/v1/tickets", {"subject": "USDT withdrawal pending", "requester": {"email": f"{secrets.token_hex(4)}@example.com"},
                                         "message": {"text": "Still pending after 2 hours.", "author": "customer"}}, expect=201).json()
    path = f"/api/v1/tickets/{created['ticket']['id']}/messages"
    for _ in range(3):  # served, then served again from node A's cache
        assert len(a.get(path, expect=200).json()["items"]) == 1
    for round_ in range(5):
        b.post(path, {"text": f"Update {round_} from node B", "visibility": "internal" if round_ % 2 else "public"}, expect=201)
        items = a.get(path, expect=200).json()["items"]
        assert len(items) == round_ + 2 and items[-1]["text"] == f"Update {round_} from node B"

    # A merge done on node B moves the conversation: node A's cached copy of the target must not hide it.
    other = b.post("/api/v1/tickets", {"subject": "Same problem", "requester": {"email": f"{secrets.token_hex(4)}@example.com"},
                                       "message": {"text": "Second report.", "author": "customer"}}, expect=201).json()
    before = len(a.get(path, expect=200).json()["items"])
    b.post(f"/api/v1/tickets/{other['ticket']['id']}/merge", {"into": created["ticket"]["id"]}, expect=200)
    after = a.get(path, expect=200).json()["items"]
    assert len(after) > before and any(m["text"] == "Second report." for m in after)


def test_a_ticket_cached_on_one_node_shows_what_the_other_changed(a, b):
    """Tickets are cached like conversations: node B's change (and its new ETag) shows on node A's very next read."""
    created = a.post("/api/v1/tickets", {"subject": "Deposit missing", "requester": {"email": f"{secrets.token_hex(4)}@example.com"},
                                         "message": {"text": "Sent 50 USDT, nothing arrived.", "author": "customer"}}, expect=201).json()
    path = f"/api/v1/tickets/{created['ticket']['id']}"
    first = a.get(path, expect=200)
    assert a.get(path, expect=200).headers["ETag"] == first.headers["ETag"]  # served again from node A's cache
    for priority in ["high", "urgent", "low"]:
        changed = b.patch(path, {"priority": priority}, expect=200)
        seen = a.get(path, expect=200)
        assert seen.json()["priority"] == priority
        assert seen.headers["ETag"] == changed.headers["ETag"] != first.headers["ETag"]


def test_a_token_revoked_on_one_node_stops_working_on_the_other_at_once(a, b):
    """Nodes cache bearer tokens for 5 s; a revocation (or an agent's demotion) reaches the other node by NOTIFY first."""
    import time

    agent = a.post("/api/v1/agents", {"name": "Node Test", "email": f"{secrets.token_hex(4)}@example.com", "role": "security"}, expect=201).json()
    issued = a.post("/api/v1/tokens", {"name": "two-nodes", "scopes": ["admin"], "agentId": agent["id"]}, expect=201).json()
    on_b = b.with_token(issued["token"])

    # Demoted on A: B stops granting the security team's audit log well before its 5 s cache would have expired.
    assert on_b.get("/api/v1/audit", expect=200).status_code == 200  # cached on B now
    a.patch(f"/api/v1/agents/{agent['id']}", {"role": "agent"}, expect=200)
    started = time.monotonic()
    while on_b.get("/api/v1/audit").status_code == 200 and time.monotonic() - started < 5:
        time.sleep(0.05)
    assert time.monotonic() - started < 2.5, "the role change reached node B only when its token cache expired"

    # Revoked on A: refused on B just as fast.
    assert on_b.get("/api/v1/me", expect=200).json()["id"] == agent["id"]
    a.request("DELETE", f"/api/v1/tokens/{issued['record']['id']}", expect=200)
    started = time.monotonic()
    while on_b.get("/api/v1/me").status_code == 200 and time.monotonic() - started < 5:
        time.sleep(0.05)
    assert time.monotonic() - started < 2.5, "the revocation reached node B only when its token cache expired"
    assert on_b.get("/api/v1/me").status_code == 401


def test_concurrent_creates_on_both_nodes_get_unique_numbers(node_a, node_b, a):
    customer = a.post("/api/v1/customers", {"email": f"{secrets.token_hex(4)}@example.com"}, expect=201).json()
    tag = f"race-{secrets.token_hex(3)}"

    def create(args):
        node, index = args
        response = requests.post(
            f"{node.base_url}/api/v1/tickets", timeout=30, headers={"Authorization": f"Bearer {node.token}"},
            json={"subject": f"Race {index}", "tags": [tag], "requester": {"id": customer["id"]}, "message": {"text": f"race {index}", "author": "customer"}},
        )
        return response.status_code, (response.json()["ticket"]["number"] if response.status_code == 201 else response.text[:300])

    jobs = [(node, i) for i in range(PER_NODE) for node in (node_a, node_b)]
    with ThreadPoolExecutor(max_workers=2 * THREADS_PER_NODE) as pool:
        results = list(pool.map(create, jobs, timeout=300))
    failures = [r for r in results if r[0] != 201]
    assert not failures, failures[:10]
    numbers = [number for _, number in results]
    assert len(numbers) == 2 * PER_NODE and len(set(numbers)) == len(numbers), "duplicate ticket numbers"

    listed, cursor = [], None
    for _ in range(5):
        page = a.get("/api/v1/tickets", params={"tag": tag, "limit": 200, **({"cursor": cursor} if cursor else {})}, expect=200).json()
        listed += [t["number"] for t in page["items"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert sorted(listed) == sorted(numbers)
    print(f"\n{len(numbers)} concurrent creates on two nodes: numbers {min(numbers)}..{max(numbers)}, all unique")
