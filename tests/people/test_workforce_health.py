"""Turnover against counts by hand; a training's effect is measure.compare on the same
answers; the training import refuses a bad file whole, naming every bad row."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kliento.measure import compare
from kliento.people.models import Attendance, Training
from kliento.people.services import trainings_import
from kliento.people.workforce_health import quarter_of, training_effects, turnover_by_team
from tests.factories import AgentFactory, UserFactory
from tests.people.conftest import answers

Q2 = (date(2026, 4, 1), date(2026, 6, 30))


def test_quarters():
    assert quarter_of(date(2026, 5, 17)) == Q2
    assert quarter_of(date(2026, 12, 4)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_turnover_by_hand(org):
    # Team A: five on staff since 2024; one more joins 15 May, two leave (10 Apr, 30 Jun).
    AgentFactory(user=UserFactory(username="naujoke"), team=org.team_a,
                 hired_on=date(2026, 5, 15))
    for name, left in (("lina", date(2026, 4, 10)), ("paulius", date(2026, 6, 30))):
        agent = org.agents[name]
        agent.left_on = left
        agent.save()
    [row] = turnover_by_team([org.team_a], [Q2])
    # Start (31 Mar): 5. End (30 Jun): 5 − Lina − Paulius + newcomer = 4 (whoever left on a
    # day is no longer on staff that day). Turnover 2 / ((5 + 4) / 2) = 44.4 %.
    assert (row.headcount_start, row.headcount_end, row.leavers) == (5, 4, 2)
    assert row.rate_percent == pytest.approx(200 / 4.5)


def test_training_effect_is_compare_on_the_attendees_answers(org):
    rasa = org.agents["rasa"]
    training = Training.objects.create(course="Empatija", held_on=date(2026, 6, 1))
    Attendance.objects.create(training=training, agent=rasa)
    before, after = [10] * 5 + [4] * 10, [10] * 12 + [7] * 3
    answers(org.contacts["rasa"], before, on=date(2026, 5, 10))
    answers(org.contacts["rasa"], after, on=date(2026, 6, 20))
    answers(org.contacts["rasa"], [0] * 30, on=date(2026, 6, 1))  # the day itself: left out
    answers(org.contacts["jonas"], [0] * 30, on=date(2026, 6, 20))  # not an attendee
    [effect] = training_effects([training])
    expected = compare(before, after, "nps")
    assert (effect.comparison.difference, effect.comparison.low, effect.comparison.high) == (
        expected.difference, expected.low, expected.high)


def test_import_adds_trainings_and_refuses_a_bad_file_whole(org):
    good = "course,held_on,username\nEmpatija,2026-06-01,rasa\nEmpatija,2026-06-01,jonas\n"
    assert trainings_import(good) == 2
    assert trainings_import(good) == 0  # the same again adds nothing
    bad = ("course,held_on,username\nPardavimai,2026-07-01,rasa\nPardavimai,birželio 1,jonas\n"
           "Pardavimai,2026-07-01,nera\n")
    with pytest.raises(ValidationError) as refused:
        trainings_import(bad)
    assert refused.value.messages == [
        "Row 3: held_on must be a date like 2026-03-15.",
        "Row 4: no agent has the username “nera”."]
    assert not Training.objects.filter(course="Pardavimai").exists()


def test_the_import_page_is_for_managers(client, org):
    upload = SimpleUploadedFile("mokymai.csv", b"course,held_on,username\nKasa,2026-06-01,rasa\n")
    client.force_login(org.lead)
    assert client.post(reverse("people:training-import"), {"file": upload}).status_code == 403
    client.force_login(org.manager)
    upload.seek(0)
    response = client.post(reverse("people:training-import"), {"file": upload}, follow=True)
    assert "1 attendance added." in response.content.decode()
    assert Attendance.objects.get().agent == org.agents["rasa"]
    page = client.get(reverse("people:workforce"))
    assert page.status_code == 200 and "Kasa" in page.content.decode()
