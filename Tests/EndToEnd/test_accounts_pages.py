"""Agent sign-in through the real pages with a cookie jar: set a password with a one-time code, sign in, use the API
with the session cookie (CSRF enforced), sign out; an admin enrols TOTP during sign-in and gets recovery codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import re
import struct
import time

import pytest
import requests

PASSWORD = "a long enough passphrase"
CSRF_FIELD = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


@pytest.fixture(scope="module")
def node(make_backend, launcher):
    """A server with the lowest bcrypt cost, set up with an admin who has a password."""
    node = launcher.start(make_backend(), env={"WALLETDESK_BCRYPT_COST": "4"})
    response = requests.post(
        f"{node.base_url}/api/v1/setup",
        json={"code": node.setup_code, "name": "Root", "email": "root@e2e.example.com", "password": PASSWORD}, timeout=10,
    )
    assert response.status_code == 201, response.text
    node.token = response.json()["token"]
    yield node
    assert node.terminate() == 0, node.log_tail()


def csrf_of(page: requests.Response) -> str:
    match = CSRF_FIELD.search(page.text)
    assert match, f"no CSRF field in:\n{page.text[:2000]}"
    return match.group(1)


def totp(manual_key: str, at: float) -> str:
    key = base64.b32decode(manual_key.replace(" ", "") + "=" * (-len(manual_key.replace(" ", "")) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def new_agent_with_code(node, email: str, role: str = "agent") -> str:
    admin = {"Authorization": f"Bearer {node.token}"}
    created = requests.post(f"{node.base_url}/api/v1/agents", json={"name": "Page Agent", "email": email, "role": role}, headers=admin, timeout=10)
    assert created.status_code == 201, created.text
    issued = requests.post(f"{node.base_url}/api/v1/agents/{created.json()['id']}/password-setup", headers=admin, timeout=10)
    assert issued.status_code == 201, issued.text
    return issued.json()["link"]


def test_set_password_sign_in_use_api_sign_out(node):
    browser = requests.Session()
    link = new_agent_with_code(node, "pages@e2e.example.com")

    form = browser.get(node.base_url + link, timeout=10)
    assert form.status_code == 200
    code = link.split("code=")[1]
    assert f'value="{code}"' in form.text
    # Without the form's CSRF token nothing is set.
    refused = browser.post(node.base_url + "/password/set", data={"code": code, "password": PASSWORD}, timeout=10)
    assert refused.status_code == 403
    done = browser.post(node.base_url + "/password/set", data={"code": code, "password": PASSWORD, "csrf": csrf_of(form)}, timeout=10)
    assert done.status_code == 200, done.text
    assert 'href="/signin"' in done.text

    page = browser.get(node.base_url + "/signin?lang=en", timeout=10)
    assert page.status_code == 200
    wrong = browser.post(
        node.base_url + "/signin", data={"email": "pages@e2e.example.com", "password": "not the password", "csrf": csrf_of(page)},
        allow_redirects=False, timeout=10,
    )
    assert wrong.status_code == 401
    unknown = browser.post(
        node.base_url + "/signin", data={"email": "nobody@e2e.example.com", "password": "not the password", "csrf": csrf_of(page)},
        allow_redirects=False, timeout=10,
    )
    # Same words whether or not the email exists.
    assert re.search(r'role="alert">([^<]*)<', wrong.text).group(1) == re.search(r'role="alert">([^<]*)<', unknown.text).group(1)

    signed_in = browser.post(
        node.base_url + "/signin", data={"email": "pages@e2e.example.com", "password": PASSWORD, "csrf": csrf_of(page)},
        allow_redirects=False, timeout=10,
    )
    assert signed_in.status_code == 303
    assert signed_in.headers["Location"] == "/console"
    cookie = [value for name, value in signed_in.raw.headers.items() if name.lower() == "set-cookie" and value.startswith("wd_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie

    account = browser.get(node.base_url + "/account", allow_redirects=False, timeout=10)
    assert account.status_code == 200
    assert "pages@e2e.example.com" in html.unescape(account.text)
    csrf = csrf_of(account)

    # The session cookie signs API calls in; changes need the CSRF token.
    me = browser.get(node.base_url + "/api/v1/me", timeout=10)
    assert me.status_code == 200 and me.json()["email"] == "pages@e2e.example.com"
    ticket = {"subject": "Cookie ticket", "requester": {"email": "cookie-customer@example.com"}, "message": {"text": "Hello", "author": "customer"}}
    assert browser.post(node.base_url + "/api/v1/tickets", json=ticket, timeout=10).status_code == 403
    assert browser.post(node.base_url + "/api/v1/tickets", json=ticket, headers={"X-CSRF-Token": csrf}, timeout=10).status_code == 201
    history = browser.get(node.base_url + "/api/v1/me/sign-ins", timeout=10).json()["items"]
    assert [item["success"] for item in history] == [True, False]

    assert browser.post(node.base_url + "/signout", data={}, allow_redirects=False, timeout=10).status_code == 403
    out = browser.post(node.base_url + "/signout", data={"csrf": csrf}, allow_redirects=False, timeout=10)
    assert out.status_code == 303 and out.headers["Location"] == "/signin"
    assert browser.get(node.base_url + "/account", allow_redirects=False, timeout=10).status_code == 303
    assert browser.get(node.base_url + "/api/v1/me", timeout=10).status_code == 401


def test_admin_enrols_totp_while_signing_in(node):
    browser = requests.Session()
    page = browser.get(node.base_url + "/signin", timeout=10)
    pending = browser.post(
        node.base_url + "/signin", data={"email": "root@e2e.example.com", "password": PASSWORD, "csrf": csrf_of(page)},
        allow_redirects=False, timeout=10,
    )
    assert pending.status_code == 303 and pending.headers["Location"] == "/signin/2fa"
    # The password alone opens nothing.
    assert browser.get(node.base_url + "/api/v1/me", timeout=10).status_code == 401
    assert browser.get(node.base_url + "/account", allow_redirects=False, timeout=10).status_code == 303

    enrol = browser.get(node.base_url + "/signin/2fa", timeout=10)
    assert enrol.status_code == 200
    assert "otpauth://totp/" in enrol.text
    manual_key = re.search(r'<pre class="manual-key">([A-Z2-7 ]+)</pre>', enrol.text).group(1)
    wrong = browser.post(node.base_url + "/signin/2fa", data={"code": "000000" if totp(manual_key, time.time()) != "000000" else "111111",
                                                               "csrf": csrf_of(enrol)}, timeout=10)
    assert wrong.status_code == 401
    done = browser.post(node.base_url + "/signin/2fa", data={"code": totp(manual_key, time.time()), "csrf": csrf_of(wrong)}, timeout=10)
    assert done.status_code == 200, done.text
    codes = re.findall(r"<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>", done.text)
    assert len(codes) == 10
    assert browser.get(node.base_url + "/api/v1/audit", timeout=10).status_code == 200

    # Later: password + a recovery code, once.
    for attempt, expected in ((0, 303), (1, 401)):
        other = requests.Session()
        page = other.get(node.base_url + "/signin", timeout=10)
        other.post(node.base_url + "/signin", data={"email": "root@e2e.example.com", "password": PASSWORD, "csrf": csrf_of(page)}, timeout=10)
        form = other.get(node.base_url + "/signin/2fa", timeout=10)
        assert "otpauth://" not in form.text
        result = other.post(node.base_url + "/signin/2fa", data={"recovery": codes[0], "csrf": csrf_of(form)}, allow_redirects=False, timeout=10)
        assert result.status_code == expected, (attempt, result.text[:500])
