"""The customers' support pages through real HTTP with a cookie jar and a real SMTP peer (aiosmtpd on loopback): a wallet
user sends a request without an account (a pasted phrase is removed and they are warned), gets a confirmation that never
quotes what was written, signs in to "My requests" with the emailed code, reads the public conversation (never internal
notes), is emailed when an agent answers, replies (reopening the request), and a reply to a closed request starts a
follow-up. Someone else's request looks like no request; forms need their token; requests per email are limited."""

from __future__ import annotations

import html
import re
import time

import pytest
import requests

from test_accounts_pages import csrf_of
from test_mail_delivery import CODE, Peer, mail_env, peer  # noqa: F401 (peer: the module's SMTP peer fixture)

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
TX = "4b1f0e2d3c5a6978e8f7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281"


@pytest.fixture(scope="module")
def node(make_backend, launcher, peer):
    node = launcher.start(make_backend(), env=mail_env(peer[1]))
    node.complete_setup()
    yield node
    assert node.terminate() == 0, node.log_tail()


def admin(node) -> dict:
    return {"Authorization": f"Bearer {node.token}"}


def text_of(page: requests.Response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.text))


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def send_request(browser: requests.Session, node, **fields) -> requests.Response:
    form = browser.get(f"{node.base_url}/support?lang=en", timeout=10)
    assert form.status_code == 200, form.text
    return browser.post(f"{node.base_url}/support?lang=en", data={"csrf": csrf_of(form), **fields}, allow_redirects=False, timeout=10)


def sign_in(browser: requests.Session, node, peer: Peer, address: str) -> None:
    page = browser.get(f"{node.base_url}/support/signin?lang=en", timeout=10)
    asked = browser.post(f"{node.base_url}/support/signin?lang=en", data={"csrf": csrf_of(page), "email": address}, timeout=10)
    assert asked.status_code == 200 and "a code is on its way" in asked.text, asked.text
    mail = peer.wait_for(address)
    while "sign-in code" not in str(mail["Subject"]).lower():
        mail = peer.wait_for(address)
    code = CODE.search(body_of(mail)).group(1)
    wrong = browser.post(f"{node.base_url}/support/signin/code?lang=en",
                         data={"csrf": csrf_of(asked), "email": address, "code": "000000" if code != "000000" else "111111"}, timeout=10)
    assert wrong.status_code == 401 and "wrong or has expired" in wrong.text
    signed = browser.post(f"{node.base_url}/support/signin/code", data={"csrf": csrf_of(asked), "email": address, "code": code},
                          allow_redirects=False, timeout=10)
    assert signed.status_code == 303 and signed.headers["Location"] == "/support/tickets", signed.text
    assert "wd_customer" in browser.cookies


def test_request_sign_in_conversation_reply_and_follow_up(node, peer):
    handler, _ = peer
    address = "alice.wallet@example.com"
    browser = requests.Session()
    sent = send_request(browser, node, email=address, name="Alice", category="stolen_funds",
                        text=f"Funds gone after I typed my phrase {PHRASE} on a site https://imtoken-verify.example\n"
                             f"TRC20 USDT, tx {TX}")
    assert sent.status_code == 201, sent.text
    page = text_of(sent)
    number = re.search(r"WD-\d+", page).group(0)
    assert "We removed it" in page and PHRASE not in sent.text and address in page

    # The confirmation names the number and never quotes the request (its author chose that text).
    confirmation = handler.wait_for(address)
    assert number in str(confirmation["Subject"])
    assert "imtoken-verify" not in body_of(confirmation) and "abandon" not in body_of(confirmation)

    ticket = requests.get(f"{node.base_url}/api/v1/tickets/{number}", headers=admin(node), timeout=10).json()
    assert ticket["channel"] == "web" and ticket["priority"] == "urgent" and ticket["category"] == "stolen_funds"
    assert "secret-exposed" in ticket["tags"] and ticket["crypto"]["txId"] == TX
    assert ticket["subject"].startswith("Funds gone") and "abandon amount" not in ticket["subject"]

    # An internal note never reaches the customer's page.
    note = requests.post(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin(node), timeout=10,
                         json={"text": "内部：核对风控记录", "visibility": "internal"})
    assert note.status_code == 201, note.text

    assert browser.get(f"{node.base_url}/support/tickets", allow_redirects=False, timeout=10).headers["Location"] == "/support/signin"
    sign_in(browser, node, handler, address)
    mine = browser.get(f"{node.base_url}/support/tickets?lang=en", timeout=10)
    assert number in mine.text and "Received" in mine.text

    answered = requests.post(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin(node), timeout=10,
                             json={"text": "We froze the account. Which app version do you use?", "status": "pending"})
    assert answered.status_code == 201, answered.text
    notice = None
    for _ in range(100):
        notices = [m for m in handler.messages_to(address) if "New answer" in str(m["Subject"])]
        if notices:
            notice = notices[-1]
            break
        time.sleep(0.1)
    assert notice is not None and number in str(notice["Subject"]) and "froze" not in body_of(notice)

    shown = browser.get(f"{node.base_url}/support/tickets/{number}?lang=en", timeout=10)
    assert shown.status_code == 200, shown.text
    view = text_of(shown)
    assert "We froze the account" in view and "(support)" in view and "Waiting for your reply" in view
    assert "核对风控记录" not in view and PHRASE not in view and "we removed the" in view.lower()
    assert shown.headers["Cache-Control"] == "no-store"

    # Replying needs the session's token; a reply reopens the pending request.
    refused = browser.post(f"{node.base_url}/support/tickets/{number}/reply?lang=en", data={"text": "v8.1"}, timeout=10)
    assert refused.status_code == 403 and "v8.1" in refused.text
    replied = browser.post(f"{node.base_url}/support/tickets/{number}/reply", data={"csrf": csrf_of(shown), "text": "App 8.1 on iOS 18"},
                           allow_redirects=False, timeout=10)
    assert replied.status_code == 303 and replied.headers["Location"].startswith(f"/support/tickets/{number}"), replied.text
    ticket = requests.get(f"{node.base_url}/api/v1/tickets/{number}", headers=admin(node), timeout=10).json()
    assert ticket["status"] == "open"
    messages = requests.get(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin(node), timeout=10).json()["items"]
    assert messages[-1]["authorKind"] == "customer" and messages[-1]["text"] == "App 8.1 on iOS 18"
    assert messages[-1]["authorId"] == ticket["requesterId"]

    # A closed request: writing to it starts a follow-up, where the customer is taken.
    for status in ("solved", "closed"):
        changed = requests.patch(f"{node.base_url}/api/v1/tickets/{number}", headers=admin(node), json={"status": status}, timeout=10)
        assert changed.status_code == 200, changed.text
    closed = browser.get(f"{node.base_url}/support/tickets/{number}?lang=en", timeout=10)
    assert "Writing here opens a new request" in closed.text
    again = browser.post(f"{node.base_url}/support/tickets/{number}/reply", data={"csrf": csrf_of(closed), "text": "It happened again"},
                         allow_redirects=False, timeout=10)
    assert again.status_code == 303, again.text
    follow_up = re.search(r"WD-\d+", again.headers["Location"]).group(0)
    assert follow_up != number
    assert requests.get(f"{node.base_url}/api/v1/tickets/{follow_up}", headers=admin(node), timeout=10).json()["followUpOf"] == number

    # Signed in, a new request needs no email and lands on its page.
    form = browser.get(f"{node.base_url}/support?lang=en", timeout=10)
    assert 'name="email"' not in form.text and address in form.text
    second = browser.post(f"{node.base_url}/support", data={"csrf": csrf_of(form), "text": "Another question about fees", "category": "fees"},
                          allow_redirects=False, timeout=10)
    assert second.status_code == 303 and "/support/tickets/WD-" in second.headers["Location"], second.text

    # Someone else's request looks like no request.
    other = requests.post(f"{node.base_url}/api/v1/tickets", headers=admin(node), timeout=10,
                          json={"subject": "别人的工单", "requester": {"email": "bob@example.com"}, "message": {"text": "私事", "author": "customer"}})
    assert other.status_code == 201, other.text
    hidden = browser.get(f"{node.base_url}/support/tickets/{other.json()['ticket']['id']}?lang=en", timeout=10)
    assert hidden.status_code == 404 and "私事" not in hidden.text
    assert browser.get(f"{node.base_url}/support/tickets/WD-999999", timeout=10).status_code == 404

    signed_out = browser.post(f"{node.base_url}/support/signout", data={"csrf": csrf_of(mine)}, allow_redirects=False, timeout=10)
    assert signed_out.status_code == 303
    assert browser.get(f"{node.base_url}/support/tickets", allow_redirects=False, timeout=10).status_code == 303


def test_form_errors_keep_the_text_and_requests_are_limited(node):
    browser = requests.Session()
    missing = send_request(browser, node, text=f"我的助记词是 {PHRASE}，提现失败")
    assert missing.status_code == 400 and "Email" in text_of(missing), missing.text
    assert "提现失败" in text_of(missing) and "abandon amount" not in missing.text

    forged = browser.post(f"{node.base_url}/support?lang=en", data={"email": "x@example.com", "text": "hi", "csrf": "0" * 64}, timeout=10)
    assert forged.status_code == 403

    stranger = requests.post(f"{node.base_url}/support", data={"email": "x@example.com", "text": "hi"}, timeout=10)
    assert stranger.status_code == 403

    codes = []
    for index in range(4):
        codes.append(send_request(browser, node, email="flood@example.com", text=f"充值没到账 {index}").status_code)
    assert codes == [201, 201, 201, 429], codes
    limited = send_request(browser, node, email="flood@example.com", text="充值没到账 again")
    assert limited.status_code == 429 and "充值没到账 again" in text_of(limited)


def test_pages_speak_the_visitors_language(node):
    page = requests.get(f"{node.base_url}/support", headers={"Accept-Language": "zh-TW"}, timeout=10)
    assert page.status_code == 200 and "聯絡客服" in page.text and "助記詞" in page.text
    home = requests.get(f"{node.base_url}/help?lang=zh-CN", timeout=10)
    assert 'href="/support"' in home.text
