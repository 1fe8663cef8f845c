"""A customer fills in the survey on a phone, in each of the five languages."""

import pytest
from playwright.sync_api import expect

from kliento.customers.models import Customer
from kliento.interactions.services import channels_ensure
from kliento.surveys.models import Invitation, SurveyResponse
from kliento.surveys.services import invitation_create, survey_create

# What each language's page must say, so a wrong or missing translation fails the test.
NPS_QUESTION = {
    "en": "How likely are you to recommend us",
    "lt": "Kaip tikėtina, kad rekomenduotumėte mus",
    "lv": "Cik ticams, ka jūs mūs ieteiktu",
    "ru": "Насколько вероятно, что вы порекомендуете нас",
    "pl": "Jak bardzo prawdopodobne jest, że polecisz nas",
}
NAMES = {"en": "Emily Clarke", "lt": "Jūratė Ąžuolaitė", "lv": "Līga Bērziņa",
         "ru": "Анна Кузнецова", "pl": "Małgorzata Wójcik"}


@pytest.fixture
def phone_page(browser_page):
    browser_page.set_viewport_size({"width": 390, "height": 844})
    return browser_page


@pytest.fixture
def survey_link(live_server, transactional_db):
    def make(language: str) -> str:
        channels = channels_ensure()
        survey = survey_create(name=f"Browser {language}", blocks=["nps", "kv", "comment"])
        customer = Customer.objects.create(full_name=NAMES[language], email="",
                                           preferred_language=language,
                                           consents_to_surveys=True)
        _invitation, url = invitation_create(
            survey=survey, customer=customer, channel=channels["store"],
            delivery=Invitation.Delivery.LINK, base_url=live_server.url)
        return url
    return make


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "lt", "lv", "ru", "pl"])
def test_a_customer_answers_on_a_phone_in_their_language(phone_page, survey_link, language):
    page = phone_page
    page.goto(survey_link(language))
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("fieldset legend").first).to_contain_text(NPS_QUESTION[language])
    # Nothing sticks out sideways on a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Answer with the keyboard and by tapping, as customers do.
    page.locator("fieldset").nth(0).get_by_label("9", exact=True).check()
    page.locator("fieldset").nth(1).get_by_label("6", exact=True).focus()
    page.keyboard.press("Space")
    page.locator("fieldset").nth(2).locator("label", has_text="8").first.click()
    page.locator("textarea").fill(f"{NAMES[language]}: ačiū / thanks / спасибо")
    page.locator("input[name=full_name]").fill(NAMES[language] + "-Test")
    page.locator("button[value=send]").click()

    expect(page.locator("h1")).not_to_contain_text(NPS_QUESTION[language])
    assert "sent=1" in page.url
    response = SurveyResponse.objects.get(survey__name=f"Browser {language}")
    assert (response.nps, response.expectation, response.experience) == (9, 6, 8)
    assert response.language == language
    assert response.comment.startswith(NAMES[language])
    assert response.customer.full_name == NAMES[language] + "-Test"


@pytest.mark.browser
def test_a_missing_answer_is_marked_and_the_language_can_be_switched(phone_page, survey_link):
    page = phone_page
    page.goto(survey_link("lt"))
    page.get_by_role("link", name="Polski").click()
    expect(page.locator("fieldset legend").first).to_contain_text(NPS_QUESTION["pl"])
    page.locator("button[value=send]").click()
    expect(page.locator("[role=alert]").first).to_be_visible()
    assert page.locator(".s-invalid").count() == 3  # NPS and the KV pair are required
    assert page.locator("html").get_attribute("lang") == "pl"
    assert SurveyResponse.objects.count() == 0


@pytest.mark.browser
def test_used_expired_and_tampered_links_and_a_forged_answer_are_refused(phone_page,
                                                                          survey_link):
    from datetime import timedelta

    from django.utils import timezone

    page = phone_page
    url = survey_link("en")
    # A forged answer: the page offers 0–10, the request says 11.
    page.goto(url)
    page.evaluate("""() => {
        const radio = document.querySelector('fieldset input[type=radio]');
        radio.value = '11'; radio.checked = true;
    }""")
    page.locator("fieldset").nth(1).get_by_label("6", exact=True).check()
    page.locator("fieldset").nth(2).get_by_label("8", exact=True).check()
    page.locator("button[value=send]").click()
    expect(page.locator(".s-field-error").first).to_contain_text("Choose a number from 0 to 10")
    assert SurveyResponse.objects.count() == 0

    # Answered properly, the link is used up.
    page.locator("fieldset").nth(0).get_by_label("10", exact=True).check()
    page.locator("button[value=send]").click()
    expect(page.locator("h1")).to_have_text("Thank you!")
    page.goto(url)
    expect(page.locator("h1")).to_have_text("You have already answered")
    assert SurveyResponse.objects.count() == 1

    expired = survey_link("lt")
    Invitation.objects.filter(customer__full_name=NAMES["lt"]).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    page.goto(expired + "?lang=en")
    expect(page.locator("h1")).to_have_text("This survey has closed")

    page.goto(url[:-5] + "AAAA/")
    expect(page.locator("h1")).to_have_text("We could not find this survey")
    assert SurveyResponse.objects.count() == 1
