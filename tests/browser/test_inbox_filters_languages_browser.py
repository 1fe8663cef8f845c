"""In Chromium, in Latvian and Russian: the responses inbox narrows by score class and by an
accent-blind search, as it does in English (tests/browser/test_inbox_browser.py)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_inbox_browser import inbox_site, sign_in  # noqa: F401  (fixture)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["lv", "ru"])
def test_inbox_filters_in_another_language(inbox_site, browser_page, language):  # noqa: F811
    page = browser_page
    sign_in(page, inbox_site, "egle", "/surveys/responses/")
    page.goto(f"{inbox_site}/{language}/surveys/responses/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    rows = page.locator("#response-list tbody tr")
    expect(rows).to_have_count(5)
    page.select_option("#id_score_class", "detractor")  # 2, 5 and 3
    expect(rows).to_have_count(3)
    page.fill("#id_q", "velavo")  # "VĖLAVO" without its accent
    page.locator("#id_q").dispatch_event("change")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Siuntimas VĖLAVO")
    assert f"/{language}/surveys/responses/" in page.url  # still the same language
