"""Filling and reading the KPI rollups.

A week or month is *final* once it ended more than :data:`SETTLE_DAYS` ago: repeat contacts
look seven days ahead, and survey answers and promise outcomes arrive within days. Final
buckets are computed once by :func:`rollups_fill` (idempotent: a bucket is replaced, never
added twice) and read back by :func:`run_metrics_with_rollups`; everything later is computed
live. Data imported for old periods calls :func:`rollups_forget`; the job worker's
periodic :func:`rollups_fill` (or ``kliento rollups fill``) stores them again.

A fill is planned as parts (:class:`~kliento.analytics.models.RollupFillPart`): in one
process one part per grain and breakdown; spread over several workers
(:func:`rollups_fill_spread`, ``KLIENTO_ROLLUPS_SPREAD``) one per month of buckets, each a
job of its own that any worker, on any machine, may take. docs/scale-out.md has the shape.
"""

import os
import socket
import time
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from kliento.analytics.anonymity import small_anonymous_groups_left_out
from kliento.analytics.buckets import Grain, bucket_start_of, next_bucket_of
from kliento.analytics.fill_scan import FILLED_GRAINS, fill_stats
from kliento.analytics.finished import SETTLE_DAYS, fill_version, kept, settled_through
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
    row_from_stats,
    stats_add,
    stats_stored_form,
    stored_cells,
)
from kliento.analytics.models import KpiRollup, RollupFillPart, RollupFillState
from kliento.analytics.provisional import (
    provisional_days_forget,
    provisional_stats,
    provisional_through,
)
from kliento.interactions.models import Interaction
from kliento.organisation.calendar import organisation_timezone

ROLLED_UP_GRAINS = FILLED_GRAINS
assert set(ADDITIVE_STATS + SKETCH_STATS) <= {f.name for f in fields(KpiStats)}


bucket_start = bucket_start_of
next_bucket = next_bucket_of


def last_final_bucket(grain: Grain, today: date) -> date:
    """The start of the latest bucket that ended at least SETTLE_DAYS before ``today``."""
    settled_day = today - timedelta(days=SETTLE_DAYS)
    start = bucket_start(grain, settled_day)
    if next_bucket(grain, start) - timedelta(days=1) > settled_day:
        start = bucket_start(grain, start - timedelta(days=1))
    return start


# A worker that took a part and died loses it after this long; the next fill sends it again.
PART_LEASE = timedelta(minutes=30)
# Finished parts are kept this long, as a record of which worker filled what and how fast.
PARTS_KEPT = timedelta(days=7)


def _month_split(grain: Grain, first: date, final: date) -> list[tuple[date, date]]:
    """The bucket starts from ``first`` to ``final``, in runs that start in one calendar
    month: a part per month of weeks, a part per month."""
    runs, run_start, current = [], first, first
    while current <= final:
        after = next_bucket(grain, current)
        if after > final or (after.year, after.month) != (run_start.year, run_start.month):
            runs.append((run_start, current))
            run_start = after
        current = after
    return runs


def rollup_parts_plan(today: date | None = None, *, by_month: bool = False
                      ) -> list[RollupFillPart]:
    """Record the parts of the fill not planned yet and return every part still to do.

    Per grain and breakdown the final buckets after the last part planned (or stored) make
    new parts: one for the lot, or with ``by_month`` one per month of buckets, to be spread
    over workers. The fill state's row is locked meanwhile, so two planners at once (two
    workers, or the worker and ``kliento rollups fill``) plan each bucket once."""
    today = today or timezone.localdate(timezone=organisation_timezone())
    span = Interaction.objects.aggregate(first=Min("opened_on"))
    if span["first"] is None:
        return []
    for grain in ROLLED_UP_GRAINS:
        final = last_final_bucket(grain, today)
        for breakdown in Breakdown:
            RollupFillState.objects.get_or_create(grain=grain, breakdown=breakdown)
            with transaction.atomic():
                state = RollupFillState.objects.select_for_update().get(
                    grain=grain, breakdown=breakdown)
                after = (next_bucket(grain, state.filled_through) if state.filled_through
                         else bucket_start(grain, span["first"]))
                parts = RollupFillPart.objects.filter(grain=grain, breakdown=breakdown)
                if state.filled_through:
                    # Parts the state has passed are a record only, kept for a while.
                    parts.filter(last__lte=state.filled_through,
                                 done_at__lt=timezone.now() - PARTS_KEPT).delete()
                    parts = parts.filter(last__gt=state.filled_through)
                # The parts not yet stored run on from the state; any that do not were
                # planned against another history (the state was reset): planned again.
                chain = parts.aggregate(first=Min("first"), last=Max("last"))
                if chain["first"] is not None and chain["first"] != after:
                    parts.delete()
                    chain["last"] = None
                planned = chain["last"] or state.filled_through
                first = (next_bucket(grain, planned) if planned
                         else bucket_start(grain, span["first"]))
                if first > final:
                    continue
                runs = _month_split(grain, first, final) if by_month else [(first, final)]
                RollupFillPart.objects.bulk_create(
                    [RollupFillPart(grain=grain, breakdown=breakdown, first=run_first,
                                    last=run_last) for run_first, run_last in runs],
                    ignore_conflicts=True)
    return list(RollupFillPart.objects.filter(done_at__isnull=True)
                .order_by("first", "grain", "breakdown"))


def this_process() -> str:
    """Who fills a part when no job worker names itself: ``kliento rollups fill``, tests."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _day_span(part: RollupFillPart) -> tuple[date, date]:
    """The first and last day of a part's buckets."""
    return part.first, next_bucket(Grain(part.grain), part.last) - timedelta(days=1)


def _take(part_id: int, worker: str, now) -> bool:
    """Take a part unless it is done or another worker holds its lease."""
    return bool(RollupFillPart.objects.filter(pk=part_id, done_at__isnull=True).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - PART_LEASE)
    ).update(claimed_at=now, claimed_by=worker))


def rollup_part_fill(part_id: int, worker: str | None = None) -> dict:
    """Fill one part: take it (unless it is done or another worker holds its lease),
    compute its buckets, then replace them and mark the part done under a lock on its row, so
    a part sent twice, or taken again after a lease ran out, is stored once.

    One scan of the data gives every grain and breakdown (:mod:`kliento.analytics.fill_scan`),
    so the parts over the same days that no worker holds are taken and stored with it (a
    month's weeks, the month, for all breakdowns): their own jobs then find them done.
    Returns what happened, for the task's result: ``outcome`` (of this part) is "filled",
    "skipped" (done, or taken by another worker) or "forgotten" (an import of old data forgot
    the part meanwhile; the next fill plans it again); ``rows`` all the batch stored and
    ``parts`` how many parts."""
    worker = worker or this_process()
    now = timezone.now()
    taken = _take(part_id, worker, now)
    outcome = {"part": part_id, "worker": worker, "rows": 0, "outcome": "skipped"}
    part = RollupFillPart.objects.filter(pk=part_id).first() if taken else None
    if part is None:
        return outcome | {"outcome": "forgotten" if taken else "skipped"}
    first, last = _day_span(part)
    batch = [part] + [
        other for other in RollupFillPart.objects.filter(
            done_at__isnull=True, first__lte=last, last__gte=first - timedelta(days=31),
        ).exclude(pk=part_id).order_by("first", "grain", "breakdown")
        if _day_span(other)[1] >= first and _take(other.pk, worker, now)]
    started = time.perf_counter()
    # The data is read after the parts were taken: an import committed before that is seen;
    # one committed later forgets the parts (rollups_forget deletes their rows) before or
    # after the writes below, and either way the stale buckets do not stay.
    found = fill_stats(min(p.first for p in batch), max(_day_span(p)[1] for p in batch))
    stored = {}
    for each in batch:
        stats = {key: s for key, s in found[(Grain(each.grain), Breakdown(each.breakdown))].items()
                 if each.first <= key[0] <= each.last}
        stored[each.pk] = _part_store(each.pk, worker, stats, time.perf_counter() - started)
    return outcome | {
        "outcome": stored[part_id][0],
        "rows": sum(rows for result, rows in stored.values() if result == "filled"),
        "parts": sum(result == "filled" for result, _rows in stored.values())}


def _part_store(part_id: int, worker: str, stats: StatsByKey, seconds: float
                ) -> tuple[str, int]:
    """Replace a taken part's buckets and mark it done, unless it was done or forgotten
    meanwhile; the outcome and the rows written."""
    with transaction.atomic():
        part = RollupFillPart.objects.select_for_update().filter(pk=part_id).first()
        if part is None or part.done_at is not None:
            return ("forgotten" if part is None else "skipped"), 0
        grain, breakdown = Grain(part.grain), Breakdown(part.breakdown)
        # Parts of one grain and breakdown write one at a time: the fill state is theirs.
        state = RollupFillState.objects.select_for_update().get(grain=grain,
                                                                breakdown=breakdown)
        KpiRollup.objects.filter(grain=grain, breakdown=breakdown, bucket__gte=part.first,
                                 bucket__lte=part.last).delete()
        KpiRollup.objects.bulk_create(
            KpiRollup(grain=grain, breakdown=breakdown, bucket=key[0], group=key[1] or "",
                      **stats_stored_form(s))
            for key, s in stats.items()
        )
        part.done_at, part.filled_by, part.rows = timezone.now(), worker, len(stats)
        part.seconds = seconds
        part.save(update_fields=["done_at", "filled_by", "rows", "seconds"])
        _filled_through_advance(state)
    return "filled", len(stats)


def _filled_through_advance(state: RollupFillState) -> None:
    """Move ``filled_through`` over the parts done in an unbroken run after it (the caller
    holds the state's lock)."""
    grain = Grain(state.grain)
    parts = RollupFillPart.objects.filter(grain=state.grain, breakdown=state.breakdown)
    if state.filled_through:
        parts = parts.filter(last__gt=state.filled_through)
    through = state.filled_through
    for first, last, done_at in parts.order_by("first").values_list("first", "last",
                                                                     "done_at"):
        if done_at is None or (through is not None and first != next_bucket(grain, through)):
            break
        through = last
    if through != state.filled_through:
        state.filled_through = through
        state.save(update_fields=["filled_through", "updated_at"])


def rollups_fill(today: date | None = None) -> int:
    """Compute and store every final bucket not stored yet, here and now; returns the rows
    written. Parts another worker holds are left to it."""
    worker = this_process()
    return sum(rollup_part_fill(part.pk, worker)["rows"]
               for part in rollup_parts_plan(today))


def rollups_fill_spread(today: date | None = None) -> int:
    """Plan the fill by month of buckets and send each part to the job workers (one task
    each, :func:`kliento.analytics.tasks.rollup_part_fill_task`); returns the parts sent. A
    part already sent, or being filled, is not sent again until its lease runs out."""
    from kliento.analytics.tasks import rollup_part_fill_task

    sent = 0
    for part in rollup_parts_plan(today, by_month=True):
        now = timezone.now()
        stale = now - PART_LEASE
        # Test and set in one UPDATE: of two coordinators at once, one sends the part.
        if RollupFillPart.objects.filter(
                Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale),
                Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale),
                pk=part.pk, done_at__isnull=True).update(enqueued_at=now):
            rollup_part_fill_task.enqueue(part.pk)
            sent += 1
    return sent


def rollups_forget(since: date | None = None) -> None:
    """Forget the stored buckets that hold ``since`` or any later day (all by default), e.g.
    after old data was imported: until they are filled again those periods are computed
    live, so every figure stays right meanwhile. Parts planned over them are forgotten too
    (a worker filling one finds it gone and stores nothing)."""
    if since is None or since <= timezone.localdate(timezone=organisation_timezone()):
        provisional_days_forget()
    with transaction.atomic():
        # The parts first: a worker writing one holds its row, and is waited for here.
        if since is None:
            RollupFillPart.objects.all().delete()
            KpiRollup.objects.all().delete()
            RollupFillState.objects.update(filled_through=None, updated_at=timezone.now())
            return
        for grain in ROLLED_UP_GRAINS:
            first = bucket_start(grain, since)
            RollupFillPart.objects.filter(grain=grain, last__gte=first).delete()
            # Every stored bucket from there on, also those of parts done beyond the state.
            KpiRollup.objects.filter(grain=grain, bucket__gte=first).delete()
            for state in RollupFillState.objects.filter(grain=grain, filled_through__gte=first):
                state.filled_through = bucket_start(grain, first - timedelta(days=1))
                state.save(update_fields=["filled_through", "updated_at"])
        if since <= settled_through():
            # What was kept of settled days after the stored weeks holds that day too: a new
            # version of every fill state, so that it is computed again.
            RollupFillState.objects.update(updated_at=timezone.now())


def rollups_rebuild(since: date | None = None, today: date | None = None) -> int:
    """Forget stored buckets from ``since`` on (all of them by default) and fill again."""
    rollups_forget(since)
    return rollups_fill(today)


@dataclass
class _StoredPart:
    """The stored buckets one query reads, kept until the fill state changes
    (:func:`kliento.analytics.finished.kept`): each cell's stats, each group's and all cells'
    stats added up (histograms merged), and the cells' rows once worked out. Shared between
    requests, so never changed: readers add to it, which makes new stats."""

    stats: StatsByKey
    totals: dict[str | None, KpiStats]
    total: KpiStats
    rows: dict = field(default_factory=dict)

    @classmethod
    def of(cls, stats: StatsByKey) -> "_StoredPart":
        totals: dict = {}
        for (_bucket, group), s in stats.items():
            totals[group] = totals[group] + s if group in totals else KpiStats() + s
        return cls(stats, totals, sum(stats.values(), KpiStats()))

    def row(self, key) -> MetricsRow:
        if key not in self.rows:
            self.rows[key] = row_from_stats(key[0], key[1], self.stats[key])
        return replace(self.rows[key])  # the caller's own copy


def _stored_part(grain: Grain, query: MetricsQuery, first: date, last: date,
                 version: str) -> _StoredPart:
    return kept(f"rollups:{grain}:{query.breakdown}:{query.only}:{first}:{last}:{version}",
                lambda: _StoredPart.of(stored_cells(grain, query, first, last)),
                size=lambda part: len(part.stats))


def _filled_through(grain: Grain, breakdown: Breakdown) -> date | None:
    return fill_version(grain, breakdown)[0]


def collect_stats_with_rollups(query: MetricsQuery) -> StatsByKey:
    """Stored buckets where the query covers whole final buckets, live scans elsewhere (the
    focus filtered in both). ``grain=None`` adds weekly buckets up, percentiles included:
    they come from merged histograms, within their relative error.

    Small groups of anonymous answers are left out of their cells
    (:mod:`kliento.analytics.anonymity`): every report reads its figures through here."""
    return small_anonymous_groups_left_out(_stats_with_rollups(query)[0], query)[0]


def _stats_with_rollups(query: MetricsQuery) -> tuple[StatsByKey, _StoredPart | None]:
    """The cells' stats, and the stored part they were read from (None when all live): the
    cells of whole stored buckets are its own stats, not copies."""
    grain = query.grain or Grain.WEEK
    if grain not in ROLLED_UP_GRAINS:
        return collect_stats(query, PercentileMethod.SKETCH), None
    filled, version = fill_version(grain, query.breakdown)
    first_whole = (query.start if bucket_start(grain, query.start) == query.start
                   else next_bucket(grain, bucket_start(grain, query.start)))
    stored_last = min(filled, bucket_start(grain, query.end)) if filled else None
    if stored_last is not None and next_bucket(grain, stored_last) - timedelta(days=1) > query.end:
        stored_last = bucket_start(grain, stored_last - timedelta(days=1))
    if filled is None:
        return collect_stats(query, PercentileMethod.SKETCH), None
    if stored_last is None or stored_last < first_whole:
        # No whole stored bucket: the settled days kept, the recent ones as _recent has them.
        stats = _unstored(replace(query, grain=grain), version)
        return (stats if query.grain is not None else _whole_period(stats, {})), None

    stored = _stored_part(grain, query, first_whole, stored_last, version)
    stats = dict(stored.stats)
    live_ranges = []
    if query.start < first_whole:
        live_ranges.append((query.start, first_whole - timedelta(days=1)))
    after = next_bucket(grain, stored_last)
    if after <= query.end:
        live_ranges.append((after, query.end))
    live: StatsByKey = {}
    for start, end in live_ranges:
        # A part-bucket at either end is one bucket: merge it with the stored one, if any.
        for key, s in _unstored(MetricsQuery(start, end, grain, query.breakdown, query.only),
                                version).items():
            stats_add(stats, key, s)
            stats_add(live, key, s)
    if query.grain is not None:
        return stats, stored
    # The whole period as one bucket: the stored buckets' sums as kept, then the live cells.
    return _whole_period(live, stored.totals), None


def _whole_period(cells: StatsByKey, kept_totals: dict[str | None, KpiStats]) -> StatsByKey:
    """One bucket per group for the whole period: counts, sums and histograms add up — the
    kept totals first, then the cells, in the order the cells were read."""
    totals = {group: KpiStats() + s for group, s in kept_totals.items()}
    for (_bucket, group), s in cells.items():
        totals[group] = totals[group] + s if group in totals else KpiStats() + s
    return {(None, group): s for group, s in totals.items()}


def _unstored(query: MetricsQuery, version: str) -> StatsByKey:
    """The stats of days not stored: those settled (:func:`settled_through`) kept until the
    fill state changes, the last days as :func:`_recent` has them; a week holding both adds
    them up."""
    through = min(query.end, settled_through())
    if through < query.start:
        return _recent(query)
    settled = kept(
        f"settled:{query.grain}:{query.breakdown}:{query.only}:{query.start}:{through}:{version}",
        lambda: collect_stats(replace(query, end=through), PercentileMethod.SKETCH),
        size=len, shared=True)
    stats = dict(settled)
    if through < query.end:
        for key, s in _recent(replace(query, start=through + timedelta(days=1))).items():
            stats_add(stats, key, s)
    return stats


def _recent(query: MetricsQuery) -> StatsByKey:
    """Days after the settled ones: those the worker stored provisionally
    (:mod:`kliento.analytics.provisional`) while that is fresh, the rest (today) live."""
    provisional = provisional_through()
    if provisional is None or provisional[0] < query.start:
        return collect_stats(query, PercentileMethod.SKETCH)
    last = min(query.end, provisional[0])
    stats = dict(provisional_stats(replace(query, end=last), provisional[1]))
    if last < query.end:
        for key, s in collect_stats(replace(query, start=last + timedelta(days=1)),
                                    PercentileMethod.SKETCH).items():
            stats_add(stats, key, s)
    return stats


def run_metrics_with_rollups(query: MetricsQuery) -> list[MetricsRow]:
    """The rows of ``query``; a row whose cell left out a small group of anonymous answers
    says how many in ``anonymous_left_out``."""
    rows, _total = _rows_with_rollups(query)
    return rows


def _rows_with_rollups(query: MetricsQuery) -> tuple[list[MetricsRow], KpiStats | None]:
    stats, stored = _stats_with_rollups(query)
    stats, left_out = small_anonymous_groups_left_out(stats, query)
    rows = []
    for key in sorted(stats, key=lambda key: (key[0] or date.min, key[1] or "")):
        # A cell as stored has its row worked out once; one that is live, or left
        # anonymous answers out, is worked out here.
        row = (stored.row(key) if stored is not None and stats[key] is stored.stats.get(key)
               else row_from_stats(key[0], key[1], stats[key]))
        row.anonymous_left_out = left_out.get(key, 0)
        rows.append(row)
    if not stats:
        return rows, None
    unchanged = stored is not None and not left_out and all(
        stats.get(key) is s for key, s in stored.stats.items())
    if not unchanged:
        return rows, sum(stats.values(), KpiStats())
    # The stored cells come first in ``stats``: their sum as kept, then the live cells.
    total = KpiStats() + stored.total
    for key, s in stats.items():
        if key not in stored.stats:
            total = total + s
    return rows, total


def rows_and_total_with_rollups(query: MetricsQuery) -> tuple[list[MetricsRow],
                                                              KpiStats | None]:
    """The rows of ``query`` and all its cells added up (a period as the sum of its weeks),
    the stored buckets' sum as kept."""
    return _rows_with_rollups(query)
