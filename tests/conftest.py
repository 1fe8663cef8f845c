import pytest

from kliento.interactions.models import Channel


@pytest.fixture
def channels(db) -> dict[str, Channel]:
    """The seven channels the data migration creates."""
    return {channel.code: channel for channel in Channel.objects.all()}
