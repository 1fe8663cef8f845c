"""Reads for alerts: did each subscribed measure change significantly this week?

The last seven local days are compared with the 28 days before them, each with the test
``kliento.measure.comparison.compare`` uses for that measure. One person's digest tests many
measures at once, so the false alarms are capped across the digest with Benjamini–Hochberg:
of the changes reported, at most 5 % are expected to be noise (the false discovery rate),
however many alerts the person keeps."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from kliento.alerts.models import AlertSubscription
from kliento.measure.comparison import compare
from kliento.surveys.selectors import customer_responses

RECENT_DAYS = 7
BASELINE_DAYS = 28
FALSE_DISCOVERY_RATE = 0.05
# Fewer answers than this on either side and no test is run: "not enough answers".
MIN_ANSWERS = 10


@dataclass(frozen=True)
class AlertChange:
    """One subscription's week: ``before`` and ``now`` in the measure's units, the raw
    two-sided p-value, and whether it stays significant after Benjamini–Hochberg across the
    digest (``significant``). ``p_value`` is None when either side had too few answers."""

    subscription: AlertSubscription
    before: float | None
    now: float | None
    n_before: int
    n_now: int
    p_value: float | None
    significant: bool = False


def subscriptions_of(user) -> QuerySet[AlertSubscription]:
    return AlertSubscription.objects.filter(user=user).select_related("user", "touchpoint",
                                                                      "team")


def _scores(subscription: AlertSubscription, start: date, end: date):
    # Customers' answers only: an employee's eNPS is no customer's NPS.
    responses = customer_responses().filter(responded_on__range=(start, end))
    if subscription.touchpoint_id:
        responses = responses.filter(touchpoint_id=subscription.touchpoint_id)
    if subscription.team_id:
        responses = responses.filter(interaction__agent__team_id=subscription.team_id)
    if subscription.measure == AlertSubscription.Measure.KV:
        pairs = list(responses.filter(experience__isnull=False, expectation__isnull=False)
                     .values_list("experience", "expectation"))
        return ([e for e, _x in pairs], [x for _e, x in pairs]), len(pairs)
    scores = list(responses.filter(**{f"{subscription.measure}__isnull": False})
                  .values_list(subscription.measure, flat=True))
    return scores, len(scores)


def alert_changes(subscriptions, today: date) -> list[AlertChange]:
    """Each subscription's change, the week to ``today`` (excluded) against the four weeks
    before, with Benjamini–Hochberg applied across all of them."""
    recent_start = today - timedelta(days=RECENT_DAYS)
    baseline_start = recent_start - timedelta(days=BASELINE_DAYS)
    changes = []
    for subscription in subscriptions:
        before, n_before = _scores(subscription, baseline_start,
                                   recent_start - timedelta(days=1))
        now, n_now = _scores(subscription, recent_start, today - timedelta(days=1))
        if min(n_before, n_now) < MIN_ANSWERS:
            changes.append(AlertChange(subscription, None, None, n_before, n_now, None))
            continue
        comparison = compare(before, now, subscription.measure)
        changes.append(AlertChange(subscription, comparison.a.value, comparison.b.value,
                                   n_before, n_now, comparison.p_value))
    tested = [index for index, change in enumerate(changes) if change.p_value is not None]
    if tested:
        # statsmodels loads here, not with the URLs that import this module (half a second
        # for every process, most of which never look at an alert).
        from statsmodels.stats.multitest import multipletests

        rejected, _adjusted, _sidak, _bonferroni = multipletests(
            [changes[index].p_value for index in tested], alpha=FALSE_DISCOVERY_RATE,
            method="fdr_bh")
        for index, significant in zip(tested, rejected, strict=True):
            if significant:
                change = changes[index]
                changes[index] = AlertChange(change.subscription, change.before, change.now,
                                             change.n_before, change.n_now, change.p_value,
                                             significant=True)
    return changes
