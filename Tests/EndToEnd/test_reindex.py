"""Ticket search after a merge, and `walletdesk reindex` on a live deployment: beside a running server on PostgreSQL,
refused beside one on SQLite (whose single writer the server holds) and run with the server stopped."""

from __future__ import annotations

import re
import subprocess

import requests

from conftest import BINARY


def search(node, text: str) -> list[str]:
    response = requests.get(
        f"{node.base_url}/api/v1/search/tickets", params={"q": text}, headers={"Authorization": f"Bearer {node.token}"}, timeout=10
    )
    assert response.status_code == 200, response.text
    return [ticket["id"] for ticket in response.json()["items"]]


def create(node, subject: str, email: str, text: str) -> dict:
    response = requests.post(
        f"{node.base_url}/api/v1/tickets",
        json={"subject": subject, "requester": {"email": email, "language": "zh-CN"}, "message": {"text": text, "author": "customer"}},
        headers={"Authorization": f"Bearer {node.token}"}, timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()["ticket"]


def reindex(backend) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BINARY, "reindex", "--log-level", "warning", "--batch-size", "2", *backend.args], capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )


def reports_stale_index(launcher, backend) -> bool:
    """Starts a server on the backend and stops it: whether it said the search indexes need a rebuild."""
    node = launcher.start(backend, expect_setup_code=False)
    assert node.terminate() == 0
    return "written by an older text segmenter" in node.stderr_path.read_text(errors="replace")


def test_merge_then_reindex(make_backend, launcher):
    backend = make_backend()
    node = launcher.start(backend)
    node.complete_setup()
    source = create(node, "助记词泄露 reindex", "reindex-a@example.com", "有人冒充客服索要助记词")
    target = create(node, "资产被盗 reindex", "reindex-a@example.com", "钱包被转走")
    for index in range(3):
        create(node, f"Other {index}", f"reindex-{index}@example.com", "unrelated words")
    merged = requests.post(
        f"{node.base_url}/api/v1/tickets/{source['id']}/merge", json={"into": target["id"]},
        headers={"Authorization": f"Bearer {node.token}"}, timeout=10,
    )
    assert merged.status_code == 200, merged.text
    # The moved message's words find the ticket it moved to; the source is still found by its own subject.
    assert search(node, "冒充客服") == [target["id"]]
    assert search(node, "助记词泄露") == [source["id"]]

    # An index written by an older segmenter (as after an upgrade that changed it) is reported at start.
    backend.execute("UPDATE settings SET value = '1' WHERE key = 'search_index_version'")

    if backend.kind == "sqlite":
        refused = reindex(backend)
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "stop the server" in refused.stdout
        assert node.alive()
        token = node.token
        assert node.terminate() == 0
        assert reports_stale_index(launcher, backend)
        result = reindex(backend)
        node = launcher.start(backend, expect_setup_code=False)
        node.token = token
    else:
        # Beside the running server, even when the index lost every row.
        assert reports_stale_index(launcher, backend)
        backend.execute("DELETE FROM ticket_search")
        assert search(node, "冒充客服") == []
        result = reindex(backend)
    assert result.returncode == 0, result.stdout + result.stderr
    counts = re.search(r"Ticket search index: (\d+) tickets and (\d+) messages in (\d+) transactions", result.stdout)
    assert counts, result.stdout
    # 5 tickets with their first messages plus the two merge notes, 2 tickets per transaction.
    assert counts.groups() == ("5", "7", "3")
    assert re.search(r"Help-center index: \d+ article translations", result.stdout)
    assert search(node, "冒充客服") == [target["id"]]
    assert search(node, "助记词泄露") == [source["id"]]
    assert len(search(node, "unrelated")) == 3
    assert search(node, "reindex-2@example.com") and search(node, "reindex-a@example.com")
    # The rebuild is recorded: a start after it has nothing to report.
    if backend.kind == "sqlite":
        assert "older text segmenter" not in node.stderr_path.read_text(errors="replace")
    else:
        assert not reports_stale_index(launcher, backend)
