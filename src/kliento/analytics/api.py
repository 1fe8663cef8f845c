"""``GET /api/v1/metrics``: every KPI by period, grain and breakdown."""

from datetime import date, timedelta
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kliento.analytics.buckets import Grain
from kliento.analytics.labels import group_labels
from kliento.analytics.metrics import Breakdown, Estimate, MetricsQuery
from kliento.analytics.rollups import run_metrics_with_rollups
from kliento.api.authentication import requires
from kliento.questions.selectors import faq_volume

router = Router(tags=["metrics"])
MAX_DAYS = {"day": 400, "week": 3 * 366, "month": 10 * 366, "period": 10 * 366}


class MetricsParams(Schema):
    start: date = Field(description="First day of the period (organisation-local), included.")
    end: date = Field(description="Last day of the period (organisation-local), included.")
    grain: Literal["day", "week", "month", "period"] = Field(
        "week", description="Bucket size; `period` gives one bucket for the whole period.")
    breakdown: Literal[
        "none", "channel", "touchpoint", "journey_stage", "team", "agent", "location",
        "language"] = Field("none", description="One row per group of this dimension.")


class EstimateOut(Schema):
    value: float
    low: float = Field(description="Lower end of the 95 % interval.")
    high: float = Field(description="Upper end of the 95 % interval.")
    n: int = Field(description="Observations behind the value.")


class MetricsRowOut(Schema):
    bucket: date | None = Field(description="Start of the day, week (Monday) or month.")
    group: str | None
    label: str | None
    interactions: int
    survey_responses: int
    nps: EstimateOut | None = Field(description="Net Promoter Score, −100..100.")
    csat: EstimateOut | None = Field(description="Share of 4–5 on a 1–5 scale, percent.")
    ces: EstimateOut | None = Field(description="Mean effort on 1–7; lower is easier.")
    kv: EstimateOut | None = Field(description="Mean of experience ÷ expectation.")
    service_grade: EstimateOut | None = Field(description="Weighted five-factor grade, 1–10.")
    first_response_p50: float | None = Field(description="Seconds.")
    first_response_p90: float | None = Field(description="Seconds.")
    resolution_p50: float | None = Field(description="Seconds.")
    resolution_p90: float | None = Field(description="Seconds.")
    sla_attainment: EstimateOut | None = Field(
        description="First responses within the channel's target, percent.")
    promise_kept: EstimateOut | None = Field(description="Promises kept of those due, percent.")
    first_contact_resolution: EstimateOut | None = Field(description="Percent.")
    repeat_contact_7d: EstimateOut | None = Field(description="Percent.")
    anonymous_left_out: int = Field(description=(
        "Answers of anonymous surveys left out of this row's survey measures (NPS, CSAT, "
        "CES, KV, service grade): fewer than the company's smallest group (default 5), so "
        "hidden to protect anonymity. survey_responses does not count them either."))


class FrequentQuestionsOut(Schema):
    contacts: int = Field(description="Contacts in the period whose text has a topic.")
    frequent: int = Field(description="Those about the period's 10 most asked topics.")
    share: EstimateOut | None = Field(
        description="frequent ÷ contacts, percent, with its 95 % (Agresti–Coull) interval; "
                    "null without contacts.")
    answered: int = Field(description="Contacts about a topic whose FAQ entry is published.")


class MetricsOut(Schema):
    start: date
    end: date
    grain: str
    breakdown: str
    rows: list[MetricsRowOut]
    frequent_questions: FrequentQuestionsOut = Field(
        description="The frequently-asked-questions KPI for the whole period (not broken "
                    "down): how much of what customers write is the same few questions.")


def _estimate(value: Estimate | None) -> dict | None:
    if value is None:
        return None
    return {"value": round(value.value, 9), "low": round(value.low, 9),
            "high": round(value.high, 9), "n": value.n}


@router.get("/metrics", auth=requires("access.explore_measures"), response=MetricsOut,
            summary="KPIs by period, grain and breakdown")
def metrics_get(request: HttpRequest, params: Query[MetricsParams]):
    if params.end < params.start:
        raise HttpError(422, f"end ({params.end}) is before start ({params.start})")
    if params.end - params.start > timedelta(days=MAX_DAYS[params.grain]):
        raise HttpError(422, f"a {params.grain} breakdown covers at most "
                             f"{MAX_DAYS[params.grain]} days; ask for a shorter period")
    breakdown = Breakdown(params.breakdown)
    rows = run_metrics_with_rollups(MetricsQuery(
        params.start, params.end, None if params.grain == "period" else Grain(params.grain),
        breakdown))
    labels = group_labels(breakdown, {row.group for row in rows})
    frequent = faq_volume(params.start, params.end)
    return {
        "start": params.start, "end": params.end, "grain": params.grain,
        "breakdown": params.breakdown,
        "rows": [
            {"bucket": row.bucket, "group": row.group, "label": labels.get(row.group),
             "interactions": row.interactions, "survey_responses": row.survey_responses,
             "anonymous_left_out": row.anonymous_left_out,
             **{name: _estimate(getattr(row, name)) for name in (
                 "nps", "csat", "ces", "kv", "service_grade", "sla_attainment", "promise_kept",
                 "first_contact_resolution", "repeat_contact_7d")},
             **{name: getattr(row, name) for name in (
                 "first_response_p50", "first_response_p90", "resolution_p50",
                 "resolution_p90")}}
            for row in rows
        ],
        "frequent_questions": {
            "contacts": frequent.contacts, "frequent": frequent.frequent,
            "answered": frequent.answered,
            "share": None if frequent.share is None else {
                "value": round(100 * frequent.share, 9), "low": round(100 * frequent.low, 9),
                "high": round(100 * frequent.high, 9), "n": frequent.contacts}},
    }
