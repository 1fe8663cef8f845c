"""The journey reads against hand-counted data: engagement stages in SQL against the rule,
what each stage is worth, the paths between touchpoints with their drop-off, the journey
map's figures, the monthly flow between segments and the churn signal."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import product

import pytest

from kliento.journeys.models import EngagementAnswer, SegmentSnapshot
from kliento.journeys.selectors import (
    churn_signal,
    journey_map,
    journey_paths,
    segment_flows,
    stage_mix,
    stage_values,
)
from kliento.journeys.services import (
    engagement_answer_record,
    engagement_answers_collect,
    engagement_block_add,
    lifecycle_refresh,
    stage_case,
)
from kliento.lifecycle.engagement import engagement_stage
from kliento.orders.services import order_create
from kliento.surveys.services import survey_create
from tests.factories import (
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TouchpointFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_the_stage_in_sql_is_the_documented_rule_for_every_answer(channels):
    customer = CustomerFactory()
    combinations = list(product(range(1, 6), repeat=3))
    for s, d, c in combinations:
        engagement_answer_record(customer=customer, answered_at=NOW, satisfaction=s,
                                 differentiation=d, connection=c)
    in_sql = EngagementAnswer.objects.annotate(stage=stage_case()).values_list(
        "satisfaction", "differentiation", "connection", "stage")
    assert len(in_sql) == 125
    assert all(stage == engagement_stage(s, d, c) for s, d, c, stage in in_sql)


def test_the_stage_mix_counts_answers_per_month(channels):
    customer = CustomerFactory()
    for day, items in ((date(2026, 10, 3), (5, 5, 5)), (date(2026, 10, 20), (4, 2, 2)),
                       (date(2026, 11, 2), (2, 5, 5))):
        engagement_answer_record(customer=customer, answered_at=datetime(
            day.year, day.month, day.day, 12, tzinfo=UTC), satisfaction=items[0],
            differentiation=items[1], connection=items[2])
    mix = dict(stage_mix(date(2026, 10, 1), date(2026, 11, 30)))
    assert mix[date(2026, 10, 1)] == {"disconnected": 0, "highly_satisfied": 1,
                                      "sees_different": 0, "fully_connected": 1}
    assert mix[date(2026, 11, 1)]["disconnected"] == 1


def test_the_survey_block_is_added_in_five_languages_and_its_answers_are_filed(channels):
    survey = survey_create(name="Po pirkimo", blocks=["nps"])
    block = engagement_block_add(survey)
    question = survey.questions.get(pk=block.connection_question_id)
    assert set(question.text) == {"en", "lt", "lv", "ru", "pl"}
    assert (question.scale_low, question.scale_high) == (1, 5)
    customer = CustomerFactory()
    ids = (block.satisfaction_question_id, block.differentiation_question_id,
           block.connection_question_id)
    SurveyResponseFactory(customer=customer, survey=survey, responded_at=NOW,
                          answers={str(ids[0]): 5, str(ids[1]): 4, str(ids[2]): 3})
    SurveyResponseFactory(customer=customer, survey=survey, responded_at=NOW,
                          answers={str(ids[0]): 5})  # not all three: left out
    assert engagement_answers_collect() == 1
    assert engagement_answers_collect() == 0  # filed once
    answer = EngagementAnswer.objects.get()
    assert (answer.satisfaction, answer.differentiation, answer.connection) == (5, 4, 3)
    with pytest.raises(Exception, match="already has the engagement block"):
        engagement_block_add(survey)


def test_stage_values_and_the_ratio_from_the_orders(channels):
    spend = {"fully_connected": [400, 200], "highly_satisfied": [100, 200, 0]}
    items = {"fully_connected": (5, 5, 5), "highly_satisfied": (5, 2, 2)}
    for stage, amounts in spend.items():
        for n, amount in enumerate(amounts):
            customer = CustomerFactory(full_name=f"{stage} {n}")
            engagement_answer_record(customer=customer, answered_at=NOW - timedelta(days=3),
                                     satisfaction=items[stage][0],
                                     differentiation=items[stage][1],
                                     connection=items[stage][2])
            if amount:
                order_create(external_id=f"O-{stage}-{n}", customer=customer,
                             ordered_at=NOW - timedelta(days=10), amount=Decimal(amount))
    lifecycle_refresh(NOW)
    values = stage_values(date(2026, 11, 1), date(2026, 12, 1))
    by_stage = {value.stage: value.spend for value in values.stages}
    assert by_stage["fully_connected"].mean == pytest.approx(300.0)
    assert by_stage["highly_satisfied"].mean == pytest.approx(100.0)  # 0 counts as a customer
    assert by_stage["disconnected"] is None
    assert values.ratio.ratio == pytest.approx(3.0)


def test_paths_between_touchpoints_with_drop_off(channels):
    web, store, phone = (TouchpointFactory(name=n, journey_stage=s) for n, s in (
        ("Web", "before"), ("Store", "during"), ("Phone", "after")))
    journeys = {"A": (web, store, phone), "B": (web, store), "C": (web,), "D": (store, phone)}
    for name, touchpoints in journeys.items():
        customer = CustomerFactory(full_name=name)
        for hour, touchpoint in enumerate(touchpoints):
            InteractionFactory(customer=customer, touchpoint=touchpoint,
                               opened_at=datetime(2026, 11, 5, 9 + hour, tzinfo=UTC))
    steps = {(s.step, s.source, s.target): s.customers
             for s in journey_paths(date(2026, 11, 1), date(2026, 11, 30))}
    assert steps == {(1, web.pk, store.pk): 2, (1, web.pk, None): 1, (1, store.pk, phone.pk): 1,
                     (2, store.pk, phone.pk): 1, (2, store.pk, None): 1, (2, phone.pk, None): 1,
                     (3, phone.pk, None): 1}


def test_the_journey_map_counts_and_scores_each_touchpoint(channels):
    store = TouchpointFactory(name="Store", journey_stage="during")
    for experience, nps, csat in ((8, 10, 5), (4, 3, 2), (8, 9, 4), (8, 7, 4)):
        SurveyResponseFactory(touchpoint=store, responded_at=NOW, expectation=8,
                              experience=experience, nps=nps, csat=csat)
    InteractionFactory(touchpoint=store, opened_at=NOW)
    figures = journey_map(date(2026, 11, 1), date(2026, 12, 1))
    during = next(rows for stage, _label, rows in figures.stages if stage == "during")
    row = next(r for r in during if r.touchpoint == store)
    assert (row.volume, row.responses) == (1, 4)
    assert row.kv == pytest.approx((1 + 0.5 + 1 + 1) / 4)
    assert row.nps == pytest.approx(100 * (2 - 1) / 4)  # two promoters, one detractor
    assert row.csat == pytest.approx(75.0)
    assert row.weight is None and not row.critical  # too few answers to weigh


def test_the_monthly_flow_between_segments(channels):
    a, b, c = (CustomerFactory(full_name=n) for n in "ABC")
    for customer, (before, after) in ((a, ("new", "active")), (b, ("active", "at_risk")),
                                      (c, ("active", "at_risk"))):
        SegmentSnapshot.objects.create(month=date(2026, 10, 1), customer=customer,
                                       segment=before)
        SegmentSnapshot.objects.create(month=date(2026, 11, 1), customer=customer,
                                       segment=after)
    d = CustomerFactory(full_name="D")
    SegmentSnapshot.objects.create(month=date(2026, 11, 1), customer=d, segment="new")
    (flow,) = segment_flows()
    assert flow.month == date(2026, 11, 1)
    assert flow.moves == {("new", "active"): 1, ("active", "at_risk"): 2, ("none", "new"): 1}


def test_the_churn_signal_compares_those_who_stopped_with_those_who_stayed(channels):
    for n, (days, nps) in enumerate([(200, 2), (300, 4), (250, 8), (10, 9), (5, 10), (20, 6)]):
        customer = CustomerFactory(full_name=f"C{n}")
        order_create(external_id=f"O-{n}", customer=customer,
                     ordered_at=NOW - timedelta(days=days), amount=Decimal(10))
        SurveyResponseFactory(customer=customer, nps=nps,
                              responded_at=NOW - timedelta(days=days))
    lifecycle_refresh(NOW)
    signal = churn_signal(120, NOW)
    assert (signal.stopped, signal.stayed) == (3, 3)
    assert signal.last_nps.stopped == pytest.approx((2 + 4 + 8) / 3)
    assert signal.last_nps.stayed == pytest.approx((9 + 10 + 6) / 3)
    assert (signal.detractor_share.stopped, signal.detractor_share.stayed) == (
        pytest.approx(2 / 3), pytest.approx(1 / 3))
    assert signal.dissatisfied_share_of_stopped == pytest.approx(2 / 3)
