"""run_metrics against an independent row-by-row reference computed in the test.

The suite runs on SQLite and on PostgreSQL, and both must match the same reference: that is
what makes the two backends' results identical, not merely similar.
"""

from collections import defaultdict
from datetime import date, timedelta

import numpy as np
import pytest
from django.utils import timezone

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import SURVEY_AGGREGATES, Breakdown, MetricsQuery, run_metrics
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset
from kliento.interactions.models import Interaction
from kliento.measure import csat, nps
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse
from tests.factories import SurveyResponseFactory

START, END = date(2026, 7, 6), date(2026, 9, 27)
WEIGHTS = {"tangibles": 0.1, "reliability": 0.6, "responsiveness": 0.1, "assurance": 0.1,
           "empathy": 0.1}


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo(DemoPlan(interactions=4000, weeks=16, seed=21, end=date(2026, 10, 4)))
        yield
        demo_reset()


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month(day: date) -> date:
    return day.replace(day=1)


def reference(grain, group_of) -> dict:
    """Row-by-row computation of every KPI, keyed by (bucket, group)."""
    start_of = {"week": monday, "month": month}[grain]
    out = defaultdict(dict)

    contacts = list(Interaction.objects.order_by("customer_id", "opened_at").values(
        "customer_id", "opened_at", "opened_on", "first_response_seconds", "resolution_seconds",
        "resolved_at", "channel__code", "channel__first_response_target_seconds", "language",
        "touchpoint__journey_stage"))
    next_opened = {}
    for this, following in zip(contacts, [*contacts[1:], None], strict=True):
        same = following is not None and following["customer_id"] == this["customer_id"]
        next_opened[id(this)] = following["opened_at"] if same else None
    groups = defaultdict(list)
    for c in contacts:
        if START <= c["opened_on"] <= END:
            groups[(start_of(c["opened_on"]), group_of(c))].append(c)
    for key, members in groups.items():
        answered = [c for c in members if c["first_response_seconds"] is not None]
        met = [c for c in answered
               if c["first_response_seconds"] <= c["channel__first_response_target_seconds"]]
        repeat = [c for c in members if next_opened[id(c)] is not None
                  and next_opened[id(c)] - c["opened_at"] <= timedelta(days=7)]
        resolved = [c for c in members if c["resolved_at"] is not None]
        first_contact = [c for c in resolved if c not in repeat]
        frt = [c["first_response_seconds"] for c in answered]
        res = [c["resolution_seconds"] for c in members if c["resolution_seconds"] is not None]
        out[key].update(
            interactions=len(members),
            sla=100 * len(met) / len(answered) if answered else None,
            repeat=100 * len(repeat) / len(members),
            fcr=100 * len(first_contact) / len(resolved) if resolved else None,
            frt_p50=np.percentile(frt, 50) if frt else None,
            frt_p90=np.percentile(frt, 90) if frt else None,
            res_p50=np.percentile(res, 50) if res else None,
            res_p90=np.percentile(res, 90) if res else None,
        )

    answers = defaultdict(list)
    for r in SurveyResponse.objects.filter(responded_on__range=(START, END)).values(
            "responded_on", "channel__code", "language", "touchpoint__journey_stage", "nps",
            "csat", "ces", "experience", "expectation", *WEIGHTS):
        answers[(start_of(r["responded_on"]), group_of(r))].append(r)
    for key, members in answers.items():
        nps = [r["nps"] for r in members if r["nps"] is not None]
        csat = [r["csat"] for r in members if r["csat"] is not None]
        ces = [r["ces"] for r in members if r["ces"] is not None]
        kv = [r["experience"] / r["expectation"] for r in members if r["experience"]]
        grades = [sum(w * r[f] for f, w in WEIGHTS.items()) for r in members
                  if all(r[f] is not None for f in WEIGHTS)]
        out[key].update(
            responses=len(members),
            nps=100 * (sum(s >= 9 for s in nps) - sum(s <= 6 for s in nps)) / len(nps)
            if nps else None,
            csat=100 * sum(s >= 4 for s in csat) / len(csat) if csat else None,
            ces=float(np.mean(ces)) if ces else None,
            kv=float(np.mean(kv)) if kv else None,
            grade=float(np.mean(grades)) if grades else None,
        )

    due = defaultdict(list)
    for p in Promise.objects.filter(due_on__range=(START, END), due_at__lt=timezone.now()).values(
            "due_on", "status", "interaction__channel__code", "customer__preferred_language",
            "interaction__touchpoint__journey_stage"):
        flat = {"channel__code": p["interaction__channel__code"],
                "language": p["customer__preferred_language"],
                "touchpoint__journey_stage": p["interaction__touchpoint__journey_stage"]}
        due[(start_of(p["due_on"]), group_of(flat))].append(p["status"])
    for key, statuses in due.items():
        out[key]["kept"] = 100 * statuses.count("kept") / len(statuses)
    return out


def estimate(value):
    return None if value is None else value.value


CASES = {
    "week by channel": (Grain.WEEK, Breakdown.CHANNEL, lambda r: r["channel__code"]),
    "month by language": (Grain.MONTH, Breakdown.LANGUAGE, lambda r: r["language"]),
    "week by journey stage": (Grain.WEEK, Breakdown.JOURNEY_STAGE,
                              lambda r: r["touchpoint__journey_stage"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_every_kpi_matches_the_row_by_row_reference(history, channels, case):
    grain, breakdown, group_of = CASES[case]
    expected = reference(grain.value, group_of)
    code_of = {str(c.pk): code for code, c in channels.items()}
    rows = run_metrics(MetricsQuery(START, END, grain, breakdown))
    got = {}
    for row in rows:
        group = code_of[row.group] if breakdown == Breakdown.CHANNEL else row.group
        got[(row.bucket, group)] = row
    assert set(got) == set(expected)
    for key, want in expected.items():
        row = got[key]
        checks = {
            "interactions": row.interactions, "responses": row.survey_responses,
            "sla": estimate(row.sla_attainment), "repeat": estimate(row.repeat_contact_7d),
            "fcr": estimate(row.first_contact_resolution), "frt_p50": row.first_response_p50,
            "frt_p90": row.first_response_p90, "res_p50": row.resolution_p50,
            "res_p90": row.resolution_p90, "nps": estimate(row.nps),
            "csat": estimate(row.csat), "ces": estimate(row.ces), "kv": estimate(row.kv),
            "grade": estimate(row.service_grade), "kept": estimate(row.promise_kept),
        }
        for name, value in checks.items():
            if name not in want:
                continue
            if want[name] is None:
                assert value is None, (key, name)
            else:
                assert value == pytest.approx(want[name], rel=1e-9, abs=1e-9), (key, name)


@pytest.mark.django_db
def test_whole_period_row_has_intervals_around_the_values(history):
    (row,) = run_metrics(MetricsQuery(START, END, grain=None))
    assert row.bucket is None and row.group is None
    for value in (row.nps, row.csat, row.ces, row.kv, row.service_grade, row.sla_attainment,
                  row.promise_kept, row.first_contact_resolution, row.repeat_contact_7d):
        assert value.low <= value.value <= value.high
        assert value.n > 0
    assert row.interactions == Interaction.objects.filter(
        opened_on__range=(START, END)).count()


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        MetricsQuery(END, START)


@pytest.mark.django_db
def test_the_database_and_the_measurement_core_put_every_score_in_the_same_band():
    # One response per NPS score 0–10 and per CSAT score 1–5: a band edge that drifts in
    # either place shows up as a different count.
    nps_scores, csat_scores = list(range(11)), [1, 2, 3, 4, 5]
    made = [SurveyResponseFactory(nps=score).pk for score in nps_scores] + [
        SurveyResponseFactory(csat=score).pk for score in csat_scores]
    counted = SurveyResponse.objects.filter(pk__in=made).aggregate(**SURVEY_AGGREGATES)
    by_core = nps(nps_scores)
    assert (counted["promoters"], counted["passives"], counted["detractors"]) == (
        by_core.promoters, by_core.passives, by_core.detractors) == (2, 2, 7)
    assert counted["csat_satisfied"] == csat(csat_scores).satisfied == 2
