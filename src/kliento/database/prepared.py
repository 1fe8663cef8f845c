"""A cursor for the few statements that run on every request of a busy path (the survey
submission's lookup and claim, kliento.surveys.submission), always with the same text: on
PostgreSQL each is prepared once per connection, so the server parses and plans it
once instead of on every request (for the link's lookup, with its three joins, planning
costs PostgreSQL several times the lookup itself).

Django binds parameters on the client and leaves psycopg's prepared statements off; binding
on the server for every query (``server_side_binding``) would break the ORM's GROUP BY with
parameters, so only this cursor binds on the server. The settings let psycopg prepare
(``prepare_threshold``; ``KLIENTO_DB_PREPARED_STATEMENTS=false`` leaves it None, as a pooler
that cannot keep prepared statements needs): then these statements run unprepared and
nothing else changes. Django's own cursors bind on the client and never prepare.
"""

import functools
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def prepared_cursor(using: str = DEFAULT_DB_ALIAS):
    """Django's cursor (queries logged and errors wrapped as usual) whose statements
    PostgreSQL prepares; on other databases the ordinary cursor."""
    connection = connections[using]  # once, not through the proxy at every step
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    yield wrap(_kept_cursor(connection))  # not closed afterwards: kept for the next statement


def _kept_cursor(connection):
    """The connection's own preparing cursor, kept from one request to the next: psycopg
    works out how to send each type of parameter once per cursor, so a new cursor for every
    statement would work it out again each time (half the cost of sending a response's 25
    values). Django's connections belong to one thread each, and so does this cursor."""
    kept = getattr(connection, "_kliento_preparing_cursor", None)
    if kept is None or kept.closed or kept.connection is not connection.connection:
        with connection.wrap_database_errors:
            kept = _preparing_cursor_class()(connection.connection)
        connection._kliento_preparing_cursor = kept
    return kept


@functools.cache
def _preparing_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """Binds parameters on the server and asks psycopg to prepare each statement."""

        def execute(self, query, params=None, *, prepare=True, **kwargs):
            return super().execute(query, params, prepare=prepare, **kwargs)

    return PreparingCursor
