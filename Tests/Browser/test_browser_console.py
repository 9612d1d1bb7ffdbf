"""The agent console in a real browser: an agent signs in and lands on the queue (the account page links to it too), opens a ticket whose
tx id came from the customer's message (with its explorer link), replies and sets the ticket pending, adds an internal
note; the pages load nothing the content policy refuses and fit a phone."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from browsing import PASSWORD, AdminAPI, assert_fits, on_phone, path_of, submit_and_wait
from test_browser_first_start import fill

TX = "7c2f1e3d5b9a8c7e6f5d4c3b2a1908172635445362718293a4b5c6d7e8f90a1b"


def test_agent_answers_a_ticket_in_the_console(desk, driver, console):
    admin = AdminAPI(desk)
    agent = admin.post("/api/v1/agents", {"name": "控制台客服", "email": "console-agent@browser.example.com", "role": "agent"})
    link = admin.post(f"/api/v1/agents/{agent['id']}/password-setup", {})["link"]
    ticket = admin.post("/api/v1/tickets", {
        "subject": "USDT 提现未到账", "requester": {"email": "customer@browser.example.com", "name": "小李"},
        "message": {"text": f"TRC20 提现，交易哈希 {TX}，已经两个小时了。", "author": "customer"},
    })["ticket"]

    driver.get(desk.base_url + link)
    submit_and_wait(driver, fill(driver, "form[action='/password/set']", {"password": PASSWORD}))
    driver.get(desk.base_url + "/signin?lang=zh-CN")
    submit_and_wait(driver, fill(driver, "form[action='/signin']", {"email": "console-agent@browser.example.com", "password": PASSWORD}))
    assert path_of(driver) == "/console"  # signing in leads to the queue
    driver.get(desk.base_url + "/account")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a[href='/console']"))
    assert path_of(driver) == "/console"
    row = driver.find_element(By.CSS_SELECTOR, f"table.tickets a[href='/console/tickets/{ticket['id']}']")
    with on_phone(driver):
        assert_fits(driver, "/console")
    submit_and_wait(driver, row)
    assert path_of(driver) == f"/console/tickets/{ticket['id']}"
    facts = driver.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert TX in facts and "小李" in facts
    assert driver.find_element(By.CSS_SELECTOR, f"dl.facts a[href='https://tronscan.org/#/transaction/{TX}']")
    with on_phone(driver):
        assert_fits(driver, "/console/tickets/{id}")

    reply = "您好，我们已经在链上查到这笔交易，正在处理。"
    form = driver.find_element(By.CSS_SELECTOR, "form.console-reply")
    form.find_element(By.NAME, "text").send_keys(reply)
    form.find_element(By.CSS_SELECTOR, "select[name=status] option[value=pending]").click()
    submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert driver.find_element(By.CSS_SELECTOR, "[role=status]").text == "回复已发送。"
    messages = driver.find_elements(By.CSS_SELECTOR, "ol.conversation li.message")
    assert messages[-1].find_element(By.CSS_SELECTOR, ".text").text == reply
    assert "控制台客服" in messages[-1].find_element(By.CSS_SELECTOR, ".meta").text
    assert admin.get(f"/api/v1/tickets/{ticket['id']}")["status"] == "pending"

    form = driver.find_element(By.CSS_SELECTOR, "form.console-reply")
    form.find_element(By.NAME, "text").send_keys("已转给链上团队核查")
    form.find_element(By.CSS_SELECTOR, "input[name=visibility][value=internal]").click()
    submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert driver.find_element(By.CSS_SELECTOR, "[role=status]").text == "内部备注已添加。"
    assert driver.find_elements(By.CSS_SELECTOR, "ol.conversation li.message.internal")
