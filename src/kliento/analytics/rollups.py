"""Filling and reading the KPI rollups.

A week or month is *final* once it ended more than :data:`SETTLE_DAYS` ago: repeat contacts
look seven days ahead, and survey answers and promise outcomes arrive within days. Final
buckets are computed once by :func:`rollups_fill` (idempotent: a bucket is replaced, never
added twice) and read back by :func:`run_metrics_with_rollups`; everything later is computed
live. Data imported for old periods calls :func:`rollups_forget`; the job worker's
periodic :func:`rollups_fill` (or ``kliento rollups fill``) stores them again.
"""

from dataclasses import fields
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from kliento.analytics.anonymity import small_anonymous_groups_left_out
from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import (
    ADDITIVE_STATS,
    SKETCH_STATS,
    Breakdown,
    KpiStats,
    MetricsQuery,
    MetricsRow,
    PercentileMethod,
    StatsByKey,
    collect_stats,
    rows_from_stats,
)
from kliento.analytics.models import KpiRollup, RollupFillState
from kliento.interactions.models import Interaction
from kliento.measure.sketches import LogHistogram
from kliento.organisation.calendar import organisation_timezone

SETTLE_DAYS = 8
ROLLED_UP_GRAINS = (Grain.WEEK, Grain.MONTH)
STAT_FIELDS = ADDITIVE_STATS + SKETCH_STATS
assert set(STAT_FIELDS) <= {f.name for f in fields(KpiStats)}


def _stored_form(s: KpiStats) -> dict:
    return {name: getattr(s, name) for name in ADDITIVE_STATS} | {
        name: None if getattr(s, name) is None else getattr(s, name).as_dict()
        for name in SKETCH_STATS}


def _from_stored(row: dict) -> KpiStats:
    return KpiStats(**{name: row[name] for name in ADDITIVE_STATS},
                    **{name: None if row[name] is None else LogHistogram.from_dict(row[name])
                       for name in SKETCH_STATS})


def bucket_start(grain: Grain, day: date) -> date:
    if grain == Grain.WEEK:
        return day - timedelta(days=day.weekday())
    if grain == Grain.MONTH:
        return day.replace(day=1)
    return day


def next_bucket(grain: Grain, start: date) -> date:
    if grain == Grain.WEEK:
        return start + timedelta(weeks=1)
    if grain == Grain.MONTH:
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def last_final_bucket(grain: Grain, today: date) -> date:
    """The start of the latest bucket that ended at least SETTLE_DAYS before ``today``."""
    settled_day = today - timedelta(days=SETTLE_DAYS)
    start = bucket_start(grain, settled_day)
    if next_bucket(grain, start) - timedelta(days=1) > settled_day:
        start = bucket_start(grain, start - timedelta(days=1))
    return start


def rollups_fill(today: date | None = None) -> int:
    """Compute and store every final bucket not stored yet; returns the rows written."""
    today = today or timezone.localdate(timezone=organisation_timezone())
    span = Interaction.objects.aggregate(first=Min("opened_on"), last=Max("opened_on"))
    if span["first"] is None:
        return 0
    written = 0
    for grain in ROLLED_UP_GRAINS:
        final = last_final_bucket(grain, today)
        for breakdown in Breakdown:
            state, _ = RollupFillState.objects.get_or_create(grain=grain, breakdown=breakdown)
            first = (next_bucket(grain, state.filled_through) if state.filled_through
                     else bucket_start(grain, span["first"]))
            if first > final:
                continue
            stats = collect_stats(MetricsQuery(
                first, next_bucket(grain, final) - timedelta(days=1), grain, breakdown),
                PercentileMethod.SKETCH)
            with transaction.atomic():
                KpiRollup.objects.filter(grain=grain, breakdown=breakdown,
                                         bucket__gte=first, bucket__lte=final).delete()
                KpiRollup.objects.bulk_create(
                    KpiRollup(grain=grain, breakdown=breakdown, bucket=key[0],
                              group=key[1] or "", **_stored_form(s))
                    for key, s in stats.items()
                )
                state.filled_through = final
                state.save(update_fields=["filled_through", "updated_at"])
            written += len(stats)
    return written


def rollups_forget(since: date | None = None) -> None:
    """Forget the stored buckets that hold ``since`` or any later day (all by default), e.g.
    after old data was imported: until they are filled again those periods are computed
    live, so every figure stays right meanwhile."""
    with transaction.atomic():
        if since is None:
            KpiRollup.objects.all().delete()
            RollupFillState.objects.update(filled_through=None)
            return
        for state in RollupFillState.objects.filter(filled_through__isnull=False):
            grain = Grain(state.grain)
            first = bucket_start(grain, since)
            KpiRollup.objects.filter(grain=state.grain, breakdown=state.breakdown,
                                     bucket__gte=first).delete()
            if state.filled_through >= first:
                state.filled_through = bucket_start(grain, first - timedelta(days=1))
                state.save(update_fields=["filled_through", "updated_at"])


def rollups_rebuild(since: date | None = None, today: date | None = None) -> int:
    """Forget stored buckets from ``since`` on (all of them by default) and fill again."""
    rollups_forget(since)
    return rollups_fill(today)


def _stored(grain: Grain, query: MetricsQuery, first: date, last: date) -> StatsByKey:
    rows = KpiRollup.objects.filter(grain=grain, breakdown=query.breakdown, bucket__gte=first,
                                    bucket__lte=last)
    if query.only is not None:
        rows = rows.filter(group=query.only)
    return {(row["bucket"], row["group"] or None): _from_stored(row)
            for row in rows.values("bucket", "group", *STAT_FIELDS)}


def _filled_through(grain: Grain, breakdown: Breakdown) -> date | None:
    return (RollupFillState.objects.filter(grain=grain, breakdown=breakdown)
            .values_list("filled_through", flat=True).first())


def collect_stats_with_rollups(query: MetricsQuery) -> StatsByKey:
    """Stored buckets where the query covers whole final buckets, live scans elsewhere (the
    focus filtered in both). ``grain=None`` adds weekly buckets up, percentiles included:
    they come from merged histograms, within their relative error.

    Small groups of anonymous answers are left out of their cells
    (:mod:`kliento.analytics.anonymity`): every report reads its figures through here."""
    return small_anonymous_groups_left_out(_stats_with_rollups(query), query)[0]


def _stats_with_rollups(query: MetricsQuery) -> StatsByKey:
    grain = query.grain or Grain.WEEK
    if grain not in ROLLED_UP_GRAINS:
        return collect_stats(query, PercentileMethod.SKETCH)
    filled = _filled_through(grain, query.breakdown)
    first_whole = (query.start if bucket_start(grain, query.start) == query.start
                   else next_bucket(grain, bucket_start(grain, query.start)))
    stored_last = min(filled, bucket_start(grain, query.end)) if filled else None
    if stored_last is not None and next_bucket(grain, stored_last) - timedelta(days=1) > query.end:
        stored_last = bucket_start(grain, stored_last - timedelta(days=1))
    if stored_last is None or stored_last < first_whole:
        return collect_stats(query, PercentileMethod.SKETCH)

    stats = _stored(grain, query, first_whole, stored_last)
    live_ranges = []
    if query.start < first_whole:
        live_ranges.append((query.start, first_whole - timedelta(days=1)))
    after = next_bucket(grain, stored_last)
    if after <= query.end:
        live_ranges.append((after, query.end))
    for start, end in live_ranges:
        # A part-bucket at either end is one bucket: merge it with the stored one, if any.
        for key, s in collect_stats(
                MetricsQuery(start, end, grain, query.breakdown, query.only),
                PercentileMethod.SKETCH).items():
            stats[key] = stats[key] + s if key in stats else s
    if query.grain is not None:
        return stats
    # The whole period as one bucket: counts, sums and histograms add up.
    totals: dict = {}
    for (_bucket, group), s in stats.items():
        totals[group] = totals[group] + s if group in totals else KpiStats() + s
    return {(None, group): s for group, s in totals.items()}


def run_metrics_with_rollups(query: MetricsQuery) -> list[MetricsRow]:
    """The rows of ``query``; a row whose cell left out a small group of anonymous answers
    says how many in ``anonymous_left_out``."""
    stats, left_out = small_anonymous_groups_left_out(_stats_with_rollups(query), query)
    rows = rows_from_stats(stats)
    for row in rows:
        row.anonymous_left_out = left_out.get((row.bucket, row.group), 0)
    return rows

