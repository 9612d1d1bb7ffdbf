"""A new operator's first minutes, in a real browser: the setup link the server printed, the first admin with a password,
sign-in (a wrong password and a form without its CSRF token are refused), the required 2FA enrolment with the key shown
on the page, sign-out, and signing in again with a code (a wrong one refused). On SQLite and on PostgreSQL."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from selenium.webdriver.common.by import By

from browsing import ADMIN_EMAIL, PASSWORD, AdminAPI, assert_fits, on_phone, path_of, start_fresh, submit_and_wait

SETUP_LINK = re.compile(r"Open (http://127\.0\.0\.1:\d+/setup) and enter the one-time code ([A-Z0-9]{5}-[A-Z0-9]{5})")


def fill(driver, form_selector: str, values: dict[str, str]):
    """Types into a form's fields by name and returns its submit button."""
    form = driver.find_element(By.CSS_SELECTOR, form_selector)
    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    return form.find_element(By.CSS_SELECTOR, "button[type=submit]")


def alert_text(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "[role=alert]").text.strip()


def sign_in(driver, base: str, password: str, remove_csrf: bool = False) -> None:
    driver.get(base + "/signin")
    button = fill(driver, "form[action='/signin']", {"email": ADMIN_EMAIL, "password": password})
    if remove_csrf:
        # What a forged cross-site form looks like to the server: everything but the token.
        driver.execute_script("document.querySelector(\"form[action='/signin'] input[name=csrf]\").remove()")
    submit_and_wait(driver, button)


def wrong_code(totp: pyotp.TOTP) -> str:
    """A six-digit code that is right for none of the steps the server accepts now (previous, current, next)."""
    now = time.time()
    right = {totp.at(now + offset) for offset in (-60, -30, 0, 30, 60)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444", "555555", "666666") if code not in right)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_first_start_admin_signs_in_with_2fa(kind, driver, console, launcher, backends):
    node = start_fresh(launcher, backends(kind))
    # The operator copies the link and the code from what the server printed.
    printed = SETUP_LINK.search(node.stdout())
    assert printed, f"no setup link on stdout:\n{node.stdout()}"
    link, code = printed.groups()
    base = node.base_url
    assert link == base + "/setup"

    # Whoever opens the bare address before the first admin exists is led to the setup page.
    driver.get(base + "/")
    assert path_of(driver) == "/setup"
    driver.get(link)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    button = fill(driver, "form[action='/setup']", {"code": code, "name": "第一位管理员", "email": ADMIN_EMAIL, "password": PASSWORD})
    submit_and_wait(driver, button)
    token = driver.find_element(By.ID, "token").text.strip()
    assert len(token) > 20, driver.page_source[:2000]
    assert "第一位管理员" in driver.find_element(By.TAG_NAME, "body").text
    # The page leads on to signing in; the code is spent.
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/signin']"))
    assert path_of(driver) == "/signin"
    assert token not in driver.page_source
    # Set up: the bare address now opens the help center, and a mistyped address is a page, not a JSON document.
    driver.get(base + "/")
    assert path_of(driver) == "/help"
    console.allow(r"/no-such-page - Failed to load resource: the server responded with a status of 404")
    driver.get(base + "/no-such-page")
    assert driver.find_element(By.TAG_NAME, "h1").text == "页面不存在"
    assert driver.find_element(By.CSS_SELECTOR, "main a[href='/help']")

    # A wrong password: 401 and the localised message, in the visitor's language (zh-CN), then in English.
    console.allow(r"/signin - Failed to load resource: the server responded with a status of 401")
    sign_in(driver, base, "not the password at all")
    assert alert_text(driver) == "邮箱或密码不正确。"
    assert driver.find_element(By.NAME, "email").get_attribute("value") == ADMIN_EMAIL
    # In English, for an address nobody has: the same words as for a wrong password (no probing for accounts). An
    # unknown address also keeps the admin's failure count low: after three the server makes the next attempt wait.
    driver.get(base + "/signin?lang=en")
    button = fill(driver, "form[action='/signin']", {"email": "nobody@browser.example.com", "password": "still not the password"})
    submit_and_wait(driver, button)
    assert alert_text(driver) == "The email address or password is not correct."
    driver.get(base + "/signin?lang=zh-CN")

    # A form without its CSRF token is refused even with the right password, and signs nobody in.
    console.allow(r"/signin - Failed to load resource: the server responded with a status of 403")
    sign_in(driver, base, PASSWORD, remove_csrf=True)
    assert alert_text(driver) == "页面已过期，请重新提交。"
    driver.get(base + "/account")
    assert path_of(driver) == "/signin"

    # The right password: admins must enrol a second factor before anything opens.
    sign_in(driver, base, PASSWORD)
    assert path_of(driver) == "/signin/2fa"
    driver.get(base + "/account")
    assert path_of(driver) == "/signin", "the password alone must not open the account page"
    driver.get(base + "/signin/2fa")
    manual_key = driver.find_element(By.CSS_SELECTOR, ".manual-key").text
    totp = pyotp.TOTP(manual_key.replace(" ", ""))
    otpauth = driver.find_element(By.CSS_SELECTOR, "a[href^='otpauth://totp/']").get_attribute("href")
    assert "secret=" + manual_key.replace(" ", "") in otpauth
    with on_phone(driver):
        assert_fits(driver, "/signin/2fa with the enrolment key")

    console.allow(r"/signin/2fa - Failed to load resource: the server responded with a status of 401")
    submit_and_wait(driver, fill(driver, "form[action='/signin/2fa']", {"code": wrong_code(totp)}))
    assert alert_text(driver) == "验证码不正确或已使用，请重试。"
    assert driver.find_element(By.CSS_SELECTOR, ".manual-key").text == manual_key, "the enrolment key must stay the same after a wrong code"

    enrolment_code = totp.now()
    submit_and_wait(driver, fill(driver, "form[action='/signin/2fa']", {"code": enrolment_code}))
    body = driver.find_element(By.TAG_NAME, "main").text
    assert ADMIN_EMAIL in body
    recovery = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "ul.recovery-codes code")]
    assert len(recovery) == 10 and all(re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code) for code in recovery)
    with on_phone(driver):
        assert_fits(driver, "/account with recovery codes")
    driver.get(base + "/account")
    assert path_of(driver) == "/account"
    assert not driver.find_elements(By.CSS_SELECTOR, "ul.recovery-codes"), "recovery codes are shown once"

    # Sign out: back to /signin, and the account page is closed again.
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/signout'] button[type=submit]"))
    assert path_of(driver) == "/signin"
    driver.get(base + "/account")
    assert path_of(driver) == "/signin"

    # Signing in again needs a code now (no enrolment shown); a wrong one is refused, the next right one works.
    sign_in(driver, base, PASSWORD)
    assert path_of(driver) == "/signin/2fa"
    assert not driver.find_elements(By.CSS_SELECTOR, ".manual-key")
    submit_and_wait(driver, fill(driver, "form[action='/signin/2fa']", {"code": wrong_code(totp)}))
    assert alert_text(driver) == "验证码不正确或已使用，请重试。"
    # A code is good once: the one used for enrolment is refused now; the next step's code is within the allowed drift.
    submit_and_wait(driver, fill(driver, "form[action='/signin/2fa']", {"code": enrolment_code}))
    assert alert_text(driver) == "验证码不正确或已使用，请重试。"
    submit_and_wait(driver, fill(driver, "form[action='/signin/2fa']", {"code": totp.at(time.time() + 30)}))
    assert path_of(driver) == "/console"
    assert ADMIN_EMAIL in driver.find_element(By.TAG_NAME, "main").text

    assert node.terminate() == 0, node.log_tail()


def test_new_agent_sets_a_password_from_the_link_and_signs_in(desk, driver, console):
    """An agent the admin added opens the one-time link, picks a password (a too-short one is refused) and signs in;
    agents need no second factor by default."""
    admin = AdminAPI(desk)
    agent = admin.post("/api/v1/agents", {"name": "新客服", "email": "new-agent@browser.example.com", "role": "agent"})
    link = admin.post(f"/api/v1/agents/{agent['id']}/password-setup", {})["link"]

    driver.get(desk.base_url + link)
    assert driver.find_element(By.NAME, "code").get_attribute("value") == link.split("code=")[1]
    console.allow(r"/password/set - Failed to load resource: the server responded with a status of 400")
    form = "form[action='/password/set']"
    # The browser's own minlength check would stop a short password before it is sent; the server must refuse it too.
    driver.execute_script(f"document.querySelector(\"{form} input[name=password]\").removeAttribute('minlength')")
    submit_and_wait(driver, fill(driver, form, {"password": "short"}))
    assert driver.find_elements(By.CSS_SELECTOR, "[role=alert]")
    submit_and_wait(driver, fill(driver, form, {"password": PASSWORD}))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a[href='/signin']"))

    submit_and_wait(driver, fill(driver, "form[action='/signin']", {"email": "new-agent@browser.example.com", "password": PASSWORD}))
    assert path_of(driver) == "/console"
    assert "new-agent@browser.example.com" in driver.find_element(By.TAG_NAME, "main").text
