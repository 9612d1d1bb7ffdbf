"""TOTP enrolment against a real server: the QR code (API field and the sign-in page's inline SVG) is rasterised here from
its path, decoded with zxing-cpp, and must read back as the otpauth URL; a code computed from that URL (pyotp) completes
enrolment. Afterwards the secret must not be found anywhere in the database, only sealed, and the key file is private."""

from __future__ import annotations

import base64
import html
import os
import re
import stat
import subprocess
import urllib.parse
from pathlib import Path

import pyotp
import pytest
import requests
import zxingcpp
from PIL import Image, ImageDraw

PASSWORD = "a long enough passphrase"
CSRF_FIELD = re.compile(r'name="csrf" value="([0-9a-f]{64})"')
RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z")


@pytest.fixture(scope="module")
def node(make_backend, launcher):
    node = launcher.start(make_backend(), env={"WALLETDESK_BCRYPT_COST": "4"})
    response = requests.post(
        f"{node.base_url}/api/v1/setup",
        json={"code": node.setup_code, "name": "Root", "email": "root@qr.example.com", "password": PASSWORD}, timeout=10,
    )
    assert response.status_code == 201, response.text
    node.token = response.json()["token"]
    yield node
    assert node.terminate() == 0, node.log_tail()


def rasterise(svg: str, scale: int = 6) -> Image.Image:
    """Draws the SVG's single path of module runs (`M x y h n v1 h -n z`) on white, as a scanner would see the screen."""
    view = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert view, svg[:200]
    side = int(view.group(1))
    assert 'shape-rendering="crispEdges"' in svg
    paths = re.findall(r'<path[^>]* d="([^"]+)"', svg)
    assert len(paths) == 1, "one path of dark modules"
    runs = RUN.findall(paths[0])
    # Every command of the path is a module run: nothing else hides in it.
    assert "".join(f"M{x} {y}h{n}v1h-{m}z" for x, y, n, m in runs) == paths[0]
    image = Image.new("L", (side * scale, side * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y, n, m in runs:
        x, y, n = int(x), int(y), int(n)
        assert n == int(m) and 4 <= x and x + n <= side - 4 and 4 <= y < side - 4, "dark modules stay inside the quiet zone"
        draw.rectangle([x * scale, y * scale, (x + n) * scale - 1, (y + 1) * scale - 1], fill=0)
    return image


def decode(svg: str) -> str:
    results = zxingcpp.read_barcodes(rasterise(svg), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1, "exactly one QR code found"
    return results[0].text


def agent_with_password(node, email: str, role: str) -> None:
    admin = {"Authorization": f"Bearer {node.token}"}
    created = requests.post(f"{node.base_url}/api/v1/agents", json={"name": "QR Agent", "email": email, "role": role}, headers=admin, timeout=10)
    assert created.status_code == 201, created.text
    issued = requests.post(f"{node.base_url}/api/v1/agents/{created.json()['id']}/password-setup", headers=admin, timeout=10)
    assert issued.status_code == 201, issued.text
    done = requests.post(f"{node.base_url}/api/v1/password/set", json={"code": issued.json()["code"], "password": PASSWORD}, timeout=10)
    assert done.status_code == 200, done.text


def stored_secrets(node) -> list[str]:
    """Every stored TOTP secret value, read straight from the database."""
    backend = node.backend
    query = "SELECT COALESCE(totp_secret, '') || '|' || COALESCE(totp_pending_secret, '') FROM agent_credentials"
    if backend.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(os.path.join(backend.location, "walletdesk.sqlite"), timeout=10) as connection:
            return [row[0] for row in connection.execute(query)]
    output = subprocess.run(["psql", backend.location, "-At", "-c", query], check=True, capture_output=True, text=True, timeout=60)
    return output.stdout.splitlines()


def secret_variants(url: str) -> list[bytes]:
    """The secret as the URL carries it (base32) and as the raw key bytes the server derives codes from."""
    base32 = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["secret"][0]
    raw = base64.b32decode(base32 + "=" * (-len(base32) % 8))
    return [base32.encode(), raw]


def test_api_enrolment_qr_decodes_to_the_url_and_its_code_signs_in(node):
    agent_with_password(node, "api-qr@qr.example.com", "admin")
    browser = requests.Session()
    signed_in = browser.post(f"{node.base_url}/api/v1/sessions", json={"email": "api-qr@qr.example.com", "password": PASSWORD}, timeout=10)
    assert signed_in.status_code == 201, signed_in.text
    assert signed_in.json()["state"] == "pending-second-factor"
    csrf = {"X-CSRF-Token": signed_in.json()["csrfToken"]}

    enrolment = browser.post(f"{node.base_url}/api/v1/sessions/second-factor/enrolment", headers=csrf, timeout=10)
    assert enrolment.status_code == 201, enrolment.text
    body = enrolment.json()
    url = body["otpauthUrl"]
    assert url.startswith("otpauth://totp/WalletDesk:") and body["manualKey"]
    assert decode(body["qrSvg"]) == url

    code = pyotp.parse_uri(decode(body["qrSvg"])).now()
    proven = browser.post(f"{node.base_url}/api/v1/sessions/second-factor", json={"code": code}, headers=csrf, timeout=10)
    assert proven.status_code == 200, proven.text
    assert len(proven.json()["recoveryCodes"]) == 10
    assert browser.get(f"{node.base_url}/api/v1/me", timeout=10).json()["email"] == "api-qr@qr.example.com"

    # Stored sealed: neither form of the secret is in the row, and every stored value carries the sealed prefix.
    values = [value for row in stored_secrets(node) for value in row.split("|") if value]
    assert values and all(value.startswith("wd1:") for value in values)
    for variant in secret_variants(url):
        assert all(variant not in value.encode() for value in values)


def test_sign_in_page_shows_the_qr_inline_and_the_secret_never_reaches_the_database_file(node):
    agent_with_password(node, "page-qr@qr.example.com", "security")
    browser = requests.Session()
    page = browser.get(f"{node.base_url}/signin?lang=zh-TW", timeout=10)
    pending = browser.post(
        f"{node.base_url}/signin", data={"email": "page-qr@qr.example.com", "password": PASSWORD, "csrf": CSRF_FIELD.search(page.text).group(1)},
        allow_redirects=False, timeout=10,
    )
    assert pending.status_code == 303 and pending.headers["Location"] == "/signin/2fa"
    enrol = browser.get(f"{node.base_url}/signin/2fa", timeout=10)
    assert enrol.status_code == 200
    svg = re.search(r'<figure class="totp-qr">(<svg.*?</svg>)</figure>', enrol.text, re.S)
    assert svg, enrol.text[:2000]
    assert "掃描" in svg.group(1), "the QR code's title is in the page's language"
    link = html.unescape(re.search(r'href="(otpauth://[^"]+)"', enrol.text).group(1))
    assert decode(svg.group(1)) == link
    assert re.search(r'<pre class="manual-key">([A-Z2-7 ]+)</pre>', enrol.text)

    done = browser.post(
        f"{node.base_url}/signin/2fa", data={"code": pyotp.parse_uri(link).now(), "csrf": CSRF_FIELD.search(enrol.text).group(1)}, timeout=10
    )
    assert done.status_code == 200, done.text
    assert len(re.findall(r"<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>", done.text)) == 10

    if node.backend.kind == "sqlite":
        # The whole database on disk (main file, write-ahead log, shared memory) holds no form of the secret.
        files = [path for path in Path(node.backend.location).iterdir() if path.name.startswith("walletdesk.sqlite")]
        assert files
        for path in files:
            content = path.read_bytes()
            for variant in secret_variants(link):
                assert variant not in content, f"{path.name} holds the TOTP secret"
        key = Path(node.backend.location) / "secret.key"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    else:
        values = [value for row in stored_secrets(node) for value in row.split("|") if value]
        for variant in secret_variants(link):
            assert all(variant not in value.encode() for value in values)


def test_a_node_with_another_key_says_so(node, launcher):
    """A second node on the same database with another key: the problem names the key; no wrong-code loop, no bare 500.

    A SQLite file serves one server at a time (the second would be refused), so there the first stops and the same data
    is served again with another key, as after a lost key file. This is the module's last test."""
    if node.backend.kind == "sqlite":
        assert node.terminate() == 0, node.log_tail()
    other = launcher.start(node.backend, env={"WALLETDESK_BCRYPT_COST": "4", "WALLETDESK_SECRET_KEY": "ab" * 32}, expect_setup_code=False)
    try:
        browser = requests.Session()
        signed_in = browser.post(f"{other.base_url}/api/v1/sessions", json={"email": "api-qr@qr.example.com", "password": PASSWORD}, timeout=10)
        assert signed_in.status_code == 201, signed_in.text
        refused = browser.post(
            f"{other.base_url}/api/v1/sessions/second-factor", json={"code": "123456"},
            headers={"X-CSRF-Token": signed_in.json()["csrfToken"], "Accept-Language": "en"}, timeout=10,
        )
        assert refused.status_code == 500
        problem = refused.json()
        assert problem["code"] == "secret-key-mismatch"
        assert "same key" in problem["detail"]
    finally:
        assert other.terminate() == 0, other.log_tail()
