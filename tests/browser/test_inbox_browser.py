"""In Chromium: a manager narrows the responses inbox with its filters and search, opens an
answer, tags it and opens a recovery case from it; an agent makes a delivery promise in the
app, in English and in Lithuanian."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kliento.access.roles import Role
from kliento.interactions.services import channels_ensure
from kliento.promises.models import Promise
from kliento.recovery.models import RecoveryCase
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)

PASSWORD = "correct horse battery"  # the user factory's
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def inbox_site(live_server, transactional_db):
    channels = channels_ensure()
    UserFactory(username="egle", first_name="Eglė", last_name="Vadovė", role=Role.MANAGER)
    team = TeamFactory(name="Vilnius")
    agent = AgentFactory(user=UserFactory(username="rasa", first_name="Rasa",
                                          last_name="Kazlauskienė", role=Role.AGENT), team=team)
    desk = TouchpointFactory(name="Pristatymas")
    now = timezone.now()
    texts = [(2, "Siuntimas VĖLAVO dvi dienas, niekas nepranešė."),
             (9, "Puikus aptarnavimas, ačiū Rasai!"),
             (5, "Kaina per didelė, bet prekė gera."),
             (10, ""), (3, "Kurjeris buvo nemandagus.")]
    for hours, (nps, comment) in enumerate(texts, start=1):
        customer = CustomerFactory(full_name=f"Klientas {hours} Žemaitis",
                                   email=f"k{hours}@example.lt")
        call = InteractionFactory(customer=customer, agent=agent, team=team,
                                  channel=channels["phone"], touchpoint=desk,
                                  opened_at=now - timedelta(days=1, hours=hours))
        SurveyResponseFactory(customer=customer, interaction=call, nps=nps, comment=comment,
                              touchpoint=desk, channel=channels["phone"],
                              responded_at=now - timedelta(hours=hours))
    jurate = CustomerFactory(full_name="Jūratė Jonaitė", email="jurate@example.lt",
                             phone="+370 612 34567")
    InteractionFactory(customer=jurate, agent=agent, team=team, channel=channels["phone"],
                       opened_at=now - timedelta(hours=3))
    return live_server.url


def sign_in(page, site: str, username: str, path: str):
    page.goto(f"{site}{path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(re.escape(path) + "$"))


@pytest.mark.browser
def test_a_manager_filters_searches_tags_and_opens_a_case(inbox_site, browser_page):
    page = browser_page
    sign_in(page, inbox_site, "egle", "/surveys/responses/")
    rows = page.locator("#response-list tbody tr")
    expect(rows).to_have_count(5)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "inbox.png"), full_page=True)

    page.select_option("#id_score_class", "detractor")  # htmx reloads the list: 2, 5 and 3
    expect(rows).to_have_count(3)
    expect(page).to_have_url(re.compile(r"score_class=detractor"))
    page.fill("#id_q", "velavo")  # no accent, lower case
    page.locator("#id_q").dispatch_event("change")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Siuntimas VĖLAVO")
    page.select_option("#id_score_class", "")
    page.select_option("#id_has_comment", "no")
    page.fill("#id_q", "")
    page.locator("#id_q").dispatch_event("change")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".score.nps")).to_have_text("NPS 10")

    page.select_option("#id_has_comment", "")
    page.fill("#id_q", "kurjeris")
    page.locator("#id_q").dispatch_event("change")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Kurjeris buvo nemandagus.")  # the swap has landed
    rows.first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/surveys/responses/\d+/"))
    expect(page.locator("[data-comment]")).to_have_text("Kurjeris buvo nemandagus.")
    page.fill("#id_name", "Kurjeris")
    page.get_by_role("button", name="Add the tag").click()
    expect(page.locator(".response-tags .tag")).to_contain_text("kurjeris")
    page.get_by_role("link", name="All responses").click()
    expect(rows).to_have_count(1)  # back to the same filtered list
    expect(page.locator("#id_q")).to_have_value("kurjeris")
    page.goto(f"{inbox_site}/surveys/responses/?tag=kurjeris")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link").click()
    page.get_by_role("button", name="Open a recovery case").click()
    page.wait_for_url(re.compile(r"/recovery/\d+/$"))
    case = RecoveryCase.objects.get()
    assert case.survey_response.comment == "Kurjeris buvo nemandagus."


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "lt"])
def test_an_agent_makes_a_delivery_promise_in_the_app(inbox_site, browser_page, language):
    page = browser_page
    prefix = "" if language == "en" else f"/{language}"
    sign_in(page, inbox_site, "rasa", f"{prefix}/promises/new/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.fill("#id_customer", "612 34567")
    page.select_option("#id_kind", "delivery")
    page.fill("#id_description", "Sofos pristatymas į namus")
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_due_at", due)
    page.fill("#id_model", "Sofa Oslo")
    page.fill("#id_colour", "pilka")
    page.fill("#id_size", "3 vietų")
    page.fill("#id_accessories", "pagalvėlės, kojelės")
    page.locator("#promise-form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(f"{prefix}/promises/") + "$"))
    expect(page.locator("#promise-list")).to_contain_text("Sofa Oslo")
    promise = Promise.objects.get()
    assert promise.customer.email == "jurate@example.lt"
    assert promise.specification["accessories"] == ["pagalvėlės", "kojelės"]
