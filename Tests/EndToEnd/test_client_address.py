"""The client's address behind a reverse proxy: sign-in records name the address a trusted proxy forwarded, and a
client talking to the server directly cannot choose its own by sending the header itself."""

from __future__ import annotations

import requests

PASSWORD = "correct horse battery staple 42"


def agent_with_password(node, email: str) -> None:
    admin = {"Authorization": f"Bearer {node.token}"}
    created = requests.post(f"{node.base_url}/api/v1/agents", json={"name": "Proxy Agent", "email": email, "role": "agent"}, headers=admin, timeout=10)
    assert created.status_code == 201, created.text
    issued = requests.post(f"{node.base_url}/api/v1/agents/{created.json()['id']}/password-setup", headers=admin, timeout=10)
    assert issued.status_code == 201, issued.text
    code = issued.json()["link"].split("code=")[1]
    done = requests.post(f"{node.base_url}/api/v1/password/set", json={"code": code, "password": PASSWORD}, timeout=10)
    assert done.status_code in (200, 204), done.text


def sign_in_addresses(node, email: str, forwarded_for: list[str]) -> list[str]:
    """Signs in once per X-Forwarded-For value (one failure first) and returns the addresses the account's history shows."""
    session = requests.Session()
    wrong = session.post(f"{node.base_url}/api/v1/sessions", json={"email": email, "password": "not it"},
                         headers={"X-Forwarded-For": forwarded_for[0]}, timeout=10)
    assert wrong.status_code == 401, wrong.text
    for value in forwarded_for:
        ok = session.post(f"{node.base_url}/api/v1/sessions", json={"email": email, "password": PASSWORD},
                          headers={"X-Forwarded-For": value}, timeout=10)
        assert ok.status_code == 201, ok.text
    history = session.get(f"{node.base_url}/api/v1/me/sign-ins", timeout=10)
    assert history.status_code == 200, history.text
    return [item["ip"] for item in history.json()["items"]]


def test_loopback_proxy_forwards_the_client_address(make_backend, launcher):
    # Default configuration: a proxy on the same host (loopback) is trusted.
    node = launcher.start(make_backend(), env={"WALLETDESK_BCRYPT_COST": "4"})
    node.complete_setup()
    agent_with_password(node, "proxy@e2e.example.com")
    # nginx appends the address it saw; a forged entry on the left is not believed.
    addresses = sign_in_addresses(node, "proxy@e2e.example.com", ["203.0.113.7", "198.51.100.23, 203.0.113.8", "[2001:db8::7]:443"])
    assert sorted(addresses) == sorted(["203.0.113.7", "203.0.113.7", "203.0.113.8", "2001:db8::7"]), addresses
    assert node.terminate() == 0


def test_untrusted_peer_cannot_pick_its_address(make_backend, launcher):
    # Trusting no proxy: the header is ignored and the connection's own address is recorded.
    node = launcher.start(make_backend(), env={"WALLETDESK_BCRYPT_COST": "4", "WALLETDESK_TRUSTED_PROXIES": ""})
    node.complete_setup()
    agent_with_password(node, "direct@e2e.example.com")
    addresses = sign_in_addresses(node, "direct@e2e.example.com", ["203.0.113.7"])
    assert addresses == ["127.0.0.1", "127.0.0.1"], addresses
    assert node.terminate() == 0
