"""Writes for interactions. Every path that stores an interaction goes through here, so the
derived response and resolution seconds always agree with the timestamps."""

from datetime import datetime

import polars as pl
from django.db import connection, transaction

from kliento.interactions.models import Channel, Interaction
from kliento.organisation.calendar import local_date, local_date_column

DEFAULT_FIRST_RESPONSE_TARGETS = {
    "phone": 60, "chat": 120, "store": 300, "email": 4 * 3600, "social": 2 * 3600,
    "web": 4 * 3600, "delivery": 8 * 3600,
}


def seconds_between(start: datetime, end: datetime | None) -> int | None:
    return None if end is None else int((end - start).total_seconds())


def interaction_fill_derived(interaction: Interaction) -> Interaction:
    """Local date and whole-second durations, derived from the timestamps."""
    interaction.opened_on = local_date(interaction.opened_at)
    interaction.first_response_seconds = seconds_between(
        interaction.opened_at, interaction.first_response_at
    )
    interaction.resolution_seconds = seconds_between(interaction.opened_at, interaction.resolved_at)
    return interaction


def interaction_derived_columns() -> list[pl.Expr]:
    """:func:`interaction_fill_derived` for a Polars frame of interactions (bulk imports)."""
    opened = pl.col("opened_at")
    return [local_date_column(opened).alias("opened_on"),
            (pl.col("first_response_at") - opened).dt.total_seconds()
            .alias("first_response_seconds"),
            (pl.col("resolved_at") - opened).dt.total_seconds().alias("resolution_seconds")]


@transaction.atomic
def interaction_create(**fields) -> Interaction:
    interaction = interaction_fill_derived(Interaction(**fields))
    interaction.full_clean()
    interaction.save()
    _link_to_neighbours(interaction)
    return interaction


def _link_to_neighbours(interaction: Interaction) -> None:
    """The customer's contact just before this one now has a next contact; and if this one
    arrived late (an import of history), it has one too."""
    same_customer = Interaction.objects.filter(customer_id=interaction.customer_id).exclude(
        pk=interaction.pk)
    before = same_customer.filter(opened_at__lte=interaction.opened_at).order_by(
        "-opened_at", "-pk").first()
    after = same_customer.filter(opened_at__gte=interaction.opened_at).order_by(
        "opened_at", "pk").first()
    if before is not None:
        before.next_contact_seconds = seconds_between(before.opened_at, interaction.opened_at)
        before.save(update_fields=["next_contact_seconds"])
    if after is not None:
        interaction.next_contact_seconds = seconds_between(interaction.opened_at, after.opened_at)
        interaction.save(update_fields=["next_contact_seconds"])


_NEXT_CONTACT_SECONDS = {
    "sqlite": "CAST(ROUND((julianday({next}) - julianday({opened})) * 86400) AS INTEGER)",
    "postgresql": "CAST(EXTRACT(EPOCH FROM ({next} - {opened})) AS BIGINT)",
}


NEXT_CONTACTS_CHUNK = 500_000  # interactions per statement, roughly


def next_contacts_refresh(*, customers_in: str | None = None) -> None:
    """Recompute every interaction's next contact, set-based (after bulk loads, which bypass
    :func:`interaction_create`). A range of customers at a time, so that the database's
    sort for the window stays small at ten million rows; rows whose value is right already
    are not written again. ``customers_in`` names a table whose ``customer_id`` column
    limits the work to those customers."""
    table = connection.ops.quote_name(Interaction._meta.db_table)
    seconds = _NEXT_CONTACT_SECONDS[connection.vendor].format(
        next="following.next_opened_at", opened=f"{table}.opened_at")
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    only = (f" AND customer_id IN (SELECT customer_id FROM "
            f"{connection.ops.quote_name(customers_in)})" if customers_in else "")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(customer_id), MAX(customer_id), COUNT(*) FROM {table} "
                       f"WHERE true{only}")
        first, last, count = cursor.fetchone()
        if not count:
            return
        chunks = -(-count // NEXT_CONTACTS_CHUNK)
        width = -(-(last - first + 1) // chunks)
        for low in range(first, last + 1, width):
            cursor.execute(
                f"UPDATE {table} SET next_contact_seconds = {seconds} "
                f"FROM (SELECT id, LEAD(opened_at) OVER (PARTITION BY customer_id "
                f"ORDER BY opened_at, id) AS next_opened_at FROM {table} "
                f"WHERE customer_id BETWEEN %s AND %s{only}) AS following "
                f"WHERE following.id = {table}.id "
                f"AND {table}.next_contact_seconds {differs} {seconds}",
                [low, low + width - 1])


@transaction.atomic
def interactions_insert_staged(stage: str, columns: list[str], place: str) -> int:
    """Insert the interactions waiting in ``stage`` (a temporary table with the interaction
    ``columns`` and ``place``, each row's order of arrival) in one statement that also gives
    each its next contact — the customer's following interaction, which may have arrived in
    any later batch, or be stored already. Storing each row once this way, rather than
    storing it and then rewriting it, spares PostgreSQL a second entry in every index per
    row. Earlier interactions of the same customers get their next contact anew. A row whose
    external id was stored meanwhile by another writer is left out; returns the rows
    inserted."""
    quote = connection.ops.quote_name
    table, stage_table = quote(Interaction._meta.db_table), quote(stage)
    earlier = quote(f"{stage}_customers")
    seconds = _NEXT_CONTACT_SECONDS[connection.vendor].format(next="s.next_opened_at",
                                                              opened="s.opened_at")
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem = '64MB'")  # the window's sort, in memory
        cursor.execute(f"DROP TABLE IF EXISTS {earlier}")
        cursor.execute(f"CREATE TEMPORARY TABLE {earlier} AS SELECT DISTINCT customer_id "
                       f"FROM {table} WHERE customer_id IN (SELECT customer_id FROM {stage_table})")
        # One pass of the window over the new rows and the customers' stored ones, which
        # come out in the window's order: the new ids follow it, so ties in time are ordered
        # as the refresh orders them (by id), stored ones first.
        stored_columns = ", ".join(quote(column) if column in ("customer_id", "opened_at")
                                   else "NULL" for column in columns)
        cursor.execute(
            f"INSERT INTO {table} ({names}, next_contact_seconds) "
            f"SELECT {names}, {seconds} FROM ("
            f"SELECT *, LEAD(opened_at) OVER (PARTITION BY customer_id "
            f"ORDER BY opened_at, staged, place) AS next_opened_at FROM ("
            f"SELECT 1 AS staged, {quote(place)} AS place, {names} FROM {stage_table} "
            f"UNION ALL SELECT 0, id, {stored_columns} FROM {table} "
            f"WHERE customer_id IN (SELECT customer_id FROM {earlier})) AS contacts) AS s "
            f"WHERE staged = 1 ON CONFLICT DO NOTHING")
        inserted = cursor.rowcount
        cursor.execute(f"SELECT COUNT(*) FROM {earlier}")
        if cursor.fetchone()[0]:
            next_contacts_refresh(customers_in=f"{stage}_customers")
        cursor.execute(f"DROP TABLE {earlier}")
    return inserted


def channels_ensure() -> dict[str, Channel]:
    """Every channel Kliento knows, created if missing (the data migration creates them too,
    but a flushed database — a reset, a transactional test — must be able to recover)."""
    existing = {channel.code: channel for channel in Channel.objects.all()}
    missing = [
        Channel(code=code, first_response_target_seconds=DEFAULT_FIRST_RESPONSE_TARGETS[code])
        for code in Channel.Code.values if code not in existing
    ]
    for channel in Channel.objects.bulk_create(missing, ignore_conflicts=True):
        existing[channel.code] = channel
    return {channel.code: channel for channel in Channel.objects.all()}
