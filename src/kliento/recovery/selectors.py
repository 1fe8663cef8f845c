"""Reads for recovery: the case lists, compensation limits, and the recovery KPIs — counted
and summed by the database; Python only turns the sums into shares with intervals."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from kliento.accounts.models import User
from kliento.database.filters import filter_given
from kliento.interactions.models import Interaction
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.measure.summaries import csat_from_counts
from kliento.recovery.models import Cause, CompensationGrant, CompensationLimit, RecoveryCase

APPROVE_PERMISSION = "recovery.approve_compensation"


def compensation_limit_default() -> Decimal:
    raw = getattr(settings, "KLIENTO_COMPENSATION_LIMIT_DEFAULT", "30")
    return Decimal(str(raw)).quantize(Decimal("0.01"))


def compensation_limit_for(user: User) -> Decimal | None:
    """The most a user may grant on one case without approval, in euros; ``None`` for no
    limit (holders of ``recovery.approve_compensation``). The highest limit of the user's
    groups applies, else ``KLIENTO_COMPENSATION_LIMIT_DEFAULT``."""
    if user.has_perm(APPROVE_PERMISSION):
        return None
    limit = CompensationLimit.objects.filter(group__user=user).aggregate(
        limit=Max("max_amount"))["limit"]
    return compensation_limit_default() if limit is None else limit


def compensation_granted(case: RecoveryCase) -> Decimal:
    """Compensation offered on a case so far, in euros (declined offers cost nothing)."""
    total = case.grants.exclude(outcome=CompensationGrant.Outcome.DECLINED).aggregate(
        total=Sum("amount"))["total"]
    return total or Decimal("0.00")


def _overdue(now: datetime) -> Q:
    return Q(first_contact_at__isnull=True, status__in=RecoveryCase.ACTIVE, due_at__lt=now)


def recovery_cases_for(user: User, *, status: str = "active", mine: bool = False,
                       now: datetime | None = None) -> QuerySet[RecoveryCase]:
    """Cases as a person works them: their own first, then the unfinished, soonest due first;
    each marked ``overdue`` when nobody has contacted the customer by the due time.
    ``status`` is one of the statuses, ``active`` (open or in progress) or ``all``."""
    now = now or timezone.now()
    cases = RecoveryCase.objects.select_related("customer", "assignee")
    if status == "active":
        cases = cases.filter(status__in=RecoveryCase.ACTIVE)
    elif status in RecoveryCase.Status.values:
        cases = cases.filter(status=status)
    if mine:
        cases = cases.filter(assignee=user)
    return cases.annotate(
        mine=Case(When(assignee=user, then=Value(0)), default=Value(1),
                  output_field=IntegerField()),
        finished=Case(When(status__in=RecoveryCase.ACTIVE, then=Value(0)), default=Value(1),
                      output_field=IntegerField()),
        overdue=Case(When(_overdue(now), then=Value(True)), default=Value(False)),
    ).order_by("mine", "finished", "due_at", "pk")


def recovery_case_list(*, status: str = "all", assignee: int | None = None,
                       customer: int | None = None, trigger: str | None = None
                       ) -> QuerySet[RecoveryCase]:
    """Cases matching every filter given, newest first, with their grants. ``status`` is
    one of the statuses, ``active`` (open or in progress) or ``all``; ``assignee`` is a
    user's id and ``customer`` a customer's."""
    cases = RecoveryCase.objects.prefetch_related("grants")
    if status == "active":
        cases = cases.filter(status__in=RecoveryCase.ACTIVE)
    elif status != "all":
        cases = cases.filter(status=status)
    return filter_given(cases, assignee=assignee, customer=customer, trigger=trigger
                        ).order_by("-opened_at", "-pk")


def recovery_case_detail(pk: int) -> RecoveryCase:
    """One case with everything its page shows, in three queries."""
    grants = CompensationGrant.objects.select_related("granted_by", "approved_by")
    return (
        RecoveryCase.objects.select_related(
            "customer", "assignee", "survey_response", "interaction__channel",
            "interaction__agent__user", "follow_up_invitation__response",
        )
        .prefetch_related(Prefetch("grants", queryset=grants))
        .get(pk=pk)
    )


def follow_up_possible_from(case: RecoveryCase) -> datetime | None:
    """When the customer may be asked again: the survey quiet period after their last
    invitation (``None``: now)."""
    last = case.customer.survey_invitations.aggregate(last=Max("created_at"))["last"]
    if last is None:
        return None
    possible = last + timedelta(days=settings.KLIENTO_SURVEY_QUIET_DAYS)
    return possible if possible > timezone.now() else None


@dataclass(frozen=True)
class Share:
    """A share in percent with its 95 % adjusted-Wald interval, of ``n`` cases."""

    value: float
    low: float
    high: float
    n: int
    count: int


def _share(count: int, n: int) -> Share | None:
    if not n:
        return None
    result = csat_from_counts(count, n)
    return Share(result.value, result.low, result.high, n, count)


@dataclass(frozen=True)
class ComplaintCauses:
    """Complaints opened in a period and what agents found caused them."""

    complaints: int
    classified: int
    by_cause: dict[str, int]
    broken_promise: Share | None  # reliability ÷ classified, percent


def complaint_causes(start: date, end: date) -> ComplaintCauses:
    """Complaints by cause, one query: the share of broken promises (reliability) among the
    complaints an agent has classified. Unclassified complaints are counted, not guessed."""
    counts = Interaction.objects.filter(
        kind=Interaction.Kind.COMPLAINT, opened_on__range=(start, end)
    ).aggregate(
        complaints=Count("id"), classified=Count("cause"),
        **{cause: Count("id", filter=Q(cause=cause)) for cause in Cause.values},
    )
    return ComplaintCauses(
        complaints=counts["complaints"], classified=counts["classified"],
        by_cause={cause: counts[cause] for cause in Cause.values},
        broken_promise=_share(counts[Cause.RELIABILITY], counts["classified"]),
    )


@dataclass(frozen=True)
class RecoveryKpis:
    """Recovery of the cases opened in a period. Money in euros, times in seconds."""

    cases: int
    contacted: int
    followed_up: int
    recovery_rate: Share | None  # recovered ÷ followed up, percent
    complaint_to_delight: int  # follow-up recommends us (9–10) or beat expectations (KV > 1)
    first_contact_median_seconds: float | None
    compensation_spent: Decimal  # accepted grants
    recovered_customers: int
    compensation_per_recovered_customer: Decimal | None


# A case counts as recovered when the follow-up recommend score beats the score before; with
# no score before (a complaint, or a survey that did not ask), it must beat a detractor's.
RECOVERED = Q(follow_up_score__isnull=False) & Q(
    follow_up_score__gt=Coalesce(F("score_before"), Value(DETRACTOR_UP_TO)))
DELIGHTED = Q(follow_up_score__gte=PROMOTER_FROM) | Q(
    follow_up_response__experience__gt=F("follow_up_response__expectation"))


def recovery_kpis(start: date, end: date) -> RecoveryKpis:
    """One aggregate over the period's cases joined to their grants (so every count is of
    distinct cases), plus one ordered slice for the median when any case was contacted."""
    money = DecimalField(max_digits=12, decimal_places=2)
    cases = RecoveryCase.objects.filter(opened_on__range=(start, end))

    def distinct_cases(condition: Q | None = None) -> Count:
        return Count("id", filter=condition, distinct=True)

    totals = cases.aggregate(
        cases=distinct_cases(),
        contacted=distinct_cases(Q(first_contact_seconds__isnull=False)),
        followed_up=distinct_cases(Q(follow_up_score__isnull=False)),
        recovered=distinct_cases(RECOVERED),
        delighted=distinct_cases(Q(follow_up_score__isnull=False) & DELIGHTED),
        recovered_customers=Count("customer", filter=RECOVERED, distinct=True),
        spent=Coalesce(Sum("grants__amount",
                           filter=Q(grants__outcome=CompensationGrant.Outcome.ACCEPTED)),
                       Value(Decimal("0.00")), output_field=money),
    )
    spent_total = Decimal(totals["spent"]).quantize(Decimal("0.01"))
    customers = totals["recovered_customers"]
    return RecoveryKpis(
        cases=totals["cases"],
        contacted=totals["contacted"],
        followed_up=totals["followed_up"],
        recovery_rate=_share(totals["recovered"], totals["followed_up"]),
        complaint_to_delight=totals["delighted"],
        first_contact_median_seconds=_median(
            cases.filter(first_contact_seconds__isnull=False), "first_contact_seconds",
            totals["contacted"]),
        compensation_spent=spent_total,
        recovered_customers=customers,
        compensation_per_recovered_customer=(
            (spent_total / customers).quantize(Decimal("0.01")) if customers else None),
    )


def _median(queryset: QuerySet, field: str, n: int) -> float | None:
    """The median by the database's sort: the one or two middle values of ``n``."""
    if not n:
        return None
    middle = list(queryset.order_by(field).values_list(field, flat=True)[(n - 1) // 2:n // 2 + 1])
    return sum(middle) / len(middle)
