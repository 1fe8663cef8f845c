"""Writes for interactions. Every path that stores an interaction goes through here, so the
derived response and resolution seconds always agree with the timestamps."""

from datetime import datetime

from kliento.interactions.models import Channel, Interaction
from kliento.organisation.calendar import local_date

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


def interaction_create(**fields) -> Interaction:
    interaction = interaction_fill_derived(Interaction(**fields))
    interaction.full_clean()
    interaction.save()
    return interaction


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
