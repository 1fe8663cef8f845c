"""Anonymous answers in reports: no figure rests on a small group of them.

A report cell (a bucket and a group of a breakdown) that holds answers of anonymous surveys
(:attr:`kliento.surveys.models.Survey.anonymous`), but fewer than the company's smallest
group (:func:`kliento.organisation.selectors.min_group_size`, default 5), leaves those
answers out of its survey measures: NPS, CSAT, CES, KV and the service grade of that cell
are computed from the other (customer) answers only, or are empty when there are none, and
the cell's response count leaves them out too, and the cell says how many it left out.
Customer surveys' answers are shown as they are: the customer agreed to be asked as
themselves, and staff see each answer in the inbox anyway.

All survey aggregates are counts and sums, so leaving answers out is a subtraction of the
small groups' own aggregates, done in the database like the rest.

Only cells are protected (primary suppression): a reader who can see both a total and all
but one of its cells could work out what the left-out group answered in aggregate. Totals
are made of the same cells where Kliento sums them itself (the dashboard's period is the
sum of its weeks), which keeps those consistent.
"""

from dataclasses import replace

from kliento.analytics.metrics import (
    RESPONSE_GROUPS,
    SURVEY_AGGREGATES,
    MetricsQuery,
    StatsByKey,
    _grouped,
    _Stats,
)
from kliento.organisation.selectors import min_group_size
from kliento.surveys.models import Survey
from kliento.surveys.selectors import customer_responses

Key = tuple  # (bucket start or None, group or None), as the stats are keyed


def _key(query: MetricsQuery, bucket, group) -> Key:
    keys = _Stats()
    keys.at(bucket, group)
    bucket_start, group_key = next(iter(keys))
    # One bucket for the whole period: the stats key it None, whatever the database says.
    return (None if query.grain is None else bucket_start, group_key)


def small_anonymous_groups(query: MetricsQuery) -> dict[Key, dict]:
    """The cells of ``query`` with 1 to ``min_group_size() - 1`` anonymous answers, and
    those answers' survey aggregates."""
    if not Survey.objects.filter(anonymous=True,
                                 audience=Survey.Audience.CUSTOMERS).exists():
        return {}
    smallest = min_group_size()
    # Among the answers the measures count: customers' (employee answers are not there).
    anonymous = customer_responses().filter(
        survey__anonymous=True, responded_on__range=(query.start, query.end))
    found = {}
    for aggregates in (_grouped(anonymous, query, "responded_on", RESPONSE_GROUPS)
                       .annotate(**SURVEY_AGGREGATES)
                       .filter(responses__lt=smallest)):
        found[_key(query, aggregates["bucket"], aggregates["grp"])] = aggregates
    return found


def small_anonymous_groups_left_out(stats: StatsByKey, query: MetricsQuery
                                    ) -> tuple[StatsByKey, dict[Key, int]]:
    """``stats`` without the answers of small anonymous groups, and how many each cell
    left out."""
    left_out = {}
    for key, aggregates in small_anonymous_groups(query).items():
        cell = stats.get(key)
        if cell is None:
            continue
        # A copy: the stats of stored weeks are kept between requests, never changed.
        cell = stats[key] = replace(cell)
        for name in SURVEY_AGGREGATES:
            setattr(cell, name, (getattr(cell, name) or 0) - (aggregates[name] or 0))
        left_out[key] = aggregates["responses"]
    return stats, left_out


