import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from kliento.demo.services import DEMO_PASSWORD, DEMO_USERNAME
from kliento.interactions.models import Interaction
from kliento.surveys.models import SurveyResponse


def without_topic_mining(monkeypatch):
    """The command with its last step, mining the demo's topics, left out: seconds per build
    that the tests which read only contacts, answers and promises would wait for (the first
    test here runs the whole command)."""
    monkeypatch.setattr("kliento.demo.management.commands.demo.demo_topics_mine",
                        lambda manager: 0)


def fingerprint():
    return list(Interaction.objects.order_by("opened_at", "id").values_list(
        "kind", "channel__code", "opened_at", "customer__full_name", "text")[:200])


@pytest.mark.django_db(transaction=True)
def test_demo_builds_data_and_a_manager_who_can_sign_in():
    call_command("demo", "--no-serve", "--scale", "400", "--weeks", "6", "--seed", "3")
    assert Interaction.objects.count() == 400
    assert SurveyResponse.objects.exists()
    user = authenticate(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    assert user is not None and user.is_staff


@pytest.mark.django_db(transaction=True)
def test_second_run_keeps_the_data_and_reset_rebuilds_it_identically(monkeypatch):
    without_topic_mining(monkeypatch)
    call_command("demo", "--no-serve", "--scale", "300", "--weeks", "6", "--seed", "3")
    first = fingerprint()
    call_command("demo", "--no-serve", "--scale", "300", "--weeks", "6", "--seed", "3")
    assert Interaction.objects.count() == 300  # nothing duplicated
    call_command("demo", "--no-serve", "--reset", "--scale", "300", "--weeks", "6", "--seed", "3")
    assert Interaction.objects.count() == 300
    assert fingerprint() == first  # the same seed gives the same data
    call_command("demo", "--no-serve", "--reset", "--scale", "300", "--weeks", "6", "--seed", "4")
    assert fingerprint() != first


@pytest.mark.django_db
def test_nonsense_scale_is_refused():
    with pytest.raises(CommandError, match="--scale must be at least 1"):
        call_command("demo", "--no-serve", "--scale", "0")
