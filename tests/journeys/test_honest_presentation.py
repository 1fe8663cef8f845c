"""The journey pages speak plainly: the map says how much the touchpoints explain in words and
keeps R² and "Johnson 2000" in the folded "How this is computed" note; a negative NPS reads
"−40" with the true minus sign (U+2212), never floatformat's hyphen "-40", in English and in
Lithuanian (where the decimals also take a comma)."""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from kliento.access.roles import Role
from tests.factories import (
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HYPHEN_NUMBER = re.compile(r"(?<![\w/.:-])-\d")  # "-40" as text, not "2026-12-01" or "a-1"
NOTE = '<details class="card how-computed">'


@pytest.fixture
def unhappy_journey(channels):
    """Three touchpoints, 45 answers: the first mostly detractors (NPS −60), enough answers
    for the touchpoints' weights."""
    now = timezone.now()
    touchpoints = [TouchpointFactory(name=f"Taškas {n}", journey_stage=stage)
                   for n, stage in enumerate(("before", "during", "after"))]
    customer = CustomerFactory(full_name="Rūta Nelaiminga")
    for n in range(45):
        touchpoint = touchpoints[n % 3]
        at = now - timedelta(days=3, hours=n)
        interaction = InteractionFactory(customer=customer, touchpoint=touchpoint,
                                         channel=channels["phone"], opened_at=at)
        score = (2, 3, 10, 1, 0)[n // 3 % 5] if touchpoint is touchpoints[0] else 6 + n % 5
        SurveyResponseFactory(customer=customer, interaction=interaction, touchpoint=touchpoint,
                              responded_at=at + timedelta(minutes=5), nps=score,
                              expectation=8, experience=1 + n % 10)
    return touchpoints, now.date()


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_map_has_no_jargon_on_the_page_and_a_true_minus_sign(client, unhappy_journey,
                                                                 language):
    _touchpoints, today = unhappy_journey
    client.force_login(UserFactory(username="vadove", role=Role.MANAGER))
    with translation.override(language):
        url = reverse("journeys:map")
    html = client.get(url, {"start": (today - timedelta(days=30)).isoformat(),
                            "end": today.isoformat()}).content.decode()
    page, note = html.split(NOTE, 1)
    for jargon in ("R²", "R2", "Johnson", "Shapley", "p-value", "Wald"):
        assert jargon not in page, f"{jargon} on the page in {language}"
    assert "Johnson 2000" in note and "R² = " in note and "Rocks 2016" in note
    assert "−60" in page  # the first touchpoint's NPS
    table = page.split('id="journey-map"', 1)[1]
    assert not HYPHEN_NUMBER.search(re.sub(r"<[^>]+>", " ", table))
    assert not re.search(r'title="[^"]*(?<![\w/.:-])-\d', table)  # the intervals on hover
    # In words: "together the touchpoints explain 37 % of the differences…"
    assert re.search(r'class="explained">[^<]*\b\d{1,3} %', page)
    if language == "lt":
        assert re.search(r"R² = 0,\d\d\.", note)  # the decimal comma, in the note as well


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "−12 · +3.5 · −0.25 · 7 · −5 … +12"),
    ("lt", "−12 · +3,5 · −0,25 · 7 · −5 … +12"),
])
def test_the_number_filters_write_the_minus_sign_in_each_language(language, expected):
    template = Template("{% load ui_format %}{{ nps|number }} · {{ change|signed:1 }} · "
                        "{{ r|number:2 }} · {{ seven|number }} · {{ low|signed_share }} … "
                        "{{ high|signed_share }}")
    with translation.override(language):
        shown = template.render(Context({"nps": -12.4, "change": 3.46, "r": -0.251,
                                         "seven": 7, "low": -0.05, "high": 0.12}))
    assert shown == expected
    assert "-" not in shown
