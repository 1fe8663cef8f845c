"""The demo data must look like a real business: these are the properties a manager would
notice if they were missing."""

from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.db.models import Avg, Count, F
from django.db.models.functions import ExtractHour, ExtractWeekDay

from kliento.customers.models import Customer
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset
from kliento.interactions.models import Interaction
from kliento.organisation.models import Agent
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse

DIACRITICS = {
    "lt": set("ąčęėįšųūžĄČĘĖĮŠŲŪŽ"),
    "lv": set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"),
    "pl": set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"),
}
PLAN = DemoPlan(interactions=6000, weeks=20, seed=5, end=date(2026, 11, 1))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = build_demo(PLAN)
        yield summary
        demo_reset()


@pytest.mark.django_db
def test_scale_is_exact_and_everything_is_linked(demo):
    assert Interaction.objects.count() == PLAN.interactions == demo.interactions
    assert demo.customers == Customer.objects.count() >= 1500
    assert 0.12 < SurveyResponse.objects.count() / PLAN.interactions < 0.3
    assert Promise.objects.count() == demo.promises > 0
    assert not SurveyResponse.objects.filter(customer__consents_to_surveys=False).exists()
    assert not Interaction.objects.filter(agent__isnull=True).exists()


@pytest.mark.django_db
def test_customers_are_named_in_five_languages_with_their_diacritics(demo):
    for language, letters in DIACRITICS.items():
        names = Customer.objects.filter(preferred_language=language).values_list(
            "full_name", flat=True)
        with_diacritics = sum(1 for name in names if letters & set(name))
        assert with_diacritics / len(names) > 0.2, language
    russian = Customer.objects.filter(preferred_language="ru").values_list("full_name", flat=True)
    assert all(any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in name) for name in russian)
    assert set(Customer.objects.values_list("preferred_language", flat=True)) == {
        "en", "lt", "lv", "ru", "pl"}


@pytest.mark.django_db
def test_contacts_follow_daily_and_weekly_rhythms(demo):
    local = ZoneInfo("Europe/Vilnius")
    by_hour = dict(
        Interaction.objects.annotate(hour=ExtractHour("opened_at", tzinfo=local))
        .values_list("hour").annotate(n=Count("id")))
    assert by_hour[12] > by_hour[9]  # lunch is busier than the morning
    assert by_hour[12] > 10 * by_hour.get(3, 0)  # nights are quiet
    by_weekday = dict(
        Interaction.objects.annotate(day=ExtractWeekDay("opened_at", tzinfo=local))
        .values_list("day").annotate(n=Count("id")))
    assert by_weekday[2] > 1.8 * by_weekday[1]  # Monday (2) against Sunday (1)


@pytest.mark.django_db
def test_broken_promises_are_followed_by_low_scores(demo):
    def mean_nps(status):
        return SurveyResponse.objects.filter(
            interaction__promises__status=status, nps__isnull=False
        ).aggregate(m=Avg("nps"))["m"]

    assert mean_nps("broken") < mean_nps("kept") - 2
    statuses = set(Promise.objects.values_list("status", flat=True))
    assert {"kept", "late", "broken"} <= statuses


@pytest.mark.django_db
def test_the_second_half_of_history_is_visibly_better(demo):
    responses = SurveyResponse.objects.filter(nps__isnull=False).order_by("responded_at")
    scores = np.array(responses.values_list("nps", flat=True))
    half = len(scores) // 2

    def nps(s):
        return 100 * (np.mean(s >= 9) - np.mean(s <= 6))

    assert nps(scores[half:]) > nps(scores[:half]) + 8
    promises = Promise.objects.exclude(status="open").order_by("due_at")
    kept = np.array([s == "kept" for s in promises.values_list("status", flat=True)])
    assert kept[len(kept) // 2:].mean() > kept[: len(kept) // 2].mean() + 0.08


@pytest.mark.django_db
def test_comments_are_in_the_customers_language_and_fit_the_score(demo):
    with_comment = SurveyResponse.objects.exclude(comment="")
    assert with_comment.count() > 200
    assert not with_comment.exclude(language=F("customer__preferred_language")).exists()
    angry = with_comment.filter(nps__lte=3, language="en").values_list("comment", flat=True)
    delighted = with_comment.filter(nps__gte=9, language="en").values_list("comment", flat=True)
    assert set(angry).isdisjoint(set(delighted))


@pytest.mark.django_db
def test_agents_differ_and_some_left_or_joined(demo):
    per_agent = (SurveyResponse.objects.filter(nps__isnull=False)
                 .values("interaction__agent").annotate(n=Count("id"), m=Avg("nps"))
                 .filter(n__gte=15))
    means = [row["m"] for row in per_agent]
    assert max(means) - min(means) > 1.0
    assert Agent.objects.filter(left_on__isnull=False).exists()
    assert Agent.objects.filter(hired_on__gt=date(2026, 7, 1)).exists()
