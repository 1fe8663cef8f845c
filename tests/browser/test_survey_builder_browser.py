"""In Chromium: a manager reorders a survey's questions, previews it in another language, and
is told which language a new question lacks instead of the form silently refusing to send —
in English and in Latvian."""

import re

import pytest
from playwright.sync_api import expect

from kliento.access.roles import Role
from kliento.surveys.services import survey_create
from tests.factories import UserFactory

PASSWORD = "correct horse battery"  # the user factory's
POLISH = {"en": "Polish", "lv": "Poļu"}  # the language's name as the page names it


@pytest.fixture
def builder_site(live_server, transactional_db):
    UserFactory(username="egle", first_name="Eglė", last_name="Vadovė", role=Role.MANAGER)
    survey = survey_create(name="Po pristatymo", blocks=["nps", "csat", "comment"])
    return live_server.url, survey


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "lv"])
def test_reorder_preview_and_a_missing_language(builder_site, browser_page, language):
    site, survey = builder_site
    page = browser_page
    prefix = "" if language == "en" else f"/{language}"
    path = f"{prefix}/surveys/{survey.pk}/"
    page.goto(f"{site}{path}")
    page.fill("#id_username", "egle")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", language)

    order = list(survey.questions.order_by("position").values_list("pk", flat=True))
    first = page.locator("#questions li").first
    expect(first).to_have_attribute("data-question", str(order[0]))
    first.locator("button[value=down]").click()
    expect(page.locator("#questions li").first).to_have_attribute("data-question",
                                                                   str(order[1]))
    expect(page.locator("#questions li").nth(1)).to_have_attribute("data-question",
                                                                    str(order[0]))

    page.click("a[data-preview=pl]")
    page.wait_for_url(re.compile(r"/preview/\?lang=pl$"))
    expect(page.locator("#preview")).to_contain_text("Jak bardzo prawdopodobne jest")
    expect(page.locator("#preview button")).to_be_disabled()

    page.goto(f"{site}{path}")
    page.click("details.card summary")
    page.select_option("#id_kind", "text")
    for code in ("en", "lt", "lv", "ru"):  # Polish left out
        page.fill(f"#id_text_{code}", f"Kas vēl? ({code})")
    page.click("details.card form button[type=submit]")
    # The form was sent (no silent refusal by the browser) and names the missing language.
    expect(page.locator("details.card .form-error").first).to_be_visible()
    expect(page.locator("details.card")).to_contain_text(POLISH[language])
    assert survey.questions.count() == 3

