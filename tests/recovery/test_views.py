"""The recovery pages: the list (mine first, overdue marked) and a case walked step by step."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kliento.recovery import views
from kliento.recovery.models import RecoveryCase
from kliento.recovery.services import recovery_case_listen, recovery_cases_open_for_new_signals
from kliento.surveys.models import Invitation
from tests.factories import CustomerFactory, InteractionFactory, SurveyResponseFactory
from tests.recovery.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def rasa(client, agent):
    client.force_login(agent.user)
    return client


@pytest.fixture
def case(detractor):
    recovery_cases_open_for_new_signals(now=NOW)
    return RecoveryCase.objects.get()


def step(client, case, name, **fields):
    return client.post(reverse("recovery:detail", args=[case.pk]), {"step": name, **fields})


def test_the_pages_need_a_login(client, case):
    for url in (reverse("recovery:list"), reverse("recovery:detail", args=[case.pk])):
        assert "/login/" in client.get(url).url
    assert "/login/" in client.post(reverse("recovery:open"), {}).url


def test_an_unknown_case_is_not_found(rasa):
    assert rasa.get(reverse("recovery:detail", args=[999999])).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_list_puts_my_cases_first_and_marks_the_overdue(client, channels, agent, lead):
    InteractionFactory(kind="complaint", agent=agent, team=agent.team,
                       customer=CustomerFactory(full_name="Ona Kito"),
                       opened_at=NOW - timedelta(hours=30))  # Rasa's, overdue
    InteractionFactory(kind="complaint", team=agent.team,
                       customer=CustomerFactory(full_name="Mano Klientė"),
                       opened_at=NOW - timedelta(hours=1))  # the lead's own, due tomorrow
    recovery_cases_open_for_new_signals(now=NOW)
    client.force_login(agent.user)  # an agent sees her own cases only
    rasas = client.get(reverse("recovery:list")).content.decode()
    assert "Ona Kito" in rasas and "Mano Klientė" not in rasas
    rasa = client
    rasa.force_login(lead)  # her lead sees the team's, her own first
    page = rasa.get(reverse("recovery:list"))
    html = page.content.decode()
    assert html.index("Mano Klientė") < html.index("Ona Kito")
    rows = html.split("<tr")
    mine = next(row for row in rows if "Mano Klientė" in row)
    other = next(row for row in rows if "Ona Kito" in row)
    assert 'class="mine"' in mine and "overdue" not in mine
    assert "overdue" in other and "mine" not in other.split(">")[0]
    assert 'data-kpi="broken_promise_share"' in html and 'data-kpi="recovery_rate"' in html

    only_mine = rasa.get(reverse("recovery:list"), {"mine": "on"}).content.decode()
    assert "Mano Klientė" in only_mine and "Ona Kito" not in only_mine


def test_the_list_filters_by_status_and_pages(rasa, channels, agent, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for hours in range(3):
        InteractionFactory(kind="complaint", agent=agent, opened_at=NOW - timedelta(hours=hours))
    recovery_cases_open_for_new_signals(now=NOW)
    recovery_case_listen(RecoveryCase.objects.first(), notes="Išklausėme.", now=NOW)
    first = rasa.get(reverse("recovery:list")).content.decode()
    assert "Page 1 of 2" in first and "page=2" in first
    assert rasa.get(reverse("recovery:list"), {"page": 2}).context["page"].number == 2
    progress = rasa.get(reverse("recovery:list"), {"status": "in_progress"})
    assert len(progress.context["page"].object_list) == 1
    closed = rasa.get(reverse("recovery:list"), {"status": "closed"}).content.decode()
    assert "No cases here." in closed


def test_the_list_takes_as_many_queries_for_six_cases_as_for_one(rasa, channels, agent):
    def queries() -> int:
        recovery_cases_open_for_new_signals(now=NOW)
        with CaptureQueriesContext(connection) as captured:
            rasa.get(reverse("recovery:list"))
        return len(captured)

    InteractionFactory(kind="complaint", agent=agent, opened_at=NOW)
    one = queries()
    for hours in range(1, 6):
        InteractionFactory(kind="complaint", agent=agent, opened_at=NOW - timedelta(hours=hours))
    assert queries() == one


def test_the_case_page_pre_selects_the_suggested_cause(rasa, case):
    page = rasa.get(reverse("recovery:detail", args=[case.pk]))
    html = page.content.decode()
    assert page.context["steps"][0]["state"] == "current"
    assert 'value="reliability"' in html
    checked = html[html.index('value="reliability"') - 80:html.index('value="reliability"') + 80]
    assert "checked" in checked
    assert "Suggested from the customer's words: Reliability: a broken promise · 75 %" in html
    assert "Žadėjo perskambinti ir niekas nepaskambino." in html  # what the customer wrote


def test_walking_a_case_on_its_page(rasa, case, channels):
    listened = step(rasa, case, "listen", listening_notes="Laukė skambučio visą dieną.")
    assert listened.status_code == 302 and listened["Location"].endswith("#step-confirm")

    confirmed = step(rasa, case, "confirm", problem_paraphrase="Nepaskambinome.",
                     customer_expectation="Skambučio šiandien.", customer_confirmed="on",
                     cause="responsiveness")
    assert confirmed["Location"].endswith("#step-agree")
    step(rasa, case, "agree", agreed_solution="Paskambinsime iki 15 val.")
    step(rasa, case, "resolve")
    stored = RecoveryCase.objects.get()
    assert (stored.status, stored.cause) == ("resolved", "responsiveness")
    assert stored.customer_confirmed_at is not None

    page = step(rasa, case, "follow_up", delivery="link")
    assert page.status_code == 200  # the link is shown once, not redirected away
    url = page.context["follow_up_url"]
    assert url.startswith("http://testserver/s/")
    assert url in page.content.decode()
    assert Invitation.objects.get().delivery == "link"
    assert [s["state"] for s in page.context["steps"]] == [
        "done", "done", "done", "done", "current"]


def test_a_step_out_of_order_shows_why_and_stores_nothing(rasa, case):
    page = step(rasa, case, "agree", agreed_solution="Sprendimas.")
    assert page.status_code == 200
    assert "First have the customer confirm" in page.content.decode()
    assert RecoveryCase.objects.get().agreed_solution == ""


def test_a_missing_field_is_marked(rasa, case):
    page = step(rasa, case, "listen", listening_notes="")
    assert page.status_code == 200
    assert 'class="form-row invalid"' in page.content.decode()
    assert RecoveryCase.objects.get().listening_notes == ""


def test_a_refused_follow_up_says_why(rasa, case, channels):
    case.customer.consents_to_surveys = False
    case.customer.save()
    step(rasa, case, "listen", listening_notes="Išklausėme.")
    step(rasa, case, "confirm", problem_paraphrase="P.", customer_expectation="L.",
         customer_confirmed="on", cause="reliability")
    step(rasa, case, "agree", agreed_solution="S.")
    step(rasa, case, "resolve")
    page = step(rasa, case, "follow_up", delivery="email")
    html = page.content.decode()
    assert "has not agreed to be asked for feedback" in html
    assert not Invitation.objects.exists()


def test_taking_a_case(client, case, lead):
    client.force_login(lead)
    taken = step(client, case, "assign")
    assert taken.status_code == 302
    assert RecoveryCase.objects.get().assignee == lead


def test_opening_a_case_for_a_customer_on_the_phone(rasa, channels, agent, lead):
    customer = CustomerFactory(email="skambina@example.lt")
    InteractionFactory(customer=customer, agent=agent, team=agent.team)  # the team's customer
    fields = {"open-customer": "skambina@example.lt",
              "open-notes": "Technikas paliko purvą ant grindų."}
    assert rasa.post(reverse("recovery:open"), fields).status_code == 403  # a lead's call
    rasa.force_login(lead)
    opened = rasa.post(reverse("recovery:open"), fields)
    case = RecoveryCase.objects.get()
    assert opened["Location"] == reverse("recovery:detail", args=[case.pk])
    assert (case.assignee, case.trigger, case.status) == (lead, "manual", "in_progress")
    assert case.suggested_cause == "reliability"


def test_opening_for_an_unknown_customer_says_so(rasa, lead):
    rasa.force_login(lead)
    opened = rasa.post(reverse("recovery:open"), {"open-customer": "niekas@example.lt"},
                       follow=True)
    assert "No customer matches" in opened.content.decode()
    assert not RecoveryCase.objects.exists()


def test_the_dashboard_shows_complaints_and_recovery(rasa, channels):
    complaint = InteractionFactory(kind="complaint", opened_at=NOW)
    SurveyResponseFactory(customer=complaint.customer, nps=2, responded_at=NOW)
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        html = rasa.get(reverse("analytics:dashboard"), {"weeks": 4}).content.decode()
        focused = rasa.get(reverse("analytics:dashboard"),
                           {"weeks": 4, "focus": f"channel:{channels['phone'].pk}"})
    assert "Complaints and recovery" in html
    # One broken-promise share on the dashboard (the KPI card; recovery's classified share
    # stays on the recovery page), with no broken promise before the complaint yet.
    assert html.count('data-kpi="broken_promise_share"') == 1
    assert "classified complaints" not in html
    assert 'data-kpi="compensation_per_recovered"' in html
    # A focus hides the section and says so, with the way back to everything.
    focused_html = focused.content.decode()
    assert 'id="recovery-row-title"' not in focused_html
    assert 'data-kpi="compensation_per_recovered"' not in focused_html
    assert "so they are hidden while a focus is chosen" in focused_html
