from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kliento.access.roles import Role
from kliento.audits.models import Audit
from tests.audits.conftest import criteria
from tests.factories import UserFactory

TODAY = date(2026, 6, 24)  # the week of Monday 22 June; June's audits fall in the last 4 weeks


@pytest.fixture
def signed_in(client):
    """Rasa, an auditor (a mystery shopper): she scores audits and reads the overview."""
    client.force_login(UserFactory(username="rasa", first_name="Rasa",
                                   last_name="Petrauskienė", role=Role.AUDITOR))
    return client


@pytest.fixture
def june(org, record):
    record(org.ona, True, True, False)
    record(org.lina, False, False, False)
    return org


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["audits:overview", "audits:new"])
def test_pages_require_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_detail_requires_sign_in(client, june):
    response = client.get(reverse("audits:detail", args=[Audit.objects.first().pk]))
    assert response.status_code == 302


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("by", ["location", "team", "agent"])
def test_overview_rolls_up_by_each_dimension(signed_in, june, standard, by):
    response = signed_in.get(reverse("audits:overview"),
                             {"by": by, "weeks": 4, "standard": standard.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-by="{by}"' in html
    assert 'data-kpi="audit_score">38 %<' in html  # (75 + 0) / 2
    expected = {"location": "Kaunas – Mega", "team": "Servisas", "agent": "Lina Čepulė"}[by]
    assert expected in html
    assert 'data-criterion="' in html


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_overview_falls_back_on_unknown_parameters_and_serves_htmx(signed_in, june):
    response = signed_in.get(reverse("audits:overview"),
                             {"by": "planet", "weeks": 9999, "standard": "nope"})
    assert response.status_code == 200
    assert response.context["params"]["weeks"] == 12
    assert response.context["params"]["by"] == "location"
    fragment = signed_in.get(reverse("audits:overview"), {"weeks": 4},
                             headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert html.lstrip().startswith('<section id="audits"')
    assert "<html" not in html


@pytest.mark.django_db
def test_overview_without_any_audit(signed_in):
    response = signed_in.get(reverse("audits:overview"))
    assert response.status_code == 200
    assert "No audits in this period yet." in response.content.decode()


@pytest.mark.django_db
def test_new_audit_form_shows_the_checklist_of_the_kind(signed_in, standard, org):
    listened, asked, closed = criteria(standard)
    html = signed_in.get(reverse("audits:new"),
                         {"standard": standard.pk, "kind": "email"}).content.decode()
    assert f'name="met_{listened.pk}"' in html and f'name="met_{asked.pk}"' in html
    assert f'name="met_{closed.pk}"' not in html  # not checked in e-mails
    assert "<fieldset" in html and "<legend>" in html
    assert f'<label for="id_met_{listened.pk}_0"' in html


@pytest.mark.django_db
def test_posting_the_form_records_the_audit_and_shows_it(signed_in, standard, org):
    listened, asked, closed = criteria(standard)
    response = signed_in.post(reverse("audits:new"), {
        "standard": standard.pk, "kind": "visit", "agent": org.ona.pk, "location": "",
        "team": "", "audited_at": "2026-06-10T14:30", "notes": "Šiltas priėmimas.",
        f"met_{listened.pk}": "yes", f"met_{asked.pk}": "no", f"met_{closed.pk}": "yes",
        f"note_{asked.pk}": "Iškart pasiūlė akcijos prekę.",
    })
    audit = Audit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("audits:detail", args=[audit.pk])
    assert audit.score_percent == 75.0
    assert (audit.agent, audit.location, audit.team) == (org.ona, org.vilnius, org.sales)
    assert audit.auditor.username == "rasa"
    assert audit.checks.get(criterion=asked).note == "Iškart pasiūlė akcijos prekę."

    page = signed_in.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-kpi="audit_score">75 %<' in html
    assert "Iškart pasiūlė akcijos prekę." in html
    assert "The audit is recorded." in html


@pytest.mark.django_db
def test_an_unanswered_criterion_keeps_the_form_and_stores_nothing(signed_in, standard, org):
    listened, asked, _closed = criteria(standard)
    response = signed_in.post(reverse("audits:new"), {
        "standard": standard.pk, "kind": "visit", "agent": org.ona.pk,
        "audited_at": "2026-06-10T14:30", f"met_{listened.pk}": "yes", f"met_{asked.pk}": "no",
    })
    assert response.status_code == 200
    assert "Choose met or not met." in response.content.decode()
    assert not Audit.objects.exists()


@pytest.mark.django_db
def test_a_visit_without_any_location_is_refused_beside_the_field(signed_in, standard, org):
    answers = {f"met_{c.pk}": "yes" for c in criteria(standard)}
    response = signed_in.post(reverse("audits:new"), {
        "standard": standard.pk, "kind": "visit", "team": org.service.pk,
        "audited_at": "2026-06-10T14:30", **answers})
    assert response.status_code == 200
    assert "A visit is audited at a location." in response.content.decode()
    assert not Audit.objects.exists()


@pytest.mark.django_db
def test_the_form_in_lithuanian_shows_lithuanian_criteria(signed_in, standard, org):
    html = signed_in.get("/lt/audits/new/", {"standard": standard.pk}).content.decode()
    assert criteria(standard)[0].text_lt in html


@pytest.mark.django_db
def test_unknown_audit_is_404(signed_in):
    assert signed_in.get(reverse("audits:detail", args=[999])).status_code == 404


@pytest.mark.django_db
def test_nav_links_to_audits(signed_in):
    html = signed_in.get(reverse("audits:overview")).content.decode()
    assert f'href="{reverse("audits:overview")}" aria-current="page"' in html
