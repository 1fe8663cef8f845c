import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_database_it_was_asked_for():
    """`make test` runs the suite twice; this fails if a run silently fell back to SQLite."""
    expected = os.environ.get("KLIENTO_EXPECT_DB")
    if os.environ.get("CI") == "true":
        assert expected, "CI must say which database each run expects (KLIENTO_EXPECT_DB)"
    if expected:
        assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
