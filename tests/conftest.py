import os
import secrets
import sqlite3
from collections.abc import Iterator

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_migrate
from django.utils import translation

from kliento.access.roles import Role
from kliento.access.services import role_ensure
from kliento.audits.services import standard_default_ensure
from kliento.interactions.models import Channel
from kliento.interactions.services import channels_ensure


@pytest.fixture
def channels(db) -> dict[str, Channel]:
    """The seven channels (made by the data migration; recreated after a flush)."""
    return channels_ensure()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for attackers, not for the test suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """A request under /lt/ leaves Lithuanian active in the thread, and reverse() would then
    build /lt/ URLs in the next test: every test starts in the default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def migration_rows_survive_flushes():
    """A transactional test ends by emptying every table; Django then sends ``post_migrate``
    (so permissions come back) but the rows our data migrations made (the role groups, the
    channels, the default service standard) stay gone. Every later test on that worker then
    made them again inside its own transaction, ~1 s each (the role groups' 189 permissions,
    each with its history row), and a test saw a database unlike a migrated one. They are
    made again once, right after the flush, as the migrations left them."""
    last_app = list(apps.get_app_configs())[-1]

    def restore(sender, using, **kwargs):
        if sender is last_app:  # after every app's permissions are back
            for role in Role:
                role_ensure(role)
            channels_ensure()
            standard_default_ensure()

    post_migrate.connect(restore, dispatch_uid="tests-migration-rows")
    yield
    post_migrate.disconnect(dispatch_uid="tests-migration-rows")


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgresql`` need what only a server gives (concurrent writers): they
    run in the PostgreSQL pass of ``make test`` and are left out, not skipped, on SQLite.
    Tests that touch no database at all (the framework-free maths, the catalogues) run in the
    SQLite pass only, since the PostgreSQL pass would repeat them unchanged.

    The tests that start processes of their own (they take a ``scratch_database``) last
    seconds each: they go first, so that xdist's workers share them out at the start instead
    of one worker finishing alone with them."""
    items.sort(key=lambda item: "scratch_database" not in getattr(item, "fixturenames", ()))
    for item in items:
        # pytest-django creates the test database only for a session whose tests ask for
        # one, and the scratch databases are copies of it: a kill test run on its own asks.
        if ("scratch_database" in getattr(item, "fixturenames", ())
                and not item.get_closest_marker("django_db")):
            item.add_marker(pytest.mark.django_db)
    if connection.vendor == "postgresql":
        # A test that cannot reach any database (pytest-django refuses it without one of
        # these) answers the same on both: it runs once, in the SQLite pass.
        left_out = [item for item in items if not _touches_a_database(item)]
    else:
        left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        dropped = {id(item) for item in left_out}
        items[:] = [item for item in items if id(item) not in dropped]


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences",
                     "django_db_serialized_rollback", "live_server", "scratch_database"}


def _touches_a_database(item) -> bool:
    return bool(item.get_closest_marker("django_db") or item.get_closest_marker("postgresql")
                or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


# Databases for other processes ------------------------------------------------------------
# The kill tests run Kliento in processes of their own, which cannot see the test database
# (in memory, or inside a transaction): each gets a committed database of its own, copied
# from a template. The template is the test database itself, copied right after its
# migrations, before any test has written to it: migrating another one took each test
# process seconds more.

def _server_url(name: str) -> str:
    """The suite's PostgreSQL server (DATABASE_URL), with the database ``name``."""
    scheme, rest = os.environ["DATABASE_URL"].split("://", 1)
    authority, _, path = rest.partition("/")
    query = path.partition("?")[2]
    return f"{scheme}://{authority}/{name}" + (f"?{query}" if query else "")


def _server_run(sql: str) -> None:
    url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as server:
        server.execute(sql)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """pytest-django's test database, and a copy of it as migrated (see above): an SQLite
    file, or a PostgreSQL database on the suite's server, named after the process, as
    xdist's workers each make one."""
    if connection.vendor == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        copy = sqlite3.connect(path)
        try:
            with django_db_blocker.unblock():
                connection.ensure_connection()
                connection.connection.backup(copy)
        finally:
            copy.close()
        yield str(path)
        return
    name = f"kliento_template_{os.getpid()}"
    with django_db_blocker.unblock():
        source = connection.settings_dict["NAME"]
        connection.close()  # a database is copied only while nobody is connected to it
    _server_run(f'DROP DATABASE IF EXISTS "{name}"')
    _server_run(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    try:
        yield name
    finally:
        _server_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # A thread of a racing test can leave its connection to the test database open
        # until it is collected; pytest-django then cannot drop the database ("being
        # accessed by other users") and leaves it on the server.
        with django_db_blocker.unblock():
            connection.close()
        _server_run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{source}' AND pid <> pg_backend_pid()")


@pytest.fixture(scope="session")
def migrated_template(django_db_setup) -> str:
    """The migrated database the scratch databases are copied from, never used itself."""
    return django_db_setup


@pytest.fixture
def scratch_database(migrated_template, tmp_path) -> Iterator[str]:
    """The URL of a fresh, migrated, committed database that a separate process may use."""
    if connection.vendor == "sqlite":
        path = tmp_path / "scratch.sqlite3"
        source, copy = sqlite3.connect(migrated_template), sqlite3.connect(path)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        yield f"sqlite:///{path}"
        return
    name = f"kliento_scratch_{secrets.token_hex(4)}"
    _server_run(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template}"')
    try:
        yield _server_url(name)
    finally:
        _server_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
