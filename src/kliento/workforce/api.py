"""Staffing over the API: service targets, shifts, the roster, a week's plan, and the public
expected response times."""

from datetime import date, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from kliento.api.authentication import requires
from kliento.api.problems import problem
from kliento.interactions.models import Channel
from kliento.organisation.models import Agent
from kliento.workforce.planning import NotEnoughHistory, WhatIf, staffing_plan, week_start_of
from kliento.workforce.response_times import (
    CACHE_SECONDS,
    response_time_estimates,
    response_time_sentence,
)
from kliento.workforce.selectors import roster_list, shift_list, target_in_force
from kliento.workforce.services import roster_entry_add, service_target_set, shift_create

router = Router(tags=["workforce"])


class ServiceTargetOut(Schema):
    channel: str
    service_level: float = Field(description="Share answered within answer_within_seconds.")
    answer_within_seconds: int
    shrinkage: float
    max_occupancy: float
    edited: bool = Field(description="False: the channel plans at the defaults.")


class ServiceTargetIn(Schema):
    service_level: float | None = None
    answer_within_seconds: int | None = None
    shrinkage: float | None = None
    max_occupancy: float | None = None


def _target_out(channel: Channel) -> ServiceTargetOut:
    target = target_in_force(channel)
    return ServiceTargetOut(channel=channel.code, service_level=target.service_level,
                            answer_within_seconds=target.answer_within_s,
                            shrinkage=target.shrinkage, max_occupancy=target.max_occupancy,
                            edited=target.edited)


@router.get("/service-targets", response=list[ServiceTargetOut],
            auth=requires("workforce.view_servicetarget"))
def service_targets_list(request: HttpRequest):
    return [_target_out(channel) for channel in Channel.objects.all()]


@router.patch("/service-targets/{channel}", response={200: ServiceTargetOut, 422: dict},
              auth=requires("workforce.change_servicetarget"))
def service_target_update(request: HttpRequest, channel: str, body: ServiceTargetIn):
    found = get_object_or_404(Channel, code=channel)
    try:
        service_target_set(found, **body.dict(exclude_unset=True))
    except ValidationError as error:
        return problem(422, error)
    return _target_out(found)


class ShiftSchema(Schema):
    id: int | None = None
    name: str
    starts_at: time
    ends_at: time

    @field_validator("starts_at", "ends_at")
    @classmethod
    def local_time(cls, value: time) -> time:
        # A shift is the organisation's local clock time; an offset has no meaning here.
        if value.tzinfo is not None:
            raise ValueError("a local time, without a time-zone offset")
        return value


@router.get("/shifts", response=list[ShiftSchema], auth=requires("workforce.view_shift"))
def shifts_list(request: HttpRequest):
    return shift_list()


@router.post("/shifts", response={201: ShiftSchema, 422: dict},
             auth=requires("workforce.add_shift"))
def shift_add(request: HttpRequest, body: ShiftSchema):
    try:
        shift = shift_create(name=body.name, starts_at=body.starts_at, ends_at=body.ends_at)
    except ValidationError as error:
        return problem(422, error)
    return Status(201, shift)


class RosterEntryOut(Schema):
    id: int
    day: date
    agent: int = Field(alias="agent_id")
    shift: int = Field(alias="shift_id")
    channel: str = Field(alias="channel.code")


class RosterEntryIn(Schema):
    day: date
    agent: int = Field(description="Agent id.")
    shift: int = Field(description="Shift id.")
    channel: str = Field(description="Channel code.")


class RosterFilters(Schema):
    since: date | None = None
    until: date | None = None
    channel: str | None = None
    agent: int | None = None


@router.get("/roster", response=list[RosterEntryOut],
            auth=requires("workforce.view_rosterentry"))
@paginate
def roster_entries_list(request: HttpRequest, filters: Query[RosterFilters]):
    return roster_list(**filters.dict())


@router.post("/roster", response={201: RosterEntryOut},
             auth=requires("workforce.add_rosterentry"))
def roster_entry_create(request: HttpRequest, body: RosterEntryIn):
    entry = roster_entry_add(day=body.day, agent=get_object_or_404(Agent, pk=body.agent),
                             shift=get_object_or_404(shift_list(), pk=body.shift),
                             channel=get_object_or_404(Channel, code=body.channel))
    return Status(201, roster_list().get(pk=entry.pk))


class PlanInterval(Schema):
    start: str = Field(description="Local day and time, ISO 8601 without offset.")
    forecast: float = Field(description="Contacts expected.")
    low: float
    high: float
    aht_seconds: float
    agents: float = Field(description="On the queue: whole agents by Erlang C on a live "
                                      "channel, fractions of an agent by workload on a "
                                      "deferred one.")
    required: float = Field(description="To roster: agents with shrinkage (whole heads on a "
                                        "live channel, rounded once).")
    rostered: float


class PlanOut(Schema):
    channel: str
    week_start: date
    interval_minutes: int
    model: str
    method: str = Field(description="'queue' (a live channel, Erlang C) or 'workload' (a "
                                    "deferred one: answer target longer than the interval).")
    required_hours: float = Field(description="The week's agent-hours required, shrinkage "
                                              "applied to the total.")
    backtest_wape: float | None
    backtest_mase: float | None
    intervals: list[PlanInterval]


class PlanQuery(Schema):
    channel: str = "phone"
    week: date | None = Field(None, description="Any day of the week; default this week.")
    interval: int = Field(30, description="15, 30 or 60 minutes.")
    aht_factor: float = Field(1.0, gt=0, le=3)
    service_level: float | None = Field(None, gt=0, lt=1)
    answer_within_seconds: int | None = Field(None, gt=0)
    lunch_extra: int = Field(0, ge=0, le=50)


def _finite(value: float) -> float | None:
    return None if value != value else value  # NaN → null


@router.get("/staffing-plan", response={200: PlanOut, 409: dict, 422: dict},
            auth=requires("workforce.plan_staffing"))
def staffing_plan_get(request: HttpRequest, query: Query[PlanQuery]):
    if query.interval not in (15, 30, 60):
        return problem(422, "interval must be 15, 30 or 60")
    channel = get_object_or_404(Channel, code=query.channel)
    week_start = week_start_of(query.week or timezone.localdate())
    what_if = WhatIf(aht_factor=query.aht_factor, service_level=query.service_level,
                     answer_within_s=query.answer_within_seconds, lunch_extra=query.lunch_extra)
    try:
        plan = staffing_plan(channel, week_start, interval_minutes=query.interval,
                             what_if=what_if)
    except NotEnoughHistory:
        return problem(409, "The channel has less than a week of contacts to learn from.",
                       code="not-enough-history")
    intervals = []
    for i, day in enumerate(plan.days):
        for s in range(plan.forecast.shape[1]):
            minutes = s * plan.interval_minutes
            intervals.append(PlanInterval(
                start=f"{day.isoformat()}T{minutes // 60:02d}:{minutes % 60:02d}:00",
                forecast=float(plan.forecast[i, s]), low=float(plan.low[i, s]),
                high=float(plan.high[i, s]), aht_seconds=float(plan.aht_s[i, s]),
                agents=float(plan.agents[i, s]), required=float(plan.required[i, s]),
                rostered=float(plan.rostered[i, s])))
    return PlanOut(channel=channel.code, week_start=week_start,
                   interval_minutes=plan.interval_minutes, model=plan.model,
                   method=plan.method, required_hours=plan.required_hours,
                   backtest_wape=_finite(plan.backtest_wape),
                   backtest_mase=_finite(plan.backtest_mase), intervals=intervals)


class ResponseTimeOut(Schema):
    channel: str
    seconds: float = Field(description="Expected wait for a first answer.")
    text: str = Field(description="The sentence to show, in the language asked for.")


class ResponseTimeQuery(Schema):
    lang: str | None = Field(None, description="en, lt, lv, ru or pl; default: the browser's.")
    channel: str | None = None


# Public: a company's contact page asks it from the customer's browser, on any origin.
@router.get("/response-times", response=list[ResponseTimeOut], auth=None)
def response_times_list(request: HttpRequest, response: HttpResponse,
                        query: Query[ResponseTimeQuery]):
    language = query.lang if query.lang in dict(settings.LANGUAGES) else (
        translation.get_language_from_request(request))
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Vary"] = "Accept-Language"
    with translation.override(language):
        return [ResponseTimeOut(channel=code, seconds=seconds,
                                text=response_time_sentence(code, seconds))
                for code, seconds in response_time_estimates().items()
                if not query.channel or code == query.channel]
