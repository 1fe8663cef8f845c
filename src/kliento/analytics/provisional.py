"""The unsettled days before today, stored provisionally by the job worker.

A request computes live only what is not stored or kept (:mod:`kliento.analytics.finished`):
the last :data:`~kliento.analytics.finished.SETTLE_DAYS` days, whose figures still change
(contacts answered and resolved, repeat contacts, promise outcomes). At 10M contacts those
days are ~220,000 rows, a second of every request. The worker's periodic sweep (every
minute) stores each of those days but today, every breakdown, as day rows of the rollups
table (one scan, :func:`kliento.analytics.fill_scan.fill_stats`), replaced at each refresh;
a request reads them and computes only today live. They are read only while fresh (stored
today, at most :data:`FRESH_FOR` ago): with no worker running, every figure is live again, as
it always is right.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from kliento.analytics.buckets import Grain, bucket_start_of
from kliento.analytics.fill_scan import fill_stats
from kliento.analytics.finished import kept, settled_through
from kliento.analytics.metrics import (
    MetricsQuery,
    stats_add,
    stats_stored_form,
    stored_cells,
)
from kliento.analytics.models import KpiRollup, RollupFillState
from kliento.organisation.calendar import organisation_timezone

# The fill state's row that says which days are stored provisionally, and when.
STATE = {"grain": Grain.DAY, "breakdown": "provisional"}
FRESH_FOR = timedelta(minutes=10)


def provisional_days_refresh(now=None) -> int:
    """Store the days after the settled ones up to yesterday, replacing what was stored;
    returns the rows written."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone=organisation_timezone())
    first, last = settled_through() + timedelta(days=1), today - timedelta(days=1)
    found = fill_stats(first, last, grains=(Grain.DAY,)) if first <= last else {}
    rows = [
        KpiRollup(grain=Grain.DAY, breakdown=breakdown, bucket=day, group=group or "",
                  **stats_stored_form(s))
        for (_grain, breakdown), stats in found.items()
        for (day, group), s in stats.items()]
    with transaction.atomic():
        state, _created = RollupFillState.objects.select_for_update().get_or_create(**STATE)
        KpiRollup.objects.filter(grain=Grain.DAY).delete()
        KpiRollup.objects.bulk_create(rows)
        state.filled_through = last if first <= last else None
        state.save(update_fields=["filled_through", "updated_at"])  # updated_at: now
    return len(rows)


def provisional_days_forget() -> None:
    """Drop the stored days (an import changed them): live until the next refresh."""
    with transaction.atomic():
        KpiRollup.objects.filter(grain=Grain.DAY).delete()
        RollupFillState.objects.filter(**STATE).update(filled_through=None,
                                                       updated_at=timezone.now())


def provisional_through() -> tuple[date, datetime] | None:
    """The last day stored provisionally and when it was stored (the refresh's version), if
    they may be read: refreshed today (so they start the day after the settled ones) and
    recently."""
    found = RollupFillState.objects.filter(**STATE).values_list("filled_through",
                                                                "updated_at").first()
    if found is None or found[0] is None:
        return None
    last, refreshed = found
    now = timezone.now()
    today = timezone.localdate(now, timezone=organisation_timezone())
    if last != today - timedelta(days=1) or now - refreshed > FRESH_FOR:
        return None
    return last, refreshed


def recent_days_as_of():
    """When the days before today were last stored, in the organisation's time, if the
    pages read them (else they are live, and None)."""
    through = provisional_through()
    if through is None:
        return None
    return timezone.localtime(through[1], organisation_timezone())


def provisional_stats(query: MetricsQuery, refreshed: datetime) -> dict:
    """The stored days of ``query`` (which lie after the settled ones, up to yesterday)
    added up into its buckets; kept until the next refresh."""

    def added_up() -> dict:
        stats: dict = {}
        for (day, group), s in stored_cells(Grain.DAY, query, query.start, query.end).items():
            stats_add(stats, (bucket_start_of(query.grain, day) if query.grain else None,
                              group), s)
        return stats

    return kept(f"provisional:{query}:{refreshed.isoformat()}", added_up, size=len)
