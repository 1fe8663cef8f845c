"""An agent walks a recovery case end to end in Chromium: from a detractor's answer through
listening, confirming, agreeing, compensating within the limit, to the customer's follow-up
answer and a recovered customer."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kliento.access.roles import Role
from kliento.interactions.models import Interaction
from kliento.interactions.services import channels_ensure
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.recovery.services import recovery_cases_open_for_new_signals
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    UserFactory,
)

PASSWORD = "correct horse battery"  # the user factory's


@pytest.fixture
def recovery_site(live_server, transactional_db):
    channels = channels_ensure()
    agent = AgentFactory(user=UserFactory(username="rasa", first_name="Rasa",
                                          last_name="Kazlauskienė", role=Role.AGENT))
    customer = CustomerFactory(full_name="Jūratė Ąžuolaitė", email="jurate@example.lt")
    now = timezone.now()
    call = InteractionFactory(customer=customer, agent=agent, channel=channels["phone"],
                              opened_at=now - timedelta(days=1))
    SurveyResponseFactory(customer=customer, interaction=call, nps=3,
                          responded_at=now - timedelta(hours=2),
                          comment="Žadėjo perskambinti ir niekas nepaskambino.")
    recovery_cases_open_for_new_signals(now=now)
    return live_server.url


def save(page, button: str):
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_an_agent_walks_a_recovery_case_to_a_recovered_customer(recovery_site, browser_page):
    page = browser_page
    page.goto(f"{recovery_site}/recovery/")
    assert "/login/" in page.url
    page.fill("#id_username", "rasa")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/recovery/$"))

    row = page.locator("#case-list tbody tr").first
    expect(row).to_contain_text("Jūratė Ąžuolaitė")
    expect(row.locator(".tag")).to_have_text("mine")
    row.get_by_role("link", name="Jūratė Ąžuolaitė").click()
    page.wait_for_url(re.compile(r"/recovery/\d+/$"))
    expect(page.locator(".stepper [aria-current=step]")).to_contain_text("Listen")
    expect(page.locator("blockquote.said")).to_have_text(
        "Žadėjo perskambinti ir niekas nepaskambino.")

    # 1. Listen.
    page.fill("#id_listening_notes", "Laukė skambučio visą dieną; niekas nepaskambino.")
    save(page, "Save the notes")
    expect(page.locator(".flash")).to_contain_text("Saved.")
    expect(page.locator(".stepper [aria-current=step]")).to_contain_text("Paraphrase")

    # 2. Paraphrase and confirm; the cause comes suggested from the customer's words.
    expect(page.locator("input[name=cause][value=reliability]")).to_be_checked()
    page.fill("#id_problem_paraphrase", "Žadėjome perskambinti ir nepaskambinome.")
    page.fill("#id_customer_expectation", "Kad paskambintume šiandien.")
    page.check("#id_customer_confirmed")
    save(page, "Save")
    expect(page.locator(".stepper [aria-current=step]")).to_contain_text("Agree")

    # 3. Agree.
    page.fill("#id_agreed_solution", "Rasa paskambins iki 15 val.; pristatymas rytoj.")
    save(page, "Record the agreement")

    # 4. Compensate: above the limit is refused and nothing is stored; within it, granted.
    expect(page.locator("#compensation-limit")).to_contain_text("30.00 € per case")
    page.fill("#id_amount", "50")
    page.select_option("#id_kind", "discount")
    page.fill("#id_reason", "Atsiprašome už neįvykusį skambutį.")
    save(page, "Grant")
    expect(page.locator("#step-compensate [role=alert]")).to_contain_text(
        "above your limit of 30.00 € per case")
    assert CompensationGrant.objects.count() == 0
    page.fill("#id_amount", "20")
    page.fill("#id_reason", "Atsiprašome už neįvykusį skambutį.")
    save(page, "Grant")
    expect(page.locator("#grants tbody tr")).to_have_count(1)
    expect(page.locator("#grants")).to_contain_text("20.00 €")
    save(page, "The solution is delivered: mark the case resolved")
    expect(page.locator("#case-status")).to_have_text("Resolved")

    # 5. Follow up: a link to pass on, which the customer answers on their side.
    page.select_option("#id_delivery", "link")
    save(page, "Send the follow-up survey")
    link = page.locator("#follow-up-link a").get_attribute("href")
    case_url = page.url.split("#")[0]
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "lt"
    page.locator("fieldset").nth(0).get_by_label("9", exact=True).check()
    page.locator("fieldset").nth(1).get_by_label("6", exact=True).check()
    page.locator("fieldset").nth(2).get_by_label("9", exact=True).check()
    page.locator("button[value=send]").click()
    page.wait_for_url(re.compile(r"sent=1"))

    page.goto(case_url)
    expect(page.locator("#step-follow_up")).to_contain_text("would recommend us 9 of 10")
    save(page, "Record the answer and close the case")
    expect(page.locator("#follow-up-result")).to_have_text(
        "Would recommend us: 3 before, 9 now.")
    expect(page.locator("#case-status")).to_have_text("Closed")
    expect(page.locator(".stepper .step-done")).to_have_count(5)

    case = RecoveryCase.objects.get()
    assert (case.status, case.cause, case.score_before, case.follow_up_score) == (
        "closed", "reliability", 3, 9)
    assert case.first_contact_at is not None and case.customer_confirmed_at is not None
    grant = CompensationGrant.objects.get()
    assert (str(grant.amount), grant.granted_by.username, grant.approved_by) == (
        "20.00", "rasa", None)
    assert Interaction.objects.get().cause is None  # a call, not a complaint

    # The loop is closed: the list's KPIs count a recovered customer.
    page.goto(f"{recovery_site}/recovery/")
    expect(page.locator('[data-kpi="recovery_rate"]')).to_have_text("100 %")
    expect(page.locator('[data-kpi="compensation_per_recovered"]')).to_have_text("20.00 €")
