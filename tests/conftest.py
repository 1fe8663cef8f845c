import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

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


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgresql`` need what only a server gives (concurrent writers): they
    run in the PostgreSQL pass of ``make test`` and are left out, not skipped, on SQLite."""
    if connection.vendor == "postgresql":
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
