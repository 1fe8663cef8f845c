import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kliento.workforce.models import RosterEntry, ServiceTarget, Shift
from kliento.workforce.services import RosterRefused, roster_import, service_target_set
from tests.factories import AgentFactory, UserFactory


def test_a_roster_csv_creates_its_shifts_and_entries(channels):
    AgentFactory(user=UserFactory(username="rasa"))
    result = roster_import(io.StringIO(
        "day,agent,channel,shift,starts_at,ends_at\n"
        "2026-06-15,rasa,phone,Early,08:00,16:30\n"
        "2026-06-16,rasa,chat,Early,,\n"))
    assert (result.entries, result.shifts_created) == (2, 1)
    assert list(RosterEntry.objects.values_list("day", "channel__code")) == [
        (date(2026, 6, 15), "phone"), (date(2026, 6, 16), "chat")]


def test_a_roster_with_a_bad_row_saves_nothing_and_names_every_error(channels):
    AgentFactory(user=UserFactory(username="rasa"))
    with pytest.raises(RosterRefused) as refused:
        roster_import(io.StringIO(
            "day,agent,channel,shift,starts_at,ends_at\n"
            "2026-06-15,rasa,phone,Early,08:00,16:30\n"
            "15.06.2026,nobody,fax,Late,,\n"))
    assert refused.value.errors == [
        "line 3: day '15.06.2026' is not a date (YYYY-MM-DD)",
        "line 3: no agent with username 'nobody'",
        "line 3: no channel 'fax'",
        "line 3: no shift 'Late' (give starts_at and ends_at to create it)",
    ]
    assert RosterEntry.objects.count() == 0 and Shift.objects.count() == 0


def test_a_service_level_above_one_is_refused(channels):
    with pytest.raises(ValidationError):
        service_target_set(channels["phone"], service_level=1.2)
    assert ServiceTarget.objects.count() == 0
