"""The responses inbox: filters, diacritics-insensitive search, keyset paging, reach,
tags/notes/assignment, export and opening a recovery case from an answer."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kliento.access.roles import Role
from kliento.recovery.models import RecoveryCase
from kliento.surveys.comment_search import folded
from kliento.surveys.models import ResponseAssignment, SurveyResponse
from kliento.surveys.selectors import inbox_page, survey_response_inbox
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def people(db, channels):
    class People:
        pass

    p = People()
    p.lead = UserFactory(username="ona-lead", role=Role.TEAM_LEAD)
    p.team_a = TeamFactory(name="Team A", lead=p.lead)
    p.team_b = TeamFactory(name="Team B")
    p.agent_a = AgentFactory(user=UserFactory(username="rasa-a", role=Role.AGENT),
                             team=p.team_a)
    p.agent_b = AgentFactory(user=UserFactory(username="tomas-b", role=Role.AGENT),
                             team=p.team_b)
    p.manager = UserFactory(username="egle-manager", role=Role.MANAGER)
    p.customer = CustomerFactory(full_name="Jūratė Jonaitė", email="jurate@example.lt")
    p.call_a = InteractionFactory(customer=p.customer, agent=p.agent_a, team=p.team_a,
                                  opened_at=NOW - timedelta(days=2))
    p.call_b = InteractionFactory(customer=p.customer, agent=p.agent_b, team=p.team_b,
                                  opened_at=NOW - timedelta(days=2))
    return p


def _response(interaction, **fields):
    return SurveyResponseFactory(customer=interaction.customer, interaction=interaction,
                                 **{"responded_at": NOW - timedelta(hours=1)} | fields)


def test_folding_strips_the_accents_of_every_product_language():
    assert folded("Siuntimą VĖLAVO, Łódź, Rīga, ДОСТАВКА, ЁЛКА") == \
        "siuntima velavo, lodz, riga, доставка, елка"


def test_search_ignores_accents_and_case_in_the_database(people):
    late = _response(people.call_a, comment="Siuntimas VĖLAVO dvi dienas")
    _response(people.call_a, comment="Kaina per didelė")
    russian = _response(people.call_a, comment="ДОСТАВКА опоздала")
    found = lambda words: set(survey_response_inbox(search=words))  # noqa: E731
    assert found("vėlavo") == {late}
    assert found("velavo") == {late}
    assert found("SIUNTIMAS") == {late}
    assert found("доставка") == {russian}
    assert found("nėra tokio") == set()


def test_filters_narrow_by_score_class_comment_language_touchpoint_and_period(people):
    desk = TouchpointFactory(name="Kasa")
    detractor = _response(people.call_a, nps=3, comment="Blogai", touchpoint=desk)
    promoter = _response(people.call_a, nps=10, language="en")
    old = _response(people.call_a, nps=8, responded_at=NOW - timedelta(days=40))
    assert list(survey_response_inbox(score_class="detractor")) == [detractor]
    assert list(survey_response_inbox(score_class="promoter")) == [promoter]
    assert set(survey_response_inbox(has_comment=False)) == {promoter, old}
    assert list(survey_response_inbox(language="en")) == [promoter]
    assert list(survey_response_inbox(touchpoint=desk.pk)) == [detractor]
    assert list(survey_response_inbox(agent=people.agent_a.pk, until=old.responded_on)) == [old]
    assert list(survey_response_inbox(agent=people.agent_b.pk)) == []


def test_keyset_paging_neither_skips_nor_repeats_rows_that_share_a_moment(people):
    """Regression: paging by time alone loses rows answered in the same second."""
    same_moment = NOW - timedelta(hours=3)
    made = {_response(people.call_a, responded_at=same_moment).pk for _ in range(7)}
    made |= {_response(people.call_a, responded_at=NOW - timedelta(days=d)).pk
             for d in range(5)}
    seen, after, pages = [], "", 0
    while True:
        page = inbox_page(survey_response_inbox(), after=after, size=3)
        seen += [response.pk for response in page.responses]
        pages += 1
        if page.after is None:
            break
        after = page.after
    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen)) == 12
    assert pages == 4


def test_an_unreadable_position_starts_at_the_top(people):
    newest = _response(people.call_a, responded_at=NOW)
    _response(people.call_a, responded_at=NOW - timedelta(days=1))
    page = inbox_page(survey_response_inbox(), after="not-a-position", size=1)
    assert page.responses == [newest]


def test_the_inbox_shows_only_answers_within_reach(client, people):
    mine = _response(people.call_a, comment="Rasos klientas")
    theirs = _response(people.call_b, comment="Tomo klientas")
    client.force_login(people.agent_a.user)
    page = client.get(reverse("surveys:responses"))
    assert page.status_code == 200
    assert [r.pk for r in page.context["page"].responses] == [mine.pk]
    assert "Tomo klientas" not in page.content.decode()
    client.force_login(people.manager)
    page = client.get(reverse("surveys:responses"))
    assert {r.pk for r in page.context["page"].responses} == {mine.pk, theirs.pk}


def test_the_inbox_page_costs_the_same_queries_for_5_or_40_responses(client, people):
    """Pinned: customers, agents, touchpoints and tags are joined or prefetched, not one
    query per row."""
    client.force_login(people.manager)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("surveys:responses")).status_code == 200
        return len(captured)

    for _ in range(5):
        _response(people.call_a, comment="a")
    few = queries()
    for _ in range(35):
        _response(people.call_b, comment="b")
    assert queries() == few


def test_filters_arrive_as_query_parameters(client, people):
    _response(people.call_a, nps=2, comment="Niekas neatsiliepė")
    _response(people.call_a, nps=9, comment="Puiku")
    client.force_login(people.manager)
    page = client.get(reverse("surveys:responses"), {"score_class": "detractor",
                                                     "q": "neatsiliepe"})
    assert [r.comment for r in page.context["page"].responses] == ["Niekas neatsiliepė"]


def test_tag_note_and_assign_on_the_response_page(client, people):
    response = _response(people.call_a, nps=4, comment="Vėlavo")
    url = reverse("surveys:response-change", args=[response.pk])
    client.force_login(people.lead)
    client.post(url, {"action": "tag", "name": "  Pristatymas "})
    client.post(url, {"action": "note", "text": "Paskambinau, atsiprašiau."})
    client.post(url, {"action": "assign", "assignee": people.agent_a.user.pk})
    response.refresh_from_db()
    assert [tag.name for tag in response.tags.all()] == ["pristatymas"]
    assert [(n.author, n.text) for n in response.notes.all()] == [
        (people.lead, "Paskambinau, atsiprašiau.")]
    assert response.assignment.assignee == people.agent_a.user
    page = client.get(reverse("surveys:response", args=[response.pk]))
    assert "Paskambinau, atsiprašiau." in page.content.decode()
    client.post(url, {"action": "untag", "name": "pristatymas"})
    assert not response.tags.exists()


def test_an_agent_cannot_hand_an_answer_to_someone_outside_their_team(client, people):
    response = _response(people.call_a, nps=4)
    client.force_login(people.agent_a.user)
    refused = client.post(reverse("surveys:response-change", args=[response.pk]),
                          {"action": "assign", "assignee": people.agent_b.user.pk})
    assert refused.status_code == 403
    assert not ResponseAssignment.objects.exists()


def test_an_assigned_answer_reaches_its_assignee(client, people):
    response = _response(people.call_a, nps=4, comment="Reikia Tomo")
    client.force_login(people.agent_b.user)
    assert client.get(reverse("surveys:response", args=[response.pk])).status_code == 404
    client.force_login(people.manager)
    client.post(reverse("surveys:response-change", args=[response.pk]),
                {"action": "assign", "assignee": people.agent_b.user.pk})
    client.force_login(people.agent_b.user)
    assert client.get(reverse("surveys:response", args=[response.pk])).status_code == 200


def test_export_neutralises_formulas_and_keeps_the_filters(client, people):
    _response(people.call_a, nps=1, comment='=HYPERLINK("http://evil.example")')
    _response(people.call_a, nps=10, comment="Ačiū")
    client.force_login(people.manager)
    reply = client.get(reverse("surveys:responses-export", args=["csv"]),
                       {"score_class": "detractor"})
    rows = list(csv.reader(io.StringIO(b"".join(reply.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][rows[0].index("comment")] == '\'=HYPERLINK("http://evil.example")'
    workbook = client.get(reverse("surveys:responses-export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    comments = [row[-2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(comments) == sorted(['\'=HYPERLINK("http://evil.example")', "Ačiū"])


def test_open_a_recovery_case_from_an_answer_once(client, people):
    response = _response(people.call_a, nps=2, comment="Niekas nepadėjo")
    client.force_login(people.lead)
    url = reverse("recovery:open-from-response", args=[response.pk])
    first = client.post(url)
    case = RecoveryCase.objects.get(survey_response=response)
    assert first["Location"] == reverse("recovery:detail", args=[case.pk])
    assert case.assignee == people.lead
    again = client.post(url)
    assert again["Location"] == reverse("recovery:detail", args=[case.pk])
    assert RecoveryCase.objects.count() == 1


def test_an_agent_may_not_open_a_case_from_the_inbox(client, people):
    response = _response(people.call_a, nps=2)
    client.force_login(people.agent_a.user)
    assert client.post(reverse("recovery:open-from-response",
                               args=[response.pk])).status_code == 403
    assert SurveyResponse.objects.get(pk=response.pk).recovery_cases.count() == 0


def test_the_phone_page_finds_the_customer_by_name_or_phone_digits(client, people):
    from kliento.surveys.services import survey_create
    survey = survey_create(name="Telefonu", blocks=["nps"])
    people.customer.phone = "+370 612 34567"
    people.customer.save()
    client.force_login(people.agent_a.user)
    url = reverse("surveys:phone", args=[survey.pk])
    for term in ("Jonaitė", "61234567"):
        page = client.get(url, {"customer": term})
        assert page.context["customer"] == people.customer, term
