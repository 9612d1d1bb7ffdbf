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


def test_public_checks_are_limited_per_client_address(make_backend, launcher):
    # Default limit: 60 checks a minute per address, counted across the verify endpoints and the /verify page.
    node = launcher.start(make_backend())
    node.complete_setup()
    base = node.base_url

    def check(address: str, language: str = "en") -> requests.Response:
        return requests.get(f"{base}/api/v1/verify", params={"value": "imwallet.com"},
                            headers={"X-Forwarded-For": address, "Accept-Language": language}, timeout=10)

    for n in range(50):
        assert check("203.0.113.50").status_code == 200, n
    for n in range(10):
        message = requests.get(f"{base}/api/v1/verify/message", params={"code": "WD-ABCD-EFGH"},
                               headers={"X-Forwarded-For": "203.0.113.50"}, timeout=10)
        assert message.status_code == 200, (n, message.text)
    refused = check("203.0.113.50", "zh-CN")
    assert refused.status_code == 429, refused.text
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert 1 <= int(refused.headers["Retry-After"]) <= 2
    problem = refused.json()
    assert problem["type"] == "/problems/too-many-requests" and problem["title"] == "查询过于频繁"
    page = requests.post(f"{base}/verify", data={"value": "imwallet.com"}, headers={"X-Forwarded-For": "203.0.113.50"}, timeout=10)
    assert page.status_code == 429 and "Retry-After" in page.headers and "<form" in page.text
    # Another client behind the same proxy is not held back, and nothing else is limited.
    assert check("198.51.100.9").status_code == 200
    assert requests.get(f"{base}/healthz", headers={"X-Forwarded-For": "203.0.113.50"}, timeout=10).status_code == 200
    assert node.terminate() == 0
