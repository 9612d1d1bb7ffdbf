"""Files on the customers' support pages, through real HTTP multipart posts and a real SMTP peer: a wallet user adds a
screenshot and a text file to a request (a phrase pasted in the text file is removed before it is stored), signs in and
sees the files on their request, downloads them with headers that keep a browser from running them, and adds a file
to a reply. Internal notes' files and other customers' files answer like nothing; too many or too large files give the
form back with the text kept."""

from __future__ import annotations

import re
import struct
import zlib

import pytest
import requests

from test_accounts_pages import csrf_of
from test_mail_delivery import mail_env, peer  # noqa: F401 (peer: the module's SMTP peer fixture)
from test_support_pages import PHRASE, admin, sign_in, text_of


def tiny_png() -> bytes:
    """A real 1×1 PNG, so the server's sniffing sees an image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


PNG = tiny_png()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(scope="module")
def node(make_backend, launcher, peer):
    node = launcher.start(make_backend(), env=mail_env(peer[1]))
    node.complete_setup()
    yield node
    assert node.terminate() == 0, node.log_tail()


def request_form(browser: requests.Session, node) -> str:
    form = browser.get(f"{node.base_url}/support?lang=en", timeout=10)
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text and 'type="file"' in form.text
    assert "Never upload a screenshot or photo of your recovery phrase" in form.text
    return csrf_of(form)


def test_files_on_a_request_a_reply_and_the_customers_page(node, peer):
    handler, _ = peer
    address = "carol.files@example.com"
    browser = requests.Session()
    notes = f"withdrawal id 88123\nmy words: {PHRASE}\n".encode()
    sent = browser.post(
        f"{node.base_url}/support?lang=en", allow_redirects=False, timeout=10,
        data={"csrf": request_form(browser, node), "email": address, "category": "withdrawal_failed",
              "text": "USDT withdrawal stuck, screenshot attached"},
        files=[("files", ("交易截图.png", PNG, "image/png")), ("files", ("notes.txt", notes, "text/plain"))],
    )
    assert sent.status_code == 201, sent.text
    number = re.search(r"WD-\d+", text_of(sent)).group(0)

    # The agent sees both files on the first message; the text file was stored without the phrase.
    messages = requests.get(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin(node), timeout=10).json()["items"]
    files = {f["filename"]: f for f in messages[0]["attachments"]}
    assert set(files) == {"交易截图.png", "notes.txt"}, messages[0]
    assert files["交易截图.png"]["contentType"] == "image/png" and files["交易截图.png"]["size"] == len(PNG)
    stored = requests.get(f"{node.base_url}/api/v1/attachments/{files['notes.txt']['id']}", headers=admin(node), timeout=10)
    assert stored.status_code == 200 and b"88123" in stored.content and b"abandon amount" not in stored.content

    sign_in(browser, node, handler, address)
    page = browser.get(f"{node.base_url}/support/tickets/{number}?lang=en", timeout=10)
    assert page.status_code == 200 and "交易截图.png" in page.text and "notes.txt" in page.text
    link = f"/support/tickets/{number}/files/{files['交易截图.png']['id']}"
    assert f'<img src="{link}"' in page.text

    image = browser.get(f"{node.base_url}{link}", timeout=10)
    assert image.status_code == 200 and image.content == PNG
    assert image.headers["Content-Type"] == "image/png" and image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Content-Security-Policy"].startswith("sandbox") and image.headers["Cache-Control"] == "private, no-store"
    text_file = browser.get(f"{node.base_url}/support/tickets/{number}/files/{files['notes.txt']['id']}", timeout=10)
    assert text_file.status_code == 200 and text_file.headers["Content-Disposition"].startswith("attachment")
    # Signed out, nobody gets the file.
    assert requests.get(f"{node.base_url}{link}", allow_redirects=False, timeout=10).status_code == 303

    # A reply with a PDF lands on the ticket with its file.
    replied = browser.post(f"{node.base_url}/support/tickets/{number}/reply", data={"csrf": csrf_of(page), "text": "Bank statement attached"},
                           files=[("files", ("statement.pdf", PDF, "application/pdf"))], allow_redirects=False, timeout=10)
    assert replied.status_code == 303, replied.text
    last = requests.get(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin(node), timeout=10).json()["items"][-1]
    assert last["text"] == "Bank statement attached" and [a["contentType"] for a in last["attachments"]] == ["application/pdf"]

    # A file on an internal note stays with the team; another customer's file is not reachable through this request.
    upload = requests.post(f"{node.base_url}/api/v1/attachments?filename=risk.txt", headers=admin(node), data=b"risk review", timeout=10)
    assert upload.status_code == 201, upload.text
    note = requests.post(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin(node), timeout=10,
                         json={"text": "内部：风控截图", "visibility": "internal", "attachmentIds": [upload.json()["id"]]})
    assert note.status_code == 201, note.text
    hidden = browser.get(f"{node.base_url}/support/tickets/{number}/files/{upload.json()['id']}", timeout=10)
    assert hidden.status_code == 404 and b"risk review" not in hidden.content
    assert "risk.txt" not in browser.get(f"{node.base_url}/support/tickets/{number}?lang=en", timeout=10).text

    other = requests.post(f"{node.base_url}/api/v1/attachments?filename=other.png", headers=admin(node), data=PNG, timeout=10).json()
    created = requests.post(f"{node.base_url}/api/v1/tickets", headers=admin(node), timeout=10, json={
        "subject": "别人的工单", "requester": {"email": "dave@example.com"},
        "message": {"text": "我的截图", "author": "customer", "attachmentIds": [other["id"]]}})
    assert created.status_code == 201, created.text
    assert browser.get(f"{node.base_url}/support/tickets/{number}/files/{other['id']}", timeout=10).status_code == 404
    foreign = created.json()["ticket"]["id"]
    assert browser.get(f"{node.base_url}/support/tickets/{foreign}/files/{other['id']}", timeout=10).status_code == 404
    assert browser.get(f"{node.base_url}/support/tickets/{number}/files/not-an-id", timeout=10).status_code == 404


def test_too_many_or_too_large_files_give_the_form_back(node):
    browser = requests.Session()
    token = request_form(browser, node)
    fields = {"csrf": token, "email": "erin.files@example.com", "text": "充值未到账，附上截图"}
    six = [("files", (f"shot{index}.png", PNG, "image/png")) for index in range(6)]
    refused = browser.post(f"{node.base_url}/support?lang=en", data=fields, files=six, timeout=10)
    assert refused.status_code == 400, refused.text
    shown = text_of(refused)
    assert "Files has too many entries" in shown and "choose your files again" in shown and "充值未到账" in shown

    large = browser.post(f"{node.base_url}/support?lang=en", data=fields, timeout=30,
                         files=[("files", ("big.png", PNG + b"\0" * (11 << 20), "image/png"))])
    assert large.status_code == 413 and "too large" in text_of(large), large.text[:500]

    # The form's token is still needed with files.
    forged = browser.post(f"{node.base_url}/support?lang=en", data={**fields, "csrf": "0" * 64}, timeout=10,
                          files=[("files", ("shot.png", PNG, "image/png"))])
    assert forged.status_code == 403

    # Nothing from the refused posts became a request.
    listed = requests.get(f"{node.base_url}/api/v1/tickets?limit=100", headers=admin(node), timeout=10).json()["items"]
    assert not [t for t in listed if t["subject"].startswith("充值未到账")]

    accepted = browser.post(f"{node.base_url}/support?lang=en", data=fields, files=six[:5], allow_redirects=False, timeout=10)
    assert accepted.status_code == 201, accepted.text
