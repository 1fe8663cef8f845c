"""Reads for the promise ledger: the status link, the promises an agent has to keep, the
API's filtered list, and the promise-kept rate.

The kept rate is counted by the database — one grouped query per breakdown — and
:mod:`kliento.measure` turns the counts into a share with its 95 % interval.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.access.reach import reach_condition, reach_of, reaches_everyone
from kliento.accounts.models import User
from kliento.accounts.tokens import token_digest
from kliento.database.filters import filter_given
from kliento.measure.intervals import agresti_coull
from kliento.organisation.calendar import local_date
from kliento.organisation.models import Agent, Team
from kliento.promises.models import Promise

CONFIDENCE = 0.95


def promise_by_status_token(token: str) -> Promise | None:
    """The promise behind a customer's status link, or None for a link never issued."""
    return (Promise.objects.select_related("customer", "owner__user")
            .filter(status_token_digest=token_digest(token)).first())


def promise_status_link_expires_at(promise: Promise) -> datetime | None:
    """When a customer's status link stops working: never while the promise is open, then
    ``KLIENTO_PROMISE_LINK_DAYS`` after it was due or last changed (closed), whichever is
    later — a link forwarded or left in a mailbox does not show the promise for ever."""
    if promise.status == Promise.Status.OPEN:
        return None
    return (max(promise.due_at, promise.updated_at)
            + timedelta(days=settings.KLIENTO_PROMISE_LINK_DAYS))


class Scope(StrEnum):
    MINE = "mine"
    TEAM = "team"  # the teams the user leads
    ALL = "all"  # everyone's, for those allowed to see every promise


def promise_scopes_for(user: User) -> list[Scope]:
    """The lists a person may see, the default first: their own when they are an agent,
    their teams' when they lead one, everyone's with ``promises.view_promise``. Empty for
    someone who is none of these."""
    if not user.has_perm("promises.view_promise"):
        return []
    scopes = []
    if Agent.objects.filter(user=user).exists():
        scopes.append(Scope.MINE)
    if Team.objects.filter(lead=user).exists():
        scopes.append(Scope.TEAM)
    if reaches_everyone(user):
        scopes.append(Scope.ALL)
    return scopes


def _scope_condition(user: User, scope: Scope) -> Q:
    if scope == Scope.ALL:
        return Q()
    if scope == Scope.TEAM:
        return Q(owner__team__lead=user) | Q(owner__user=user)
    return Q(owner__user=user)


# Overdue first, then due today, then later: the order an agent works in.
OVERDUE, TODAY, LATER = 0, 1, 2


def promises_to_keep(user: User, scope: Scope, now: datetime | None = None
                     ) -> QuerySet[Promise]:
    """Open promises in ``scope``, each with ``urgency`` (OVERDUE, TODAY or LATER, by the
    organisation's calendar) and ``closable`` (by this user), the most urgent and then the
    soonest due first."""
    now = now or timezone.now()
    return (
        Promise.objects.filter(_scope_condition(user, scope), status=Promise.Status.OPEN)
        .select_related("customer", "owner__user")
        .annotate(urgency=Case(When(due_at__lt=now, then=Value(OVERDUE)),
                               When(due_on=local_date(now), then=Value(TODAY)),
                               default=Value(LATER), output_field=IntegerField()),
                  closable=_closable(user))
        .order_by("urgency", "due_at", "pk")
    )


def promise_urgency_counts(user: User, scope: Scope, now: datetime | None = None
                           ) -> dict[str, int]:
    """How many open promises in ``scope`` are overdue, due later today and due later."""
    now = now or timezone.now()
    today = local_date(now)
    return Promise.objects.filter(_scope_condition(user, scope),
                                  status=Promise.Status.OPEN).aggregate(
        overdue=Count("id", filter=Q(due_at__lt=now)),
        today=Count("id", filter=Q(due_at__gte=now, due_on=today)),
        later=Count("id", filter=Q(due_on__gt=today)),
    )


CLOSE_PERMISSION = "promises.change_promise"


def promise_closable_condition(user: User) -> Q:
    """Promises a person may close from the page: with ``promises.change_promise``, those
    within their reach (their own, their team's, or everyone's)."""
    if not user.has_perm(CLOSE_PERMISSION):
        return Q(pk__in=[])
    return reach_condition(user, reach_of(Promise, CLOSE_PERMISSION))


def _closable(user: User):
    condition = promise_closable_condition(user)
    if not condition:  # may close any: When() refuses an empty condition
        return Value(True)
    return Case(When(condition, then=Value(True)), default=Value(False))


def promise_to_keep(user: User, pk: int) -> Promise | None:
    """One promise the user may close, or None."""
    return (Promise.objects.filter(promise_closable_condition(user), pk=pk)
            .select_related("customer").first())


def promise_list(*, status: str | None = None, owner: int | None = None,
                 customer: int | None = None, kind: str | None = None,
                 due_before: datetime | None = None, due_after: datetime | None = None
                 ) -> QuerySet[Promise]:
    """Promises matching every filter given, soonest due first. ``due_before`` is
    exclusive and ``due_after`` inclusive, so consecutive windows never overlap."""
    return filter_given(Promise.objects.all(), status=status, owner_id=owner,
                        customer_id=customer, kind=kind, due_at__lt=due_before,
                        due_at__gte=due_after).order_by("due_at", "pk")


class Breakdown(StrEnum):
    KIND = "kind"
    OWNER = "owner"
    TEAM = "team"


_GROUP_COLUMNS = {Breakdown.KIND: "kind", Breakdown.OWNER: "owner_id",
                  Breakdown.TEAM: "owner__team_id"}
_OUTCOMES = {
    "due": Count("id"),
    "kept": Count("id", filter=Q(status=Promise.Status.KEPT)),
    "late": Count("id", filter=Q(status=Promise.Status.LATE)),
    "broken": Count("id", filter=Q(status=Promise.Status.BROKEN)),
    "overdue": Count("id", filter=Q(status=Promise.Status.OPEN)),
}


@dataclass(frozen=True)
class KeptRate:
    """Promises that fell due in a period and how they ended. ``value``, ``low`` and
    ``high`` are the kept rate and its 95 % interval in percent (kept on time and as
    specified, of all that fell due); ``overdue`` are past due and still open, which count
    as not kept. ``key`` is the kind, the agent's or the team's id (None: no owner, no
    team, or the whole period)."""

    key: str | None
    label: str
    due: int
    kept: int
    late: int
    broken: int
    overdue: int
    value: float
    low: float
    high: float

    def percent_of_due(self, count: int) -> float:
        return 100.0 * count / self.due

    @property
    def late_percent(self) -> float:
        return self.percent_of_due(self.late)

    @property
    def broken_percent(self) -> float:
        return self.percent_of_due(self.broken)

    @property
    def overdue_percent(self) -> float:
        return self.percent_of_due(self.overdue)


def _rate(key, label: str, counts: dict) -> KeptRate:
    low, high = agresti_coull(counts["kept"], counts["due"], CONFIDENCE)
    return KeptRate(key=key, label=label, value=100.0 * counts["kept"] / counts["due"],
                    low=100.0 * low, high=100.0 * high,
                    **{name: counts[name] for name in _OUTCOMES})


def _due_in(start: date, end: date, now: datetime | None) -> QuerySet[Promise]:
    # As on the dashboard: a promise counts once its due time has passed, so a period in
    # progress is not flattered by promises kept ahead of time.
    return Promise.objects.filter(due_on__range=(start, end),
                                  due_at__lt=now or timezone.now())


def promise_kept_rate(start: date, end: date, now: datetime | None = None
                      ) -> KeptRate | None:
    """The kept rate of every promise due on local days ``start``..``end`` (both included);
    None when none fell due."""
    counts = _due_in(start, end, now).aggregate(**_OUTCOMES)
    return _rate(None, _("All promises"), counts) if counts["due"] else None


def _labels(by: Breakdown, keys: list) -> dict:
    if by == Breakdown.KIND:
        return {key: str(Promise.Kind(key).label) for key in keys}
    ids = [key for key in keys if key is not None]
    if by == Breakdown.OWNER:
        labels = {agent.pk: str(agent)
                  for agent in Agent.objects.filter(pk__in=ids).select_related("user")}
        return labels | {None: _("No owner")}
    return dict(Team.objects.filter(pk__in=ids).values_list("pk", "name")) | {
        None: _("No team")}


def promise_kept_rates(by: Breakdown | str, start: date, end: date,
                       now: datetime | None = None) -> list[KeptRate]:
    """The kept rate by kind, owner or team for promises due on ``start``..``end``, the
    lowest rate first (then the most promises), so what needs attention leads."""
    by = Breakdown(by)
    column = _GROUP_COLUMNS[by]
    groups = list(_due_in(start, end, now).values(column).annotate(**_OUTCOMES).order_by())
    labels = _labels(by, [group[column] for group in groups])
    rates = [_rate(None if group[column] is None else str(group[column]),
                   labels.get(group[column], str(group[column])), group)
             for group in groups]
    return sorted(rates, key=lambda rate: (rate.value, -rate.due, rate.label))
