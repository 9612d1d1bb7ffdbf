"""Browser fixtures: one headless Chromium for the whole run, driven by Selenium against real `walletdesk serve` processes.

The server processes, databases and their clean-up come from Tests/EndToEnd/conftest.py (loaded here as a plain module,
so its fixtures are not registered twice). Chromium and chromedriver are Debian's (`apt-get install chromium
chromium-driver`, which `scripts/test` does); paths can be overridden with WALLETDESK_CHROMIUM and WALLETDESK_CHROMEDRIVER.
Every test fails on a SEVERE browser console entry (script errors, CSP violations, failed loads) unless it declared it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from browsing import DESKTOP, WAIT_SECONDS, start_fresh

_E2E_CONFTEST = Path(__file__).resolve().parent.parent / "EndToEnd" / "conftest.py"
_spec = importlib.util.spec_from_file_location("walletdesk_e2e_processes", _E2E_CONFTEST)
e2e = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = e2e  # dataclasses look their module up by name
_spec.loader.exec_module(e2e)


def _find(env: str, *names: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env] if os.access(os.environ[env], os.X_OK) else None
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def driver():
    """One headless Chromium for every test: starting it is most of the suite's wall time."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = _find("WALLETDESK_CHROMIUM", "chromium", "chromium-browser")
    chromedriver = _find("WALLETDESK_CHROMEDRIVER", "chromedriver")
    if not binary or not chromedriver:
        # Not a skip: scripts/test installs both, and a browser suite that did not run must not look green.
        pytest.fail("Chromium or chromedriver not found: apt-get install chromium chromium-driver (or set WALLETDESK_CHROMIUM/_CHROMEDRIVER)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-features=Translate",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    # A visitor from mainland China: the pages' default language comes from this header.
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.page_load_strategy = "normal"
    # An explicit chromedriver: Selenium then never tries to download one.
    browser = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    browser.set_page_load_timeout(WAIT_SECONDS * 3)
    browser.set_script_timeout(WAIT_SECONDS)
    yield browser
    browser.quit()


class Console:
    """The browser console of one test: SEVERE entries fail the test unless they match a pattern the test allowed."""

    def __init__(self, driver):
        self.driver = driver
        self.allowed: list[re.Pattern] = []
        self.seen: list[dict] = []

    def allow(self, pattern: str) -> None:
        """An entry the test expects, e.g. the 401 of a refused sign-in (Chromium logs every 4xx document as SEVERE)."""
        self.allowed.append(re.compile(pattern))

    def drain(self) -> list[dict]:
        entries = self.driver.get_log("browser")
        self.seen.extend(entries)
        return entries

    def errors(self) -> list[str]:
        self.drain()
        return [entry["message"] for entry in self.seen
                if entry["level"] == "SEVERE" and not any(pattern.search(entry["message"]) for pattern in self.allowed)]


@pytest.fixture(autouse=True)
def console(request, driver):
    """Fails the test on console errors; also clears cookies and restores the desktop window size after it."""
    driver.get_log("browser")  # drop what earlier tests left
    watch = Console(driver)
    yield watch
    errors = watch.errors()
    driver.delete_all_cookies()
    driver.set_window_size(*DESKTOP)
    assert not errors, "browser console errors:\n" + "\n".join(errors)


@pytest.fixture(scope="module")
def launcher(tmp_path_factory):
    launcher = e2e.Launcher(tmp_path_factory.mktemp("logs"))
    yield launcher
    launcher.cleanup()


@pytest.fixture(scope="module")
def backends(tmp_path_factory):
    """Fresh databases by kind ("sqlite" or "postgres"), all removed at the end of the module."""
    factories: dict[str, e2e.BackendFactory] = {}

    def make(kind: str) -> e2e.Backend:
        if kind == "postgres" and not e2e.PG_ADMIN_URL:
            pytest.skip(e2e.NO_PG_REASON)
        if kind not in factories:
            factories[kind] = e2e.BackendFactory(kind, tmp_path_factory.mktemp(f"data-{kind}"))
        return factories[kind]()

    yield make
    for factory in factories.values():
        factory.cleanup()


@pytest.fixture(scope="module")
def desk(launcher, backends):
    """A SQLite server already set up through the API (admin token in `desk.token`), for the public pages."""
    node = start_fresh(launcher, backends("sqlite"))
    node.complete_setup()
    yield node
    assert node.terminate() == 0, node.log_tail()
