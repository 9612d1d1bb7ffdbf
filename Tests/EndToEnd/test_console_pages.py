"""The agent console through the real pages with a cookie jar: an agent signs in, sees the queue, opens a ticket (facts,
crypto fields with explorer links, conversation), replies and adds an internal note through forms (CSRF enforced), and
changes status; a stale form gets 409; the reply goes through the API door (a pasted phrase is removed); contact details
are masked as the API masks them; a stranger is sent to sign in."""

from __future__ import annotations

import html
import re

import pytest
import requests

from test_accounts_pages import PASSWORD, csrf_of, new_agent_with_code

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
TX = "7c2f1e3d5b9a8c7e6f5d4c3b2a1908172635445362718293a4b5c6d7e8f90a1b"


@pytest.fixture(scope="module")
def node(make_backend, launcher):
    node = launcher.start(make_backend(), env={"WALLETDESK_BCRYPT_COST": "4"})
    response = requests.post(
        f"{node.base_url}/api/v1/setup",
        json={"code": node.setup_code, "name": "Root", "email": "root@console.example.com", "password": PASSWORD}, timeout=10,
    )
    assert response.status_code == 201, response.text
    node.token = response.json()["token"]
    yield node
    assert node.terminate() == 0, node.log_tail()


def signed_in_agent(node, email: str, role: str = "agent") -> requests.Session:
    browser = requests.Session()
    link = new_agent_with_code(node, email, role)
    form = browser.get(node.base_url + link, timeout=10)
    code = link.split("code=")[1]
    assert browser.post(node.base_url + "/password/set", data={"code": code, "password": PASSWORD, "csrf": csrf_of(form)}, timeout=10).status_code == 200
    page = browser.get(node.base_url + "/signin?lang=en", timeout=10)
    signed = browser.post(node.base_url + "/signin", data={"email": email, "password": PASSWORD, "csrf": csrf_of(page)}, allow_redirects=False, timeout=10)
    assert signed.status_code == 303, signed.text
    return browser


def text_of(page: requests.Response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.text))


def test_queue_ticket_reply_note_and_status(node):
    admin = {"Authorization": f"Bearer {node.token}"}
    created = requests.post(
        f"{node.base_url}/api/v1/tickets", headers=admin, timeout=10,
        json={"subject": "提现未到账 <script>", "requester": {"email": "wang@example.com", "name": "小王", "language": "zh-CN"},
              "message": {"text": f"TRC20 提现 100 USDT，交易哈希 {TX} 还没到。", "author": "customer"}},
    )
    assert created.status_code == 201, created.text
    number = created.json()["ticket"]["id"]

    earlier = requests.post(
        f"{node.base_url}/api/v1/tickets", headers=admin, timeout=10,
        json={"subject": "上个月的充值问题", "requester": {"email": "wang@example.com"}, "message": {"text": "充值未到账", "author": "customer"}},
    ).json()["ticket"]["id"]
    assert earlier != number

    stranger = requests.Session()
    assert stranger.get(node.base_url + "/console", allow_redirects=False, timeout=10).headers["Location"] == "/signin"
    assert stranger.get(node.base_url + f"/console/tickets/{number}", allow_redirects=False, timeout=10).status_code == 303

    agent = signed_in_agent(node, "console-agent@example.com")
    queue = agent.get(node.base_url + "/console?lang=en", timeout=10)
    assert queue.status_code == 200
    assert number in queue.text and "提现未到账 &lt;script&gt;" in queue.text  # escaped, never markup
    assert "default-src 'none'" in queue.headers["Content-Security-Policy"]

    page = agent.get(node.base_url + f"/console/tickets/{number}?lang=en", timeout=10)
    assert page.status_code == 200
    words = text_of(page)
    assert "小王" in words and TX in words
    assert "w***@example.com" in words and "wang@example.com" not in words  # an L1 agent sees contact details masked, as in the API
    assert f"https://tronscan.org/#/transaction/{TX}" in page.text  # the tx id was filled in from the message, with its link
    assert f'href="/console/tickets/{earlier}"' in page.text and "上个月的充值问题" in page.text  # the customer's other tickets
    csrf = csrf_of(page)
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)

    # Forms without the session's CSRF token change nothing.
    refused = agent.post(node.base_url + f"/console/tickets/{number}/reply", data={"text": "hello <b>"}, allow_redirects=False, timeout=10)
    assert refused.status_code == 403
    assert ">hello &lt;b&gt;</textarea>" in refused.text  # what the agent typed is kept for another try, escaped

    # The reply carries a file (the form posts multipart); the note below goes url-encoded, as a client without files may.
    guide = "提现排查步骤：1. 核对网络 2. 核对地址\n".encode()
    reply = agent.post(
        node.base_url + f"/console/tickets/{number}/reply",
        data={"csrf": csrf, "text": "您好，我们正在核实这笔提现。", "visibility": "public", "status": "pending"}, allow_redirects=False, timeout=10,
        files=[("files", ("提现排查.txt", guide, "text/plain"))],
    )
    assert reply.status_code == 303 and reply.headers["Location"].startswith(f"/console/tickets/{number}?done=")
    note = agent.post(
        node.base_url + f"/console/tickets/{number}/reply",
        data={"csrf": csrf, "text": f"customer pasted {PHRASE} earlier?", "visibility": "internal", "status": ""}, allow_redirects=False, timeout=10,
    )
    assert note.status_code == 303

    messages = requests.get(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin, timeout=10).json()["items"]
    by_agent = [m for m in messages if m["authorKind"] == "agent"]
    assert [m["visibility"] for m in by_agent] == ["public", "internal"]
    assert by_agent[0]["verification"]  # a genuine agent reply carries its verification code
    assert [(a["filename"], a["size"]) for a in by_agent[0]["attachments"]] == [("提现排查.txt", len(guide))]
    file_link = f'href="/api/v1/attachments/{by_agent[0]["attachments"][0]["id"]}"'
    assert agent.get(node.base_url + f"/console/tickets/{number}", timeout=10).text.count(file_link) == 1
    assert all(PHRASE not in m["text"] for m in messages)  # the same door as the API: the phrase never reached the store
    # The agent wrote it, so the team gets an internal note; the customer is not told "we removed it from your message".
    system = [m for m in messages if m["authorKind"] == "system"]
    assert system and all(m["visibility"] == "internal" for m in system), system
    ticket = requests.get(f"{node.base_url}/api/v1/tickets/{number}", headers=admin, timeout=10).json()
    assert ticket["status"] == "pending"

    # A form from before those changes is refused with 409, and the page says so.
    stale = agent.post(
        node.base_url + f"/console/tickets/{number}/update?lang=en",
        data={"csrf": csrf, "version": version, "status": "solved", "priority": "high"}, allow_redirects=False, timeout=10,
    )
    assert stale.status_code == 409 and 'role="alert"' in stale.text
    fresh = agent.get(node.base_url + f"/console/tickets/{number}", timeout=10)
    version = re.search(r'name="version" value="(\d+)"', fresh.text).group(1)
    saved = agent.post(
        node.base_url + f"/console/tickets/{number}/update",
        data={"csrf": csrf, "version": version, "status": "solved", "priority": "high"}, allow_redirects=False, timeout=10,
    )
    assert saved.status_code == 303
    ticket = requests.get(f"{node.base_url}/api/v1/tickets/{number}", headers=admin, timeout=10).json()
    assert (ticket["status"], ticket["priority"]) == ("solved", "high")

    after = agent.get(node.base_url + f"/console/tickets/{number}?lang=en", timeout=10)
    assert "您好，我们正在核实这笔提现。" in after.text and "Internal note" in after.text
    solved_queue = agent.get(node.base_url + "/console?status=solved", timeout=10)
    assert number in solved_queue.text
    assert number not in agent.get(node.base_url + "/console", timeout=10).text  # the default queue is what needs work

    # The search box takes a tx id (any status); "mine" lists what the agent took.
    found = agent.get(node.base_url + "/console", params={"q": TX, "status": "all"}, timeout=10)
    assert number in found.text
    assert number not in agent.get(node.base_url + "/console", params={"q": "nothing-like-this-anywhere", "status": "all"}, timeout=10).text
    page = agent.get(node.base_url + f"/console/tickets/{number}", timeout=10)
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    assert number not in agent.get(node.base_url + "/console?status=mine", timeout=10).text
    taken = agent.post(
        node.base_url + f"/console/tickets/{number}/update",
        data={"csrf": csrf, "version": version, "assignee": "me", "status": "open", "priority": "high"}, allow_redirects=False, timeout=10,
    )
    assert taken.status_code == 303, taken.text
    ticket = requests.get(f"{node.base_url}/api/v1/tickets/{number}", headers=admin, timeout=10).json()
    assert ticket["assigneeId"] and ticket["status"] == "open"
    assert number in agent.get(node.base_url + "/console?status=mine", timeout=10).text

    assert agent.get(node.base_url + "/console/tickets/WD-999999", timeout=10).status_code == 404
    assert agent.get(node.base_url + "/console/tickets/nonsense", timeout=10).status_code == 404


def test_agent_opens_a_ticket_for_a_caller(node):
    admin = {"Authorization": f"Bearer {node.token}"}
    agent = signed_in_agent(node, "phone-agent@example.com")
    form = agent.get(node.base_url + "/console/new?lang=en", timeout=10)
    assert form.status_code == 200
    csrf = csrf_of(form)

    # Neither email nor phone: refused, and what was typed comes back (the phrase already removed).
    missing = agent.post(
        node.base_url + "/console/new?lang=en",
        data={"csrf": csrf, "name": "陈先生", "subject": "电话：提现未到账", "text": f"客户念了助记词 {PHRASE}", "channel": "phone"}, timeout=10,
    )
    assert missing.status_code == 400 and 'role="alert"' in missing.text
    assert "电话：提现未到账" in html.unescape(missing.text) and PHRASE not in missing.text

    opened = agent.post(
        node.base_url + "/console/new",
        data={"csrf": csrf, "name": "陈先生", "phone": "+86 138 0013 8000", "language": "zh-CN", "channel": "phone",
              "category": "withdrawal_failed", "subject": "电话：提现未到账", "text": f"客户来电：TRC20 提现，哈希 {TX}。他还念了助记词 {PHRASE}"},
        allow_redirects=False, timeout=10,
    )
    assert opened.status_code == 303, opened.text[:500]
    number = opened.headers["Location"].split("/console/tickets/")[1].split("?")[0]
    ticket = requests.get(f"{node.base_url}/api/v1/tickets/{number}", headers=admin, timeout=10).json()
    assert (ticket["channel"], ticket["category"], ticket["crypto"]["txId"]) == ("phone", "withdrawal_failed", TX)
    assert ticket["priority"] == "urgent" and "secret-exposed" in ticket["tags"]  # the API door's rules, here too
    messages = requests.get(f"{node.base_url}/api/v1/tickets/{number}/messages", headers=admin, timeout=10).json()["items"]
    assert all(PHRASE not in m["text"] for m in messages)
    assert any(m["authorKind"] == "system" and m["visibility"] == "public" for m in messages)  # the caller is told, in Chinese
    page = agent.get(node.base_url + opened.headers["Location"], timeout=10)
    assert 'role="status"' in page.text

    # The same caller again is the same customer.
    again = agent.post(
        node.base_url + "/console/new",
        data={"csrf": csrf, "phone": "+86 138 0013 8000", "subject": "再次来电", "text": "还是没到账"}, allow_redirects=False, timeout=10,
    )
    second = again.headers["Location"].split("/console/tickets/")[1].split("?")[0]
    requester = lambda n: requests.get(f"{node.base_url}/api/v1/tickets/{n}", headers=admin, timeout=10).json()["requesterId"]
    assert requester(second) == requester(number)


def test_a_specialist_merges_a_duplicate_and_an_l1_agent_cannot(node):
    admin = {"Authorization": f"Bearer {node.token}"}

    def open_ticket(subject: str) -> str:
        created = requests.post(
            f"{node.base_url}/api/v1/tickets", headers=admin, timeout=10,
            json={"subject": subject, "requester": {"email": "twice@example.com"}, "message": {"text": subject, "author": "customer"}},
        )
        assert created.status_code == 201, created.text
        return created.json()["ticket"]["id"]

    first, duplicate = open_ticket("提现未到账"), open_ticket("提现还是没到账")
    l1 = signed_in_agent(node, "l1-merge@example.com")
    page = l1.get(node.base_url + f"/console/tickets/{duplicate}", timeout=10)
    assert "/merge" not in page.text  # no form for a role that may not merge
    refused = l1.post(node.base_url + f"/console/tickets/{duplicate}/merge", data={"csrf": csrf_of(page), "into": first}, allow_redirects=False, timeout=10)
    assert refused.status_code == 403

    specialist = signed_in_agent(node, "l2-merge@example.com", role="specialist")
    page = specialist.get(node.base_url + f"/console/tickets/{duplicate}?lang=en", timeout=10)
    assert f'action="/console/tickets/{duplicate}/merge"' in page.text
    assert "twice@example.com" in html.unescape(page.text)  # a specialist sees contact details unmasked
    bad = specialist.post(node.base_url + f"/console/tickets/{duplicate}/merge", data={"csrf": csrf_of(page), "into": "not a number"}, timeout=10)
    assert bad.status_code == 400 and 'role="alert"' in bad.text
    merged = specialist.post(
        node.base_url + f"/console/tickets/{duplicate}/merge", data={"csrf": csrf_of(page), "into": first}, allow_redirects=False, timeout=10,
    )
    assert merged.status_code == 303, merged.text[:500]
    assert requests.get(f"{node.base_url}/api/v1/tickets/{duplicate}", headers=admin, timeout=10).json()["mergedInto"] == first
    after = specialist.get(node.base_url + merged.headers["Location"], timeout=10)
    assert f'href="/console/tickets/{first}"' in after.text and "/merge" not in after.text.split("<h2>")[0]
