"""The agent's promises page (overdue first, closing buttons, the kept rate) and the
customer's status page behind the link in the e-mail."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from kliento.access.roles import Role
from kliento.promises.models import Promise
from kliento.promises.services import promise_create, promise_update
from tests.factories import PromiseFactory, UserFactory
from tests.promises.conftest import DELIVERY_SPEC, NOW

pytestmark = pytest.mark.django_db
PAGE = "/promises/"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def promises(rasa, jonas, customer):
    """Rasa's open promises in a shuffled order, one closed, and one of Jonas's."""
    made = NOW - timedelta(days=3)

    def make(owner, hours: float, kind: str = "callback", **fields) -> Promise:
        return PromiseFactory(owner=owner, customer=customer, kind=kind, promised_at=made,
                              due_at=NOW + timedelta(hours=hours), **fields)

    return {
        "later": make(rasa, 30, kind="delivery", specification=DELIVERY_SPEC),
        "today": make(rasa, 5),  # 17:00 local
        "overdue_today": make(rasa, -1),  # 11:00 local, an hour ago
        "overdue": make(rasa, -26),
        "kept": make(rasa, -2, status="kept", kept_at=NOW - timedelta(hours=3)),
        "jonas": make(jonas, 2),
    }


def listed(page) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-promise="(\d+)"', page.content.decode())]


def test_an_agent_sees_their_open_promises_overdue_first(client, rasa, promises,
                                                        django_assert_num_queries):
    client.force_login(rasa.user)
    # session, user, her role's permissions (2, once), agent? lead?, count, urgency counts,
    # the kept rate overall and by kind, the page — by team and owner only for leads
    with django_assert_num_queries(11):
        page = client.get(PAGE)
    assert page.status_code == 200
    assert listed(page) == [promises[name].pk for name in
                            ("overdue", "overdue_today", "today", "later")]
    html = page.content.decode()
    assert html.count('class="promise overdue"') == 2 and html.count('class="promise today"') == 1
    assert 'data-count="overdue">2 overdue' in html and 'data-count="today">1 due today' in html
    assert "Bosch KGN39VWEA, inox, 60 × 203 cm + door handles, egg tray" in html
    assert 'aria-current="page">Promises</a>' in html  # the nav link
    # A late promise offers "kept late"; one still in time offers "kept".
    overdue_form = html.split(f'data-promise="{promises["overdue"].pk}"')[1].split("</tr>")[0]
    assert 'value="late"' in overdue_form.split("<details")[0]
    today_form = html.split(f'data-promise="{promises["today"].pk}"')[1].split("</tr>")[0]
    assert 'value="kept"' in today_form.split("<details")[0]
    assert "csrfmiddlewaretoken" in today_form


def test_the_page_needs_a_login(client):
    page = client.get(PAGE)
    assert page.status_code == 302 and "/login/" in page.url


def test_the_query_count_does_not_grow_with_the_list(client, rasa, promises,
                                                     django_assert_num_queries):
    for hours in range(1, 30):
        PromiseFactory(owner=rasa, due_at=NOW + timedelta(hours=hours),
                       promised_at=NOW - timedelta(days=1))
    client.force_login(rasa.user)
    with django_assert_num_queries(11):
        assert len(listed(client.get(PAGE))) == 33


def test_a_team_lead_sees_the_whole_team_and_an_agent_only_their_own(
        client, team_lead, jonas, promises):
    client.force_login(jonas.user)
    mine = client.get(PAGE + "?scope=team")  # not offered to him: his own instead
    assert listed(mine) == [promises["jonas"].pk]
    assert 'value="team"' not in mine.content.decode()
    client.force_login(team_lead)
    page = client.get(PAGE)
    assert set(listed(page)) == {p.pk for name, p in promises.items() if name != "kept"}
    assert "Jonas Jonaitis" in page.content.decode()
    assert close(client, promises["jonas"], "kept").status_code == 302  # the lead may close
    assert Promise.objects.get(pk=promises["jonas"].pk).status == "kept"
    # Given the agent's role before being put in a team: nothing of anyone's to see.
    client.force_login(UserFactory(username="visitor", role=Role.AGENT))
    assert "You are not set up as an agent" in client.get(PAGE).content.decode()
    client.force_login(UserFactory(username="no-role"))
    assert client.get(PAGE).status_code == 403


def close(client, promise: Promise, outcome: str, **fields):
    return client.post(reverse("promises:close", args=[promise.pk]),
                       {"outcome": outcome, "next": PAGE + "?weeks=4"} | fields)


def test_the_buttons_close_a_promise_kept_late_or_broken(client, rasa, promises):
    client.force_login(rasa.user)
    done = close(client, promises["today"], "kept")
    assert done.status_code == 302 and done.url == PAGE + "?weeks=4"
    close(client, promises["overdue"], "late", note="Paskambinau vėliau")
    close(client, promises["overdue_today"], "broken")
    close(client, promises["later"], "not_as_specified")
    states = {name: Promise.objects.get(pk=promises[name].pk)
              for name in ("today", "overdue", "overdue_today", "later")}
    assert {name: (p.status, p.kept_at) for name, p in states.items()} == {
        "today": ("kept", NOW), "overdue": ("late", NOW), "overdue_today": ("broken", None),
        "later": ("broken", NOW)}
    assert states["overdue"].closed_note == "Paskambinau vėliau"
    page = client.get(done.url)
    assert "The promise to Jūratė Ąžuolaitė is marked broken." in page.content.decode()
    assert listed(page) == []


def test_a_refused_close_says_why_and_changes_nothing(client, rasa, promises):
    client.force_login(rasa.user)
    refused = close(client, promises["overdue"], "kept")  # a stale page: it is late now
    page = client.get(refused.url).content.decode()
    assert "the promise was kept late" in page
    assert Promise.objects.get(pk=promises["overdue"].pk).status == "open"
    close(client, promises["today"], "kept", done_at="2026-06-02T10:00")  # in the future
    assert Promise.objects.get(pk=promises["today"].pk).status == "open"


def test_closing_is_for_the_promise_owner_and_their_lead_and_needs_csrf(
        client, jonas, rasa, promises):
    client.force_login(jonas.user)
    assert close(client, promises["today"], "kept").status_code == 404
    assert client.get(reverse("promises:close", args=[promises["jonas"].pk])
                      ).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(rasa.user)
    assert close(strict, promises["today"], "kept").status_code == 403
    assert Promise.objects.get(pk=promises["today"].pk).status == "open"


def test_the_page_shows_the_kept_rate_by_kind_owner_and_team(client, team_lead, rasa, jonas,
                                                              promises):
    for status in ("kept", "kept", "broken"):
        PromiseFactory(owner=jonas, kind="reply", status=status,
                       promised_at=NOW - timedelta(days=9), due_at=NOW - timedelta(days=8),
                       kept_at=NOW - timedelta(days=8) if status == "kept" else None)
    client.force_login(team_lead)  # comparing colleagues is for those who explore measures
    html = client.get(PAGE + "?weeks=4").content.decode()
    # Due so far: Rasa's kept call-back and her two overdue ones, Jonas's three replies.
    assert 'data-kpi="kept_rate">50 %' in html
    assert f'data-rate="owner-{jonas.pk}">67 %' in html
    assert f'data-rate="owner-{rasa.pk}">33 %' in html
    assert 'data-rate="kind-reply">67 %' in html and 'data-rate="kind-callback">33 %' in html
    assert f'data-rate="team-{rasa.team_id}">50 %' in html
    assert "Last 4 weeks" in html
    client.force_login(rasa.user)  # an agent sees the rate by kind, not her colleagues'
    html = client.get(PAGE + "?weeks=4").content.decode()
    assert 'data-kpi="kept_rate">50 %' in html and 'data-rate="kind-reply">67 %' in html
    assert 'data-rate="owner-' not in html and 'data-rate="team-' not in html


@pytest.fixture
def status_link(customer, rasa):
    promise = promise_create(customer=customer, owner=rasa, kind="delivery",
                             description="Pristatyti šaldytuvą į namus",
                             specification=DELIVERY_SPEC, due_at=NOW + timedelta(days=2))
    return promise, promise.status_url.removeprefix("http://localhost:8000")


def test_the_customer_sees_what_by_when_in_their_language(client, status_link):
    _promise, path = status_link
    assert path.startswith("/p/")
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="lt">' in html
    assert "Pristatyti šaldytuvą į namus" in html and "Bosch KGN39VWEA" in html
    assert "birželio 3" in html  # the due date, in Lithuanian
    assert 'data-status="on_its_way"' in html and "Rasa" in html
    assert 'hreflang="en" lang="en"' in html  # the switcher
    english = client.get(path + "?lang=en").content.decode()
    assert '<html lang="en">' in english
    assert "3 June" in english and "What we promised" in english and "On its way" in english


def test_the_status_page_says_how_it_ended(client, status_link):
    promise, path = status_link
    promise_update(promise, status="broken", closed_note="Internal: supplier late")
    html = client.get(path + "?lang=en").content.decode()
    assert 'data-status="broken"' in html
    assert "We did not keep this promise" in html and "We are sorry" in html
    assert "What happens next" in html
    assert "supplier" not in html  # the agent's note is not for the customer


def test_the_status_page_for_kept_late_and_running_late(client, customer, rasa):
    kept = promise_create(customer=customer, owner=rasa, kind="callback",
                          description="Paskambinti", promised_at=NOW - timedelta(days=2),
                          due_at=NOW - timedelta(days=1), notify_customer=False)
    path = kept.status_url.removeprefix("http://localhost:8000") + "?lang=en"
    assert 'data-status="running_late"' in client.get(path).content.decode()
    promise_update(kept, status="late", done_at=NOW - timedelta(hours=1))
    html = client.get(path).content.decode()
    assert 'data-status="late"' in html and "Done late, on 1 June 2026" in html


def test_an_unknown_link_gets_a_friendly_404(client, status_link):
    _promise, path = status_link
    page = client.get(path[:-6] + "xxxxx/")
    assert page.status_code == 404
    assert "We could not find this promise" in page.content.decode()
    assert client.get("/p/nothing/?lang=lv").status_code == 404


def test_someone_who_reaches_everyone_closes_only_with_the_change_permission(
        client, promises):
    manager = UserFactory(username="vadybininke")
    manager.user_permissions.add(Permission.objects.get(codename="view_promise"))
    client.force_login(manager)
    # Seeing promises is not seeing everyone's: that is reaching everyone.
    assert listed(client.get(PAGE)) == []
    manager.user_permissions.add(Permission.objects.get(codename="reach_everyone"))
    manager = type(manager).objects.get(pk=manager.pk)  # a fresh permission cache
    client.force_login(manager)
    page = client.get(PAGE)
    assert set(listed(page)) == {p.pk for name, p in promises.items() if name != "kept"}
    assert "Its owner or their team lead closes it." in page.content.decode()
    assert 'name="outcome"' not in page.content.decode()
    assert close(client, promises["today"], "kept").status_code == 403
    assert Promise.objects.get(pk=promises["today"].pk).status == "open"
    manager.user_permissions.add(Permission.objects.get(codename="change_promise"))
    manager = type(manager).objects.get(pk=manager.pk)  # a fresh permission cache
    client.force_login(manager)
    assert 'name="outcome"' in client.get(PAGE).content.decode()
    assert close(client, promises["today"], "kept").status_code == 302
    assert Promise.objects.get(pk=promises["today"].pk).status == "kept"
