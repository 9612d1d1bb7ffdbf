"""/verify in a real browser: a customer pastes what someone sent them. The official site (added by the admin through the
API) is confirmed, look-alikes are warned about with the reason, and a pasted recovery phrase is never shown back."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from browsing import AdminAPI, submit_and_wait

PHRASE = "abandon ability able about above absent absorb abstract absurd abuse access accident"


@pytest.fixture(scope="module")
def registry(desk):
    admin = AdminAPI(desk)
    admin.post("/api/v1/channels", {"kind": "web", "value": "https://www.imwallet.com/", "label": "官方网站", "use": "official"})
    return desk


def check(driver, base: str, value: str):
    """Pastes a value into the check and returns the verdict box."""
    driver.get(base + "/verify")
    field = driver.find_element(By.ID, "verify-value")
    field.send_keys(value)
    submit_and_wait(driver, field.find_element(By.XPATH, "./ancestor::form//button[@type='submit']"))
    boxes = driver.find_elements(By.CSS_SELECTOR, ".verdict[role=status]")
    assert len(boxes) == 1, driver.page_source[:3000]
    return boxes[0]


def test_official_site_is_confirmed_and_listed(registry, driver):
    driver.get(registry.base_url + "/verify")
    assert "imwallet.com" in driver.find_element(By.CSS_SELECTOR, "ul.channels").text
    verdict = check(driver, registry.base_url, "https://support.imwallet.com/login")
    assert "verdict-verified" in verdict.get_attribute("class")
    assert verdict.find_element(By.TAG_NAME, "h2").text == "已核实：这是官方渠道"
    assert "官方网站" in verdict.text


@pytest.mark.parametrize("look_alike", ["https://imwаllet.com/login", "imwallet-support.com"], ids=["cyrillic-a", "extra-word"])
def test_look_alikes_are_warned(registry, driver, look_alike):
    verdict = check(driver, registry.base_url, look_alike)
    assert "verdict-look-alike" in verdict.get_attribute("class")
    assert verdict.find_element(By.TAG_NAME, "h2").text == "警告：这是仿冒的官方渠道"
    assert verdict.find_element(By.CSS_SELECTOR, ".verdict-warning").is_displayed()
    reasons = verdict.find_elements(By.CSS_SELECTOR, "ul.verdict-reasons li")
    assert reasons and "imwallet.com" in reasons[0].text


def test_a_pasted_recovery_phrase_is_not_echoed(registry, driver):
    verdict = check(driver, registry.base_url, PHRASE)
    assert "verdict-secret" in verdict.get_attribute("class")
    assert "助记词" in verdict.text
    source = driver.page_source
    for word in ("abandon", "ability", "accident"):
        assert word not in source, f"{word!r} from the pasted phrase is on the page"
    assert driver.find_element(By.ID, "verify-value").get_attribute("value") == ""
