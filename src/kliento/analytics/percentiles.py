"""Percentiles computed by the database, identically on SQLite and PostgreSQL.

SQLite has no ``percentile_cont``; both backends have window functions. The ORM builds the
inner query (filters, the time-zone-aware bucket, the breakdown group), and a small portable
outer query ranks the values in each (bucket, group) and interpolates linearly between the two
closest ranks — the same definition as PostgreSQL's ``percentile_cont`` and NumPy's default.
Several percentiles come out of one pass over the data. On PostgreSQL the same numbers come
from its native ``percentile_cont``, which sorts faster than the window query.
"""

from collections.abc import Sequence
from datetime import date, datetime

from django.db import connection
from django.db.models import Expression, F, QuerySet, Value

# Values are first counted per distinct value (durations repeat a lot), then ranked by a
# running sum of those counts: the sort works on distinct values, not on every row. Integer
# per-mille arithmetic keeps the rank maths exact and portable (PostgreSQL rounds when casting
# a fraction to an integer, SQLite truncates; SUM of integers is NUMERIC on PostgreSQL, hence
# the casts).
_RANKED = """
SELECT bucket, grp, v,
       CAST(SUM(cnt) OVER (PARTITION BY bucket, grp ORDER BY v ROWS UNBOUNDED PRECEDING)
            AS BIGINT) AS cum,
       CAST(SUM(cnt) OVER (PARTITION BY bucket, grp) AS BIGINT) - 1 AS last
FROM (SELECT bucket, grp, v, COUNT(*) AS cnt FROM ({inner}) AS inner_rows
      GROUP BY bucket, grp, v) AS counted
"""
# The value at 0-based rank r is the smallest v whose running count exceeds r.
_ONE = """
    MIN(CASE WHEN cum > (last * {pm}) / 1000 THEN v END) AS lo_{i},
    MIN(CASE WHEN cum > (last * {pm}) / 1000 + 1 THEN v END) AS hi_{i},
    MAX(((last * {pm}) % 1000) / 1000.0) AS frac_{i}"""


def as_bucket_date(bucket) -> date | None:
    """Buckets come back as text on SQLite and as datetimes on PostgreSQL."""
    if bucket is None or isinstance(bucket, int):
        return None
    if isinstance(bucket, datetime):
        return bucket.date()
    if isinstance(bucket, date):
        return bucket
    return date.fromisoformat(str(bucket)[:10])


def percentiles(
    queryset: QuerySet,
    value_field: str,
    fractions: Sequence[float],
    bucket: Expression | None = None,
    group: Expression | str | None = None,
) -> dict[tuple[date | None, object], list[float]]:
    """``{(bucket start, group): [percentile for each fraction]}`` of ``value_field`` over
    ``queryset`` (nulls ignored). Without ``bucket``/``group`` there is one key ``(None, 0)``."""
    for fraction in fractions:
        if not 0 <= fraction <= 1:
            raise ValueError(f"percentile fraction must be within 0..1, got {fraction}")
    group_expression = F(group) if isinstance(group, str) else group
    inner = (
        queryset.filter(**{f"{value_field}__isnull": False})
        .annotate(bucket=bucket if bucket is not None else Value(0),
                  grp=group_expression if group_expression is not None else Value(0),
                  v=F(value_field))
        .values("bucket", "grp", "v")
        .order_by()
    )
    inner_sql, params = inner.query.sql_with_params()
    if connection.vendor == "postgresql":
        return _percentile_cont(inner_sql, list(params), list(fractions))
    selects = ",".join(
        _ONE.format(pm=round(fraction * 1000), i=i) for i, fraction in enumerate(fractions)
    )
    # The per-mille constants are literals (they are ours), so only the ORM's own
    # parameters travel as parameters; "%" is doubled for the DB-API's format style.
    sql = (f"SELECT bucket, grp,{selects.replace('%', '%%')} "
           f"FROM ({_RANKED.format(inner=inner_sql)}) AS ranked GROUP BY bucket, grp")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = {}
    for row in rows:
        values = []
        for i in range(len(fractions)):
            low, high, frac = row[2 + 3 * i: 5 + 3 * i]
            high = low if high is None else high
            values.append(float(low) + float(frac) * (float(high) - float(low)))
        result[(as_bucket_date(row[0]), row[1])] = values
    return result


def _percentile_cont(inner_sql: str, params: list, fractions: list[float]) -> dict:
    """PostgreSQL's own ordered-set aggregate: the same definition, one sort in C."""
    sql = (f"SELECT bucket, grp, percentile_cont(%s::float8[]) WITHIN GROUP (ORDER BY v) "
           f"FROM ({inner_sql}) AS inner_rows GROUP BY bucket, grp")
    with connection.cursor() as cursor:
        cursor.execute(sql, [fractions, *params])
        return {(as_bucket_date(bucket), group): [float(v) for v in values]
                for bucket, group, values in cursor.fetchall()}
