"""The pages' parts of settled days, prepared by the worker.

What the pages work out from raw rows of settled days (the drivers' and KV bands' sums a
month at a time, the settled days after the stored weeks) is kept and shared between
processes (:func:`kliento.analytics.finished.kept` with ``shared``). Without preparation the
first request after a fill, or on a new day, would work them out: seconds at ten million
interactions. The worker's sweep works them out instead, once per fill state and day, by
building what a manager opens first: the dashboard for every period, explore's default
table, and the drivers over each of those periods.
"""

from datetime import datetime

from django.utils import timezone

from kliento.analytics.dashboard import dashboard_context
from kliento.analytics.drivers import factor_drivers, touchpoint_drivers
from kliento.analytics.explore import explore_defaults, explore_table
from kliento.analytics.finished import fill_state, shared_parts_prune
from kliento.analytics.models import SharedPart
from kliento.organisation.periods import WEEK_CHOICES, period_ending_this_week
from kliento.ui.periods import local_today

# The fill state and day this process last prepared for: the sweep runs every minute, the
# parts change with a fill or a new day.
_prepared_for: str | None = None


def pages_prepare(now: datetime | None = None) -> int:
    """Work out and share the parts the pages read from raw rows of settled days, unless
    done already for this fill state and day; old parts are pruned. Returns the parts
    stored."""
    global _prepared_for
    now = now or timezone.now()
    state = fill_state()
    today = local_today()
    marker = f"{state}:{today}"
    if state is None or marker == _prepared_for:
        return 0
    before = SharedPart.objects.count()
    # Explore over the dashboard's periods (its week links) and its own default: the
    # drivers' months of the whole year, and each period's first, partial month.
    defaults = explore_defaults()
    spans = [(defaults["start"], defaults["end"])]
    for weeks in WEEK_CHOICES:
        period = period_ending_this_week(weeks, today)
        dashboard_context(period)
        spans.append((period.first_monday, today))
    explore_table(defaults["start"], defaults["end"], defaults["grain"], defaults["breakdown"])
    for start, end in spans:
        factor_drivers(start, end)
        touchpoint_drivers(start, end)
    stored = SharedPart.objects.count() - before
    shared_parts_prune(now)
    _prepared_for = marker
    return stored


def forget_prepared() -> None:
    """Prepare again at the next sweep (tests; a forget of the rollups changes the state)."""
    global _prepared_for
    _prepared_for = None
