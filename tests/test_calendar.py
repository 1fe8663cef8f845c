from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from kliento.organisation.calendar import local_date, local_dates

# Around both 2026 DST changes in Vilnius (29 March and 25 October, 01:00 UTC).
MOMENTS = [datetime(2026, 3, 28, 21, 30, tzinfo=UTC) + timedelta(minutes=17 * k)
           for k in range(300)] + [datetime(2026, 10, 24, 20, 0, tzinfo=UTC)
                                   + timedelta(minutes=23 * k) for k in range(300)]


def test_vectorised_local_dates_agree_with_zoneinfo_across_dst_changes():
    epochs = np.array([m.timestamp() for m in MOMENTS])
    expected = [local_date(m) for m in MOMENTS]
    assert [d.astype(date) for d in local_dates(epochs)] == expected


def test_local_midnight_belongs_to_the_new_day():
    assert local_date(datetime(2026, 6, 7, 20, 59, tzinfo=UTC)) == date(2026, 6, 7)
    assert local_date(datetime(2026, 6, 7, 21, 0, tzinfo=UTC)) == date(2026, 6, 8)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="no time zone"):
        local_date(datetime(2026, 6, 7, 12, 0))
