"""Writes for interactions. Every path that stores an interaction goes through here, so the
derived response and resolution seconds always agree with the timestamps."""

from datetime import datetime

from kliento.interactions.models import Channel, Interaction


def seconds_between(start: datetime, end: datetime | None) -> int | None:
    return None if end is None else int((end - start).total_seconds())


def interaction_fill_durations(interaction: Interaction) -> Interaction:
    interaction.first_response_seconds = seconds_between(
        interaction.opened_at, interaction.first_response_at
    )
    interaction.resolution_seconds = seconds_between(interaction.opened_at, interaction.resolved_at)
    return interaction


def interaction_create(**fields) -> Interaction:
    interaction = interaction_fill_durations(Interaction(**fields))
    interaction.full_clean()
    interaction.save()
    return interaction


def channels_ensure() -> dict[str, Channel]:
    """Every channel Kliento knows, created if missing (the data migration creates them too,
    but a flushed database — a reset, a transactional test — must be able to recover)."""
    existing = {channel.code: channel for channel in Channel.objects.all()}
    missing = [Channel(code=code) for code in Channel.Code.values if code not in existing]
    for channel in Channel.objects.bulk_create(missing, ignore_conflicts=True):
        existing[channel.code] = channel
    return {channel.code: channel for channel in Channel.objects.all()}
