"""The customers' support pages in a real browser: from the help center a wallet user follows "联系客服", sends a request
with a pasted recovery phrase and a screenshot, and is told its number and warned that the phrase was removed and the funds must move;
the request reaches the agents as a web ticket. The pages load nothing the content policy refuses and fit a phone."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from browsing import AdminAPI, assert_fits, on_phone, path_of, submit_and_wait
from test_browser_first_start import fill

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478da63f8cfc0000003010100c9fe92ef"
    "0000000049454e44ae426082"
)


def test_a_wallet_user_sends_a_request(desk, driver, console, tmp_path):
    driver.get(desk.base_url + "/help?lang=zh-CN")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "header.site a[href='/support']"))
    assert path_of(driver) == "/support"
    assert "助记词" in driver.find_element(By.CSS_SELECTOR, "main .notice").text
    with on_phone(driver):
        assert_fits(driver, "/support")

    button = fill(driver, "form.support-form", {
        "email": "panic@browser.example.com", "subject": "USDT 被转走了",
        "text": f"我在一个网站输入了助记词 {PHRASE}，然后 USDT 就没了。",
    })
    driver.find_element(By.CSS_SELECTOR, "form.support-form select[name=category] option[value=stolen_funds]").click()
    # A screenshot goes with the request, chosen in the file input as a user would.
    shot = tmp_path / "转账截图.png"
    shot.write_bytes(PNG)
    driver.find_element(By.CSS_SELECTOR, "form.support-form input[type=file][name=files]").send_keys(str(shot))
    submit_and_wait(driver, button)
    status = driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "WD-" in status and "panic@browser.example.com" in status
    assert "立即把资产转到一个新钱包" in driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert "abandon" not in driver.page_source
    with on_phone(driver):
        assert_fits(driver, "/support (sent)")

    number = status.split("编号是 ")[1].split("，")[0]
    ticket = AdminAPI(desk).get(f"/api/v1/tickets/{number}")
    assert ticket["channel"] == "web" and ticket["priority"] == "urgent" and "secret-exposed" in ticket["tags"]
    first = AdminAPI(desk).get(f"/api/v1/tickets/{number}/messages")["items"][0]
    assert [(a["filename"], a["contentType"], a["size"]) for a in first["attachments"]] == [("转账截图.png", "image/png", len(PNG))]
