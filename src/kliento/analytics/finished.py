"""The finished part of a period, computed once per fill of the rollups.

The rollups hold finished weeks (:mod:`kliento.analytics.rollups`): nothing in them changes
until the next fill, or until an import of old data forgets them (``past_changed``). What the
pages work out from them (each stored cell's row, a period's sum of histograms), and figures
the rollups do not store but that add up over days just the same (counts, sums and sums of
products of survey answers), are computed once for those weeks and kept (:func:`kept`) under a
key naming the rollups' fill state (how far they are filled, and when that last changed): a
fill or a forget changes the key, so the first request after it computes them again. Those
worked out from raw rows are also shared between processes through the database, and the
worker prepares them after a fill (:mod:`kliento.analytics.prepared`), so that first request
reads them instead.

Days after the stored weeks that ended more than :data:`SETTLE_DAYS` ago are settled as a
final week is (repeat contacts look seven days ahead; answers and promise outcomes arrive
within days), only their week has not ended long enough: they are kept the same way, so every
request computes only the last :data:`SETTLE_DAYS` days live. An import of data for a settled
day forgets the rollups from that day, which changes the fill state's version too.
"""

import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.utils import timezone

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import Breakdown
from kliento.analytics.models import RollupFillState, SharedPart
from kliento.organisation.calendar import organisation_timezone

logger = logging.getLogger(__name__)

SETTLE_DAYS = 8

# Kept in this process's memory, as Django's local-memory cache would, without pickling
# every stored week's histograms on each read. The keys name the fill state as the database
# has it, so a fill or a forget in any process changes what every process reads. The least
# recently read go first once the kept parts hold more than this many cells (a cell of a
# year by week × agent is some kilobytes of histograms: tens of megabytes at most).
KEPT_CELLS = 20_000
_kept: OrderedDict[str, tuple[object, int]] = OrderedDict()
_kept_cells = 0  # the cells of all kept values, counted as they come and go
_lock = threading.Lock()


def kept[T](key: str, compute: Callable[[], T], size: Callable[[T], int] = lambda _: 1,
            shared: bool = False) -> T:
    """``compute()``, once per ``key`` (which must name the fill state it depends on); the
    value is shared by every reader, who must not change it. ``size`` counts its cells.

    ``shared``: a value worked out from raw rows is also stored in the database
    (:class:`~kliento.analytics.models.SharedPart`), so that every other process, and this
    one after a restart, reads it instead of computing it again."""
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key][0]
    value = _shared_read(key) if shared else _MISSING
    if value is _MISSING:
        value = compute()
        if shared:
            _shared_write(key, value)
    global _kept_cells
    with _lock:
        if key in _kept:  # computed by another thread meanwhile: replaced
            _kept_cells -= _kept.pop(key)[1]
        _kept[key] = (value, max(1, size(value)))
        _kept_cells += _kept[key][1]
        while _kept_cells > KEPT_CELLS and len(_kept) > 1:
            _key, (_value, cells) = _kept.popitem(last=False)
            _kept_cells -= cells
    return value


_MISSING = object()


def _shared_read(key: str):
    found = SharedPart.objects.filter(key=key).values_list("value", flat=True).first()
    if found is None:
        return _MISSING
    try:
        # Our own rows, pickled by _shared_write (as Django's database cache stores values).
        return pickle.loads(found)
    except Exception:  # written by a version whose classes are gone: computed again
        logger.warning("Shared part %s could not be read; computing it again", key,
                       exc_info=True)
        SharedPart.objects.filter(key=key).delete()
        return _MISSING


def _shared_write(key: str, value) -> None:
    if len(key) > SharedPart._meta.get_field("key").max_length:
        return  # only the process's memory keeps it
    # Another process may have stored it meanwhile: the same value, so the first one stays.
    SharedPart.objects.bulk_create(
        [SharedPart(key=key, value=pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
                    stored_at=timezone.now())], ignore_conflicts=True)


def shared_parts_prune(now: datetime, keep: timedelta = timedelta(days=8)) -> int:
    """Shared parts stored before ``now - keep``: their keys name fill states long replaced
    (every stored week changes them), or a part stored again would have a newer row."""
    return SharedPart.objects.filter(stored_at__lt=now - keep).delete()[0]


def forget_kept() -> None:
    global _kept_cells
    with _lock:
        _kept.clear()
        _kept_cells = 0


def settled_through() -> date:
    """The last settled day: every day up to it ended more than :data:`SETTLE_DAYS` ago."""
    return timezone.localdate(timezone=organisation_timezone()) - timedelta(days=SETTLE_DAYS)


def fill_version(grain: Grain, breakdown: Breakdown) -> tuple[date | None, str]:
    """How far the rollups of ``grain`` and ``breakdown`` are filled, and a version of that
    state: a fill or a forget changes it (``updated_at``), so what was kept for the old one
    is not read again."""
    found = (RollupFillState.objects.filter(grain=grain, breakdown=breakdown)
             .values_list("filled_through", "updated_at", "pk").first())
    if found is None:
        return None, ""
    return found[0], f"{found[0]}-{found[1].isoformat()}-{found[2]}"


def fill_state() -> tuple[date, str] | None:
    """The last settled day kept (the stored weeks' or later) and a version of the rollups'
    fill state (when it last changed), or None when nothing is stored yet."""
    filled_through, version = fill_version(Grain.WEEK, Breakdown.NONE)
    if filled_through is None:
        return None
    return max(filled_through + timedelta(days=6), settled_through()), version


def split_at_fill[T](name: str, start: date, end: date, compute: Callable[[date, date], T],
                     add: Callable[[T, T], T]) -> T:
    """``compute(start, end)``, its finished days from the kept parts: ``add`` joins them,
    and the live result of the days after them. ``compute`` must depend on nothing but the
    rows of its days (a sum of per-day parts), so that splitting is exact.

    The finished days are kept a calendar month at a time and shared between processes, so
    periods that overlap (the dashboard's 12 and 52 weeks, an explore period starting on
    another day) share their months, and the worker can prepare them once for every page
    (:func:`kliento.analytics.prepared.pages_prepare`)."""
    state = fill_state()
    if state is None or state[0] < start or end < start:
        return compute(start, end)
    finished_end, version = state
    through = min(end, finished_end)
    finished = None
    for first, last in month_pieces(start, through):
        part = kept(f"finished:{name}:{first}:{last}:{version}",
                    lambda first=first, last=last: compute(first, last), shared=True)
        finished = part if finished is None else add(finished, part)
    if through == end:
        return finished
    return add(finished, compute(through + timedelta(days=1), end))


def month_pieces(start: date, end: date) -> list[tuple[date, date]]:
    """``start``–``end`` cut at the first of each month (both ends included)."""
    pieces = []
    while start <= end:
        next_month = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        last = min(end, next_month - timedelta(days=1))
        pieces.append((start, last))
        start = last + timedelta(days=1)
    return pieces
