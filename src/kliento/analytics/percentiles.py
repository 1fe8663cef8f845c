"""Percentiles computed by the database, identically on SQLite and PostgreSQL.

SQLite has no ``percentile_cont``; both backends have window functions. The ORM builds the
inner query (filters, the time-zone-aware week bucket), and a small portable outer query
ranks the values in each bucket and interpolates linearly between the two closest ranks —
the same definition as PostgreSQL's ``percentile_cont`` and NumPy's default.
"""

from datetime import date, datetime

from django.db import connection
from django.db.models import F, QuerySet, Value
from django.db.models.functions import TruncWeek

# Integer per-mille arithmetic keeps the rank maths exact and portable: PostgreSQL rounds
# when casting a fraction to an integer, SQLite truncates.
_SQL = """
SELECT bucket,
       MAX(CASE WHEN rn - 1 = lo THEN v END) AS v_lo,
       MAX(CASE WHEN rn - 1 = lo + 1 THEN v END) AS v_hi,
       MAX(frac) AS frac
FROM (
    SELECT bucket, v, rn,
           ((cnt - 1) * %s) / 1000 AS lo,
           (((cnt - 1) * %s) %% 1000) / 1000.0 AS frac
    FROM (
        SELECT bucket, v,
               ROW_NUMBER() OVER (PARTITION BY bucket ORDER BY v) AS rn,
               COUNT(*) OVER (PARTITION BY bucket) AS cnt
        FROM ({inner}) AS inner_rows
    ) AS ranked
) AS marked
WHERE rn - 1 = lo OR rn - 1 = lo + 1
GROUP BY bucket
"""


def _as_date(bucket) -> date | None:
    if bucket is None or isinstance(bucket, int):
        return None
    if isinstance(bucket, datetime):
        return bucket.date()
    if isinstance(bucket, date):
        return bucket
    return date.fromisoformat(str(bucket)[:10])


def percentile_by_week(
    queryset: QuerySet, time_field: str, value_field: str, fraction: float, tzinfo=None
) -> dict[date | None, float]:
    """``{week start: percentile}`` of ``value_field`` over ``queryset`` (nulls ignored).
    With ``tzinfo=None`` there is one bucket for the whole queryset, keyed ``None``."""
    if not 0 <= fraction <= 1:
        raise ValueError(f"percentile fraction must be within 0..1, got {fraction}")
    bucket = TruncWeek(time_field, tzinfo=tzinfo) if tzinfo is not None else Value(0)
    inner = (
        queryset.filter(**{f"{value_field}__isnull": False})
        .annotate(bucket=bucket, v=F(value_field))
        .values("bucket", "v")
        .order_by()
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    per_mille = round(fraction * 1000)
    sql = _SQL.format(inner=inner_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [per_mille, per_mille, *inner_params])
        rows = cursor.fetchall()
    result = {}
    for bucket_value, v_lo, v_hi, frac in rows:
        high = v_lo if v_hi is None else v_hi
        result[_as_date(bucket_value)] = float(v_lo) + float(frac) * (float(high) - float(v_lo))
    return result
