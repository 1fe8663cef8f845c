"""The stage of the writers: interactions are staged and stored in one statement that gives
each its next contact, and the values must be those a full recomputation gives, whatever
order the rows come in and whatever was stored before."""

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from kliento.imports.kinds import KINDS
from kliento.imports.pipeline import import_rows
from kliento.imports.presets import PRESETS
from kliento.interactions.models import Interaction
from kliento.interactions.services import next_contacts_refresh
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def rows(items):
    return iter((line, item) for line, item in enumerate(items, start=2))


def interactions(keys, customers, rng, start):
    made = []
    for key in keys:
        # Whole hours within two days: many contacts of a customer share their moment.
        opened = start + timedelta(hours=rng.randrange(48))
        made.append({"external_id": key, "customer_external_id": rng.choice(customers),
                     "channel": "phone", "opened_at": opened.isoformat()})
    return made


def stored_next_contacts():
    return dict(Interaction.objects.values_list("external_id", "next_contact_seconds"))


def test_next_contacts_match_a_full_recomputation_after_two_shuffled_imports(channels):
    rng = random.Random(5)
    customers = [CustomerFactory(external_id=f"C-{n}").external_id for n in range(6)]
    start = datetime(2026, 5, 1, tzinfo=UTC)
    first = interactions([f"T-{n}" for n in range(120)], customers, rng, start)
    report = import_rows(KINDS["interactions"], rows(first), preset=PRESETS["kliento"])
    assert (report.imported, report.rejected) == (120, 0)
    # The second file reaches back before and after what is stored, for the same customers
    # and one new one, and names one row of the first file again.
    customers.append(CustomerFactory(external_id="C-new").external_id)
    second = [*interactions([f"U-{n}" for n in range(150)], customers, rng,
                            start - timedelta(hours=12)), first[0]]
    rng.shuffle(second)
    report = import_rows(KINDS["interactions"], rows(second), preset=PRESETS["kliento"])
    assert (report.imported, report.already_there, report.rejected) == (150, 1, 0)

    after_import = stored_next_contacts()
    assert len(after_import) == 270
    assert sum(value == 0 for value in after_import.values()) > 10  # ties were there
    Interaction.objects.update(next_contact_seconds=None)
    next_contacts_refresh()
    assert stored_next_contacts() == after_import
    # And by hand: each customer's contacts in order of time, then of id.
    by_customer = {}
    for key, customer_id, opened_at in Interaction.objects.order_by(
            "opened_at", "pk").values_list("external_id", "customer_id", "opened_at"):
        by_customer.setdefault(customer_id, []).append((key, opened_at))
    expected = {}
    for contacts in by_customer.values():
        for (key, opened_at), (_next_key, next_opened_at) in itertools.pairwise(contacts):
            expected[key] = int((next_opened_at - opened_at).total_seconds())
        expected[contacts[-1][0]] = None
    assert after_import == expected


def test_the_stage_is_gone_after_an_import_and_after_a_failed_one(channels):
    CustomerFactory(external_id="C-1")
    good = [{"external_id": "T-1", "customer_external_id": "C-1", "channel": "chat",
             "opened_at": "2026-05-12T09:00:00+03:00"}]
    import_rows(KINDS["interactions"], rows(good), preset=PRESETS["kliento"])

    def broken():
        yield from rows(good)
        raise OSError("the disk went away")

    with pytest.raises(OSError):
        import_rows(KINDS["interactions"], broken(), preset=PRESETS["kliento"])
    tables = connection.introspection.table_names(include_views=False)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname LIKE 'pg_temp%'")
        tables += [name for (name,) in cursor.fetchall()]
    assert not [name for name in tables if name.startswith("kliento_import_stage")]
    assert Interaction.objects.count() == 1
