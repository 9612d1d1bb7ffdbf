"""The help center as a customer uses it in a real browser: Chinese by default, the language links keep you on the page
(and the search), Chinese searches find the starter articles with highlighted words, an article opens, a vote counts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.by import By

from browsing import AdminAPI, path_of, submit_and_wait


def html_lang(driver) -> str:
    return driver.find_element(By.TAG_NAME, "html").get_attribute("lang")


def switch_language(driver, code: str) -> None:
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f"nav.languages a[hreflang='{code}']"))
    assert html_lang(driver) == code
    assert driver.find_element(By.CSS_SELECTOR, f"nav.languages strong[lang='{code}']"), "the current language is marked"


def search(driver, query: str) -> None:
    form = driver.find_element(By.CSS_SELECTOR, "form.help-search")
    field = form.find_element(By.NAME, "q")
    field.clear()
    field.send_keys(query)
    submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def result_slugs(driver) -> list[str]:
    links = driver.find_elements(By.CSS_SELECTOR, "ol.help-results > li > a")
    return [urlsplit(link.get_attribute("href")).path.rsplit("/", 1)[-1] for link in links]


def test_help_home_in_three_languages(desk, driver):
    driver.get(desk.base_url + "/help")
    assert html_lang(driver) == "zh-CN"
    assert driver.find_element(By.TAG_NAME, "h1").text == "有什么可以帮您？"
    assert driver.find_elements(By.CSS_SELECTOR, "a[href='/help/categories/funds']")

    switch_language(driver, "en")
    assert path_of(driver) == "/help?lang=en"
    assert driver.find_element(By.TAG_NAME, "h1").text != "有什么可以帮您？"
    assert driver.find_element(By.CSS_SELECTOR, "a[href='/help/categories/funds']").text == "Deposits, withdrawals and transfers"

    switch_language(driver, "zh-TW")
    assert urlsplit(driver.current_url).path == "/help"
    assert driver.find_element(By.CSS_SELECTOR, "a[href='/help/categories/funds']").text == "充值、提現與轉帳"
    # The choice is remembered: the next page without ?lang= stays in Traditional Chinese.
    driver.get(desk.base_url + "/verify")
    assert html_lang(driver) == "zh-TW"
    driver.get(desk.base_url + "/help")
    switch_language(driver, "zh-CN")


def test_chinese_search_highlights_and_survives_a_language_switch(desk, driver):
    driver.get(desk.base_url + "/help")
    search(driver, "提币")
    assert urlsplit(driver.current_url).path == "/help/search"
    assert "withdrawal-failed" in result_slugs(driver)
    marks = [mark.text for mark in driver.find_elements(By.CSS_SELECTOR, "ol.help-results mark")]
    # The words themselves are marked, and their synonyms (提现 for 提币) too.
    assert "提币" in marks and set(marks) <= {"提币", "提现", "提幣", "提現"}, marks
    assert driver.find_element(By.NAME, "q").get_attribute("value") == "提币"

    # Switching language keeps the query; the zh-CN article is shown with a note of its language.
    switch_language(driver, "en")
    assert parse_qs(urlsplit(driver.current_url).query)["q"] == ["提币"]
    assert driver.find_element(By.NAME, "q").get_attribute("value") == "提币"
    assert "withdrawal-failed" in result_slugs(driver)
    switch_language(driver, "zh-CN")

    search(driver, "充值未到账")
    slugs = result_slugs(driver)
    assert "transaction-pending-or-missing" in slugs[:3], slugs
    assert driver.find_elements(By.CSS_SELECTOR, "ol.help-results mark")


def test_open_an_article_and_vote_helpful(desk, driver):
    admin = AdminAPI(desk)

    def helpful_votes() -> int:
        articles = admin.get("/api/v1/kb/articles")["items"]
        return next(article["helpfulVotes"] for article in articles if article["slug"] == "transaction-pending-or-missing")

    before = helpful_votes()
    driver.get(desk.base_url + "/help")
    search(driver, "充值未到账")
    link = next(link for link in driver.find_elements(By.CSS_SELECTOR, "ol.help-results > li > a")
                if link.get_attribute("href").endswith("/help/articles/transaction-pending-or-missing"))
    title = link.text
    submit_and_wait(driver, link)
    assert urlsplit(driver.current_url).path == "/help/articles/transaction-pending-or-missing"
    assert driver.find_element(By.CSS_SELECTOR, "article h1").text == title
    assert "交易哈希" in driver.find_element(By.CSS_SELECTOR, "article .help-body").text

    form = driver.find_element(By.CSS_SELECTOR, "section.help-vote form")
    form.find_element(By.NAME, "comment").send_keys("写得很清楚")
    submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[name=helpful][value=yes]"))
    assert parse_qs(urlsplit(driver.current_url).query).get("voted") == ["1"]
    assert driver.find_element(By.CSS_SELECTOR, "section.help-vote [role=status]").text == "感谢您的反馈！"
    assert not driver.find_elements(By.CSS_SELECTOR, "section.help-vote form"), "the vote form is replaced by the thanks"
    assert helpful_votes() == before + 1
