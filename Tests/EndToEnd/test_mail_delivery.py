"""Outgoing mail end to end, against a real SMTP peer (aiosmtpd on loopback): a customer's one-time code and an agent's
lock notice arrive with correct headers and decoded Chinese text, the code read from the mail signs the customer in,
4xx is retried until the peer accepts, 5xx is given up on, a kill -9 before delivery loses nothing, and STARTTLS with
AUTH works against a self-signed certificate trusted through --smtp-ca-file (and TLS from the first byte with smtps://), and
two nodes on one PostgreSQL send each message once."""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
import subprocess
import threading
import time

import pytest
import requests

from conftest import free_port

# A hard import: without aiosmtpd (Tests/EndToEnd/requirements.txt) this module fails rather than skipping unseen.
import aiosmtpd.controller as aiosmtpd_controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402

SENDER = "WalletDesk 客服 <support@desk.e2e.example>"
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
PHRASE = "蓝色海豚 tango"


class Peer:
    """An SMTP server that keeps what it accepts and answers DATA as told: accept, 451 or 550."""

    def __init__(self):
        self.mode = "accept"
        self.received: list[dict] = []
        self.attempts = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.attempts += 1
            if self.mode == "451":
                return "451 4.3.0 mailbox busy, try later"
            if self.mode == "550":
                return "550 5.7.1 message refused by policy"
            self.received.append({
                "from": envelope.mail_from, "to": list(envelope.rcpt_tos), "content": envelope.content,
                "tls": session.ssl is not None, "login": getattr(session, "login_data", None),
            })
        return "250 2.0.0 queued"

    def messages_to(self, address: str) -> list[email.message.EmailMessage]:
        with self.lock:
            return [email.message_from_bytes(m["content"], policy=email.policy.default) for m in self.received if address in m["to"]]

    def wait_for(self, address: str, timeout: float = 15.0) -> email.message.EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages_to(address)
            if found:
                return found[-1]
            time.sleep(0.1)
        raise AssertionError(f"no mail to {address} within {timeout} s")


@pytest.fixture(scope="module")
def peer(backend_kind):
    """One SMTP peer per backend, so mail from the SQLite run is not mistaken for the PostgreSQL run's."""
    handler = Peer()
    controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def mail_env(port: int, **extra) -> dict[str, str]:
    env = {
        "WALLETDESK_BCRYPT_COST": "4", "WALLETDESK_SMTP_URL": f"smtp://127.0.0.1:{port}", "WALLETDESK_MAIL_FROM": SENDER,
        "WALLETDESK_MAIL_RETRY_BASE_SECONDS": "1", "WALLETDESK_MAIL_MAX_ATTEMPTS": "20", "WALLETDESK_SIGNIN_LOCK_AFTER": "3",
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def node(make_backend, launcher, peer):
    _, port = peer
    node = launcher.start(make_backend(), env=mail_env(port))
    node.complete_setup()
    yield node
    assert node.terminate() == 0, node.log_tail()


def admin(node) -> dict:
    return {"Authorization": f"Bearer {node.token}"}


def new_customer(node, address: str, language: str = "zh-CN", phrase: str | None = None) -> str:
    created = requests.post(f"{node.base_url}/api/v1/customers", json={"name": "李伟", "email": address, "language": language},
                            headers=admin(node), timeout=10)
    assert created.status_code == 201, created.text
    customer = created.json()["id"]
    if phrase:
        set_phrase = requests.put(f"{node.base_url}/api/v1/customers/{customer}/anti-phishing-phrase", json={"phrase": phrase},
                                  headers=admin(node), timeout=10)
        assert set_phrase.status_code == 200, set_phrase.text
    return customer


def request_code(node, address: str, source_ip: str | None = None) -> None:
    """Asks for a code; `source_ip` (any 127.x.y.z) makes the request come from another loopback address, so tests that
    ask for many codes stay under the per-address send limit."""
    if source_ip is None:
        sent = requests.post(f"{node.base_url}/api/v1/customer/code", json={"email": address}, timeout=10)
        assert sent.status_code == 202, sent.text
        return
    import http.client
    import json

    connection = http.client.HTTPConnection("127.0.0.1", node.port, timeout=10, source_address=(source_ip, 0))
    try:
        connection.request("POST", "/api/v1/customer/code", body=json.dumps({"email": address}), headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        assert response.status == 202, response.read()
    finally:
        connection.close()


def outbox(node, **params) -> list[dict]:
    listed = requests.get(f"{node.base_url}/api/v1/outbox", params=params, headers=admin(node), timeout=10)
    assert listed.status_code == 200, listed.text
    return listed.json()["items"]


def outbox_row(node, masked: str, kind: str = "customer-sign-in-code") -> dict:
    rows = [row for row in outbox(node) if row["recipient"] == masked and row["kind"] == kind]
    assert rows, f"no outbox row for {masked}"
    return rows[0]


def wait_until(condition, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"{what} not reached within {timeout} s")


def test_customer_code_arrives_in_chinese_with_the_phrase_and_signs_in(node, peer):
    handler, _ = peer
    address = "li.wei@example.com"
    new_customer(node, address, phrase=PHRASE)
    requested = time.monotonic()
    request_code(node, address)
    message = handler.wait_for(address)
    assert time.monotonic() - requested < 5, "a sign-in code must arrive within seconds"

    assert message["Subject"] == "你的登录验证码"
    assert email.utils.parseaddr(message["From"]) == ("WalletDesk 客服", "support@desk.e2e.example")
    assert message["To"] == address
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert message["Content-Transfer-Encoding"] == "base64"
    assert re.fullmatch(r"<[0-9a-f-]+@desk\.e2e\.example>", message["Message-ID"]), message["Message-ID"]
    assert abs(email.utils.parsedate_to_datetime(message["Date"]).timestamp() - time.time()) < 120
    raw = handler.received[-1]["content"]
    assert all(byte < 128 for byte in raw), "the message travels as 7-bit ASCII"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")

    body = message.get_content()
    assert body.splitlines()[0].find(PHRASE) >= 0, f"the anti-phishing phrase comes first:\n{body}"
    assert "请勿直接回复" in body
    code = CODE.search(body).group(1)
    signed_in = requests.post(f"{node.base_url}/api/v1/customer/sign-in", json={"email": address, "code": code}, timeout=10)
    assert signed_in.status_code == 200, signed_in.text

    row = outbox_row(node, "l***@example.com")
    assert row["state"] == "sent" and row["attempts"] == 1 and row["sentAt"] and row["lastError"] is None
    listing = requests.get(f"{node.base_url}/api/v1/outbox", headers=admin(node), timeout=10).text
    assert code not in listing and address not in listing and "subject" not in listing and "body" not in listing
    assert code not in node.stderr_path.read_text(errors="replace"), "the one-time code must never be logged"


def test_locked_agent_is_told_in_their_language(node, peer):
    handler, _ = peer
    address = "locked.agent@e2e.example.com"
    created = requests.post(f"{node.base_url}/api/v1/agents", json={"name": "Locked", "email": address, "role": "agent"},
                            headers=admin(node), timeout=10)
    assert created.status_code == 201, created.text
    for _ in range(3):
        attempt = requests.post(f"{node.base_url}/api/v1/sessions", json={"email": address, "password": "not the password"},
                                headers={"Accept-Language": "zh-TW"}, timeout=10)
        assert attempt.status_code in (401, 403, 423, 429), attempt.text
    message = handler.wait_for(address)
    assert message["Subject"] == "你的 WalletDesk 帳號已被暫時鎖定"
    assert "帳號已被鎖定" in message.get_content()
    assert outbox_row(node, "l***@e2e.example.com", kind="account-locked")["state"] == "sent"


def test_transient_refusal_is_retried_until_accepted(node, peer):
    handler, _ = peer
    address = "retry@example.com"
    new_customer(node, address, language="en")
    handler.mode = "451"
    try:
        before = handler.attempts
        request_code(node, address)
        wait_until(lambda: handler.attempts >= before + 2, what="two refused attempts")
        row = outbox_row(node, "r***@example.com")
        assert row["state"] in ("queued", "sending") and row["attempts"] >= 1
        assert "451" in (row["lastError"] or "") and row["failedAt"] is None
        assert not handler.messages_to(address)
    finally:
        handler.mode = "accept"
    message = handler.wait_for(address, timeout=20)
    assert message["Subject"] == "Your sign-in code"
    assert len(handler.messages_to(address)) == 1
    row = wait_until(lambda: (r := outbox_row(node, "r***@example.com"))["state"] == "sent" and r, what="row marked sent")
    assert row["attempts"] >= 3


def test_permanent_refusal_is_given_up(node, peer):
    handler, _ = peer
    address = "refused@example.com"
    new_customer(node, address, language="en")
    handler.mode = "550"
    try:
        before = handler.attempts
        request_code(node, address)
        row = wait_until(lambda: (r := outbox_row(node, "r***@example.com"))["state"] == "failed" and r, what="row marked failed")
        assert row["attempts"] == 1 and row["failedAt"] and "550" in row["lastError"] and "refused@" not in row["lastError"]
        time.sleep(2.5)
        assert handler.attempts == before + 1, "a permanent refusal is not retried"
    finally:
        handler.mode = "accept"
    assert not handler.messages_to(address)
    assert [r["recipient"] for r in outbox(node, state="failed")] == ["r***@example.com"]


def test_kill9_before_delivery_still_delivers_after_restart(make_backend, launcher, peer):
    handler, port = peer
    backend = make_backend()
    # No SMTP server yet: the code is queued, and the admin is told once that mail is not delivered.
    first = launcher.start(backend, env={"WALLETDESK_BCRYPT_COST": "4"})
    first.complete_setup()
    address = "crash@example.com"
    new_customer(first, address)
    request_code(first, address)
    time.sleep(1.5)
    assert outbox_row(first, "c***@example.com")["state"] == "queued"
    assert first.stderr_path.read_text(errors="replace").count("mail is not delivered") == 1
    first.kill9()

    second = launcher.start(backend, env=mail_env(port), expect_setup_code=False)
    second.token = first.token
    message = handler.wait_for(address)
    code = CODE.search(message.get_content()).group(1)
    signed_in = requests.post(f"{second.base_url}/api/v1/customer/sign-in", json={"email": address, "code": code}, timeout=10)
    assert signed_in.status_code == 200, signed_in.text
    assert len(handler.messages_to(address)) == 1
    assert second.terminate() == 0, second.log_tail()


class AuthCheck:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"desk" and auth_data.password == b"s3cret pass"
        return AuthResult(success=ok, handled=False)


def self_signed(tmp_path):
    """A certificate for localhost made for this test, and a server TLS context holding it."""
    import ssl

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    return cert, context


def test_implicit_tls_smtps(make_backend, launcher, tmp_path):
    cert, context = self_signed(tmp_path)
    handler = Peer()
    # aiosmtpd does not count TLS from the first byte as TLS for AUTH, so it is told not to require it (the link is TLS).
    controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=free_port(), ssl_context=context,
                                                authenticator=AuthCheck(), auth_require_tls=False)
    controller.start()
    try:
        node = launcher.start(make_backend(), env=mail_env(
            controller.port, WALLETDESK_SMTP_URL=f"smtps://desk:s3cret%20pass@localhost:{controller.port}", WALLETDESK_SMTP_CA_FILE=str(cert)))
        node.complete_setup()
        new_customer(node, "smtps@example.com", language="zh-TW")
        request_code(node, "smtps@example.com")
        message = handler.wait_for("smtps@example.com")
        assert message["Subject"] == "你的登入驗證碼"
        assert CODE.search(message.get_content())
        assert node.terminate() == 0
    finally:
        controller.stop()


def test_starttls_with_auth_and_a_private_ca(make_backend, launcher, tmp_path):
    cert, context = self_signed(tmp_path)
    handler = Peer()
    controller = aiosmtpd_controller.Controller(
        handler, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True, authenticator=AuthCheck(),
        auth_require_tls=True,
    )
    controller.start()
    try:
        url = f"smtp://desk:s3cret%20pass@localhost:{controller.port}"
        # Without the CA the self-signed certificate is not trusted: nothing is sent, the failure is visible.
        untrusting = launcher.start(make_backend(), env=mail_env(controller.port, WALLETDESK_SMTP_URL=url, WALLETDESK_SMTP_STARTTLS="required"))
        untrusting.complete_setup()
        new_customer(untrusting, "tls@example.com")
        request_code(untrusting, "tls@example.com")
        row = wait_until(lambda: (r := outbox_row(untrusting, "t***@example.com"))["lastError"] and r, what="a TLS failure recorded")
        assert "TLS" in row["lastError"] or "certificate" in row["lastError"].lower(), row["lastError"]
        assert not handler.received
        log = untrusting.stderr_path.read_text(errors="replace")
        assert "s3cret" not in log and "smtp://desk:***@localhost" in log
        assert untrusting.terminate() == 0

        trusting = launcher.start(make_backend(), env=mail_env(controller.port, WALLETDESK_SMTP_URL=url, WALLETDESK_SMTP_STARTTLS="required",
                                                                WALLETDESK_SMTP_CA_FILE=str(cert)))
        trusting.complete_setup()
        new_customer(trusting, "tls@example.com")
        request_code(trusting, "tls@example.com")
        message = handler.wait_for("tls@example.com")
        assert handler.received[-1]["tls"], "the message went over TLS"
        assert message["Subject"] == "你的登录验证码"
        assert "s3cret" not in trusting.stderr_path.read_text(errors="replace")
        assert trusting.terminate() == 0
    finally:
        controller.stop()


def test_two_nodes_on_one_database_send_each_mail_once(backend_kind, make_backend, launcher, peer):
    if backend_kind != "postgres":
        pytest.skip("several nodes share one database only on PostgreSQL")
    handler, port = peer
    backend = make_backend()
    first = launcher.start(backend, env=mail_env(port))
    first.complete_setup()
    second = launcher.start(backend, env=mail_env(port), expect_setup_code=False)
    addresses = [f"twonodes{index}@example.com" for index in range(40)]
    for address in addresses:
        new_customer(first, address, language="en")
    # Both nodes write and deliver at once, each taking rows as they come due.
    for index, address in enumerate(addresses):
        request_code(first if index % 2 else second, address, source_ip=f"127.0.3.{index + 1}")
    wait_until(lambda: all(handler.messages_to(a) for a in addresses), timeout=30, what="every code delivered")
    time.sleep(1.5)
    ids = [m["Message-ID"] for a in addresses for m in handler.messages_to(a)]
    assert len(ids) == len(addresses) == len(set(ids)), "a message was sent twice"
    assert first.terminate() == 0 and second.terminate() == 0


def test_mail_commands_with_flags(make_backend, launcher, peer):
    """`walletdesk mail test` checks the settings given as flags; `walletdesk mail deliver` empties the outbox by hand."""
    from conftest import BINARY

    handler, port = peer
    flags = ["--smtp-url", f"smtp://127.0.0.1:{port}", "--mail-from", SENDER]
    sent = subprocess.run([BINARY, "mail", "test", "--to", "ops@example.com", "--language", "en", *flags],
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert handler.wait_for("ops@example.com")["Subject"] == "WalletDesk test email"
    handler.mode = "550"
    try:
        refused = subprocess.run([BINARY, "mail", "test", "--to", "ops@example.com", *flags],
                                 capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    finally:
        handler.mode = "accept"
    assert refused.returncode == 1 and "550" in refused.stdout and "permanent" in refused.stdout

    backend = make_backend()
    node = launcher.start(backend, env={"WALLETDESK_BCRYPT_COST": "4"})
    node.complete_setup()
    new_customer(node, "by-hand@example.com")
    request_code(node, "by-hand@example.com")
    assert node.terminate() == 0
    delivered = subprocess.run([BINARY, "mail", "deliver", *backend.args, *flags], capture_output=True, text=True, timeout=60,
                               env={"PATH": "/usr/bin:/bin"})
    assert delivered.returncode == 0, delivered.stdout + delivered.stderr
    assert "outbox rows tried: 1" in delivered.stdout
    assert CODE.search(handler.wait_for("by-hand@example.com", timeout=2).get_content())
