import pytest

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
