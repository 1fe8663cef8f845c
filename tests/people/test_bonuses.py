"""Bonus payouts against a table worked out by hand, and the logged payroll file."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse

from kliento.audit_trail.models import AuditEvent
from kliento.people.bonuses import payouts_for
from kliento.people.models import BonusRule
from tests.people.conftest import answers


def _rule(**fields):
    return BonusRule.objects.create(**{"name": "CSAT premija", "metric": "csat", "target": 80,
                                       "amount_per_point": Decimal("5.00"),
                                       "cap": Decimal("60.00"), "minimum_sample": 10,
                                       **fields})


def test_payouts_match_the_hand_computed_table(org):
    # CSAT is the share of 4–5 answers. June and July, four agents:
    #   rasa   June 18 of 20 = 90 %  → 10 points × 5 € = 50 €
    #   rasa   July 20 of 20 = 100 % → 20 points × 5 € = 100 €, capped at 60 €
    #   jonas  June 15 of 20 = 75 %  → below target, 0 €
    #   ieva   June 17 of 20 = 85 %  → 5 points, 25 €
    #   lina   June 9 of 9           → under the minimum sample (10), 0 €
    june, july = date(2026, 6, 15), date(2026, 7, 15)
    answers(org.contacts["rasa"], [5] * 18 + [2] * 2, on=june, field="csat")
    answers(org.contacts["rasa"], [4] * 20, on=july, field="csat")
    answers(org.contacts["jonas"], [5] * 15 + [3] * 5, on=june, field="csat")
    answers(org.contacts["ieva"], [4] * 17 + [1] * 3, on=june, field="csat")
    answers(org.contacts["lina"], [5] * 9, on=june, field="csat")
    rule = _rule()
    payouts = payouts_for(rule, date(2026, 6, 1), date(2026, 7, 31), list(org.agents.values()))
    table = {(p.agent.user.username, p.month.month): (p.points, p.amount, p.capped, p.eligible)
             for p in payouts}
    assert table == {
        ("rasa", 6): (10.0, Decimal("50.00"), False, True),
        ("rasa", 7): (20.0, Decimal("60.00"), True, True),
        ("jonas", 6): (0.0, Decimal("0.00"), False, True),
        ("ieva", 6): (5.0, Decimal("25.00"), False, True),
        ("lina", 6): (0.0, Decimal("0.00"), False, False),
    }


def test_lower_is_better_pays_for_points_below_the_target(org):
    # Handle time target 600 s; Rasa's contact took 420 s: 180 points × 0.10 € = 18 €.
    from kliento.interactions.models import Interaction
    contact = org.contacts["rasa"]
    Interaction.objects.filter(pk=contact.pk).update(resolution_seconds=420)
    rule = _rule(name="Greitis", metric="handle_time", target=600,
                 amount_per_point=Decimal("0.10"), cap=None, minimum_sample=1)
    payouts = payouts_for(rule, date(2026, 6, 1), date(2026, 6, 30), [org.agents["rasa"]])
    assert [(p.points, p.amount) for p in payouts] == [(180.0, Decimal("18.00"))]


def test_the_payroll_file_is_what_the_page_shows_and_is_logged(client, org):
    answers(org.contacts["rasa"], [5] * 18 + [2] * 2, on=date(2026, 6, 15), field="csat")
    rule = _rule()
    client.force_login(org.manager)
    url = reverse("people:bonus-export", kwargs={"pk": rule.pk, "file_format": "csv"})
    response = client.get(url, {"start": "2026-06-01", "end": "2026-06-30"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "rasa" and rows[1][3] == "2026-06" and rows[1][10] == "50.0"
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED,
                                   object_type="people.bonusrule")
    assert event.actor == org.manager
    assert event.detail["total"] == "50.00" and event.detail["rows"] == 1
    assert event.detail["what"] == "bonus payouts" and event.object_id == str(rule.pk)


def test_a_bad_period_is_refused_and_not_logged(client, org):
    rule = _rule()
    client.force_login(org.manager)
    url = reverse("people:bonus-export", kwargs={"pk": rule.pk, "file_format": "xlsx"})
    response = client.get(url, {"start": "2026-06-30", "end": "2026-06-01"})
    assert response.status_code == 400
    assert "end" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).exists()


def test_an_agent_may_not_take_payouts_out(client, org):
    rule = _rule()
    client.force_login(org.agents["rasa"].user)
    url = reverse("people:bonus-export", kwargs={"pk": rule.pk, "file_format": "csv"})
    assert client.get(url).status_code == 403
