"""What the browser tests share besides fixtures: constants, bounded waits, the admin's API client."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "correct horse battery staple 9"
ADMIN_EMAIL = "first-admin@browser.example.com"
# Bounded waits: a page load or a condition on it never takes longer than this.
WAIT_SECONDS = 10
DESKTOP = (1280, 900)
PHONE = (390, 844)


def start_fresh(launcher, backend):
    """A server on an empty database, as an operator starts it the first time (lowest bcrypt cost: tests, not production)."""
    return launcher.start(backend, env={"WALLETDESK_BCRYPT_COST": "4"})


class AdminAPI:
    """The admin's API token, for arranging what a test needs before the browser looks at it."""

    def __init__(self, node):
        self.node = node

    def get(self, path: str) -> dict:
        response = requests.get(self.node.base_url + path, headers={"Authorization": f"Bearer {self.node.token}"}, timeout=10)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text[:500]}"
        return response.json()

    def post(self, path: str, body: dict) -> dict:
        response = requests.post(self.node.base_url + path, json=body, headers={"Authorization": f"Bearer {self.node.token}"}, timeout=10)
        assert response.status_code in (200, 201), f"POST {path}: {response.status_code} {response.text[:500]}"
        return response.json()


def submit_and_wait(driver, clickable) -> None:
    """Clicks a submit button (or link) and waits, bounded, until a new document replaced this one and finished loading.

    The old window's globals vanish with it, so a marker set before the click tells the new document from the old one
    without racing the navigation the way element staleness checks do.
    """
    driver.execute_script("window.__walletdeskBeforeClick = true")
    clickable.click()
    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.__walletdeskBeforeClick === undefined && document.readyState === 'complete'")
    )


def path_of(driver) -> str:
    parts = urlsplit(driver.current_url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@contextmanager
def on_phone(driver):
    """Emulates a phone (390×844 CSS pixels, mobile, so the page's viewport meta tag is honoured) until the block ends."""
    driver.set_window_size(*PHONE)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 3, "mobile": True})
    try:
        yield driver
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.set_window_size(*DESKTOP)


def assert_fits(driver, what: str) -> None:
    width, scroll_width = driver.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
    # Without a working viewport meta tag a phone lays the page out 980 px wide and this would pass for the wrong reason.
    assert width == PHONE[0], f"{what}: the layout viewport is {width} px wide, not the phone's {PHONE[0]}"
    if scroll_width > width:
        wide = driver.execute_script(
            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
            ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
        )
        pytest.fail(f"{what}: scrolls sideways on a phone ({scroll_width} > {width}); too wide: {wide}")
