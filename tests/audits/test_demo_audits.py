"""The demo's audits look like a real mystery-shopping programme."""

from datetime import date

import pytest
from django.db.models import Count, F, Sum

from kliento.audits.models import Audit, AuditCheck, AuditKind
from kliento.audits.selectors import audit_scores_by, criteria_missed
from kliento.demo.audits import build_audits
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset

PLAN = DemoPlan(interactions=1500, weeks=10, seed=3, end=date(2026, 11, 1))
START = date(2026, 8, 24)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo(PLAN)
        yield
        demo_reset()


@pytest.mark.django_db
def test_the_demo_records_a_few_hundred_audits_of_every_kind(demo):
    assert 100 <= Audit.objects.count() <= 300  # about 15 a week
    kinds = dict(Audit.objects.values_list("kind").annotate(n=Count("id")))
    assert set(kinds) == set(AuditKind.values)
    assert kinds["visit"] > kinds["email"]
    assert not Audit.objects.filter(audited_on__gt=PLAN.end).exists()
    assert not Audit.objects.filter(audited_on__lt=START).exists()
    assert not Audit.objects.filter(agent__isnull=True).exists()


@pytest.mark.django_db
def test_every_demo_audit_is_scored_from_its_checks(demo):
    mismatched = (Audit.objects.annotate(
        met=Sum("checks__weight", filter=F("checks__met")), total=Sum("checks__weight"))
        .exclude(score_percent__range=(100.0 * F("met") / F("total") - 1e-6,
                                       100.0 * F("met") / F("total") + 1e-6))
        .exclude(met__isnull=True))
    assert not mismatched.exists()
    assert not Audit.objects.filter(checks__isnull=True).exists()
    assert AuditCheck.objects.exclude(note="").exists()


@pytest.mark.django_db
def test_agents_differ_and_paraphrasing_is_missed_more_than_listening(demo):
    rows = [row for row in audit_scores_by("agent", START, PLAN.end) if row.audits >= 4]
    assert len(rows) >= 5
    assert rows[-1].score.value - rows[0].score.value > 20
    missed = {rate.criterion.position: rate.missed_percent
              for rate in criteria_missed(START, PLAN.end)}
    assert missed[5] > missed[2]  # paraphrasing against listening
    assert {row.label for row in audit_scores_by("location", START, PLAN.end)} >= {
        "Vilnius – Akropolis", "Rīga – Galerija Centrs", "Kontaktų centras Vilnius"}


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_audits(demo):
    before = list(Audit.objects.order_by("pk").values_list("agent", "audited_at",
                                                           "score_percent"))
    Audit.objects.all().delete()
    build_audits(seed=PLAN.seed, weeks=PLAN.weeks, end=PLAN.end)
    after = list(Audit.objects.order_by("pk").values_list("agent", "audited_at",
                                                          "score_percent"))
    assert after == before
