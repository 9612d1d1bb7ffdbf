"""The help center on a live server: starter knowledge base loaded at first start, pages, search, suggestions, votes,
deflections, agent article editing and ticket search, every API exchange validated against the served OpenAPI document."""

from __future__ import annotations

import re
import urllib.parse

import requests


def page(server, path: str, lang: str = "zh-CN") -> requests.Response:
    response = requests.get(f"{server.base_url}{path}", headers={"Accept-Language": lang}, timeout=10)
    assert response.status_code < 500, response.text[:500]
    return response


def test_help_pages_render_without_other_hosts(server):
    home = page(server, "/help?lang=zh-CN")
    assert home.status_code == 200
    assert "有什么可以帮您" in home.text
    assert "/help/categories/funds" in home.text
    assert "安全提醒" in home.text
    # Nothing is loaded from another host, and the policy says so.
    assert not re.search(r"(src|href)=\"(https?:)?//", home.text)
    assert "default-src 'none'" in home.headers["Content-Security-Policy"]
    # The starter articles are written in traditional Chinese too: no fallback note for zh-TW readers.
    article = page(server, "/help/articles/account-locked", lang="zh-TW")
    assert article.status_code == 200
    assert "<h1>帳戶被鎖定怎麼辦</h1>" in article.text
    assert "本文暫無繁體中文版本" not in article.text
    assert page(server, "/help/articles/nope").status_code == 404


def test_search_page_finds_chinese_words_and_escapes(server):
    query = urllib.parse.quote("提現<b>")
    result = page(server, f"/help/search?q={query}")
    assert result.status_code == 200
    assert "/help/articles/withdrawal-failed" in result.text
    assert "<b>" not in result.text.split("<main>")[1]
    assert "<mark>" in result.text


def test_public_api_search_suggest_vote_deflect(api, server):
    public = api.with_token(None)
    hits = public.get("/api/v1/help/search", params={"q": "冻结账户", "lang": "zh-CN"}, expect=200).json()["items"]
    assert hits[0]["slug"] == "stolen-funds-freeze-account"
    suggestions = public.get("/api/v1/help/suggest", params={"q": "how do i turn on 2f", "lang": "en"}, expect=200).json()["items"]
    assert "enable-two-factor-authentication" in [item["slug"] for item in suggestions[:3]]
    votes = public.post("/api/v1/help/articles/withdrawal-failed/votes", {"helpful": True, "comment": "清楚"}, expect=201).json()
    assert votes["helpful"] >= 1
    public.post("/api/v1/help/deflections", {"query": "提现失败", "articles": ["withdrawal-failed"], "opened": "withdrawal-failed"}, expect=204)
    public.post("/api/v1/help/deflections", {"query": "x", "articles": ["nope"]}, expect=400)


def test_agents_edit_articles_and_search_tickets(api, server):
    created = api.post("/api/v1/kb/articles", {
        "slug": "e2e-network-upgrade", "category": "funds", "status": "published",
        "translations": [{"language": "en", "title": "Network upgrade pauses deposits", "markdown": "Deposits on **Tron** pause during the upgrade."}],
    }, expect=201).json()
    assert "<strong>Tron</strong>" in created["translations"][0]["html"]
    api.patch(f"/api/v1/kb/articles/{created['id']}", {"version": 1, "translations": [
        {"language": "zh-CN", "title": "网络升级暂停充值", "markdown": "升级期间 Tron 充值暂停。"}]}, expect=200)
    revisions = api.get(f"/api/v1/kb/articles/{created['id']}/revisions", expect=200).json()["items"]
    assert len(revisions) == 2
    # No traditional-Chinese version written: zh-TW readers get the simplified text, and the page says why.
    fallback = page(server, "/help/articles/e2e-network-upgrade", lang="zh-TW")
    assert fallback.status_code == 200
    assert "本文暫無繁體中文版本" in fallback.text and "网络升级暂停充值" in fallback.text
    hits = api.with_token(None).get("/api/v1/help/search", params={"q": "网络升级", "lang": "zh-CN"}, expect=200).json()["items"]
    assert hits and hits[0]["slug"] == "e2e-network-upgrade"

    tx = "0x" + "ab12" * 16
    api.post("/api/v1/tickets", {
        "subject": "提现失败 e2e", "requester": {"email": "e2e-search@example.com", "language": "zh-CN"},
        "crypto": {"chain": "ethereum", "txId": tx}, "message": {"text": "我的账户被冻结了", "author": "customer"},
    }, expect=201)
    found = api.get("/api/v1/search/tickets", params={"q": tx}, expect=200).json()["items"]
    assert [ticket["subject"] for ticket in found] == ["提现失败 e2e"]
    assert api.get("/api/v1/search/tickets", params={"q": "冻结"}, expect=200).json()["items"]
    assert api.get("/api/v1/search/tickets", params={"q": "冻结", "status": "closed"}, expect=200).json()["items"] == []
    api.with_token(None).get("/api/v1/search/tickets", params={"q": "冻结"}, expect=401, validate_request=False)
