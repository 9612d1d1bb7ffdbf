"""The public pages on a phone (390×844 CSS pixels, emulated as a mobile device so the viewport meta tag counts): nothing
is wider than the screen, so nobody has to scroll sideways to read help or to sign in."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from browsing import AdminAPI, assert_fits, on_phone, submit_and_wait

LONG_LINK = "https://imwallet-support-center-official-verification.example-phishing-domain.com/" + "a" * 120


@pytest.fixture
def phone(driver):
    with on_phone(driver):
        yield driver


@pytest.mark.parametrize("path", [
    "/help", "/help?lang=en", "/help/search?q=%E6%8F%90%E5%B8%81", "/help/articles/transaction-pending-or-missing",
    "/help/categories/funds", "/signin", "/signin?lang=en", "/verify", "/setup",
])
def test_page_fits_a_phone(desk, phone, path):
    phone.get(desk.base_url + path)
    assert phone.find_element(By.TAG_NAME, "h1").is_displayed()
    assert_fits(phone, path)


def test_verify_result_with_a_long_link_fits_a_phone(desk, phone):
    AdminAPI(desk).post("/api/v1/channels", {"kind": "web", "value": "phone-width.example.com", "label": "官方网站（手机）", "use": "official"})
    phone.get(desk.base_url + "/verify")
    field = phone.find_element(By.ID, "verify-value")
    field.send_keys(LONG_LINK)
    submit_and_wait(phone, field.find_element(By.XPATH, "./ancestor::form//button[@type='submit']"))
    assert phone.find_element(By.CSS_SELECTOR, ".verdict[role=status]").is_displayed()
    assert_fits(phone, "/verify with a long link")
