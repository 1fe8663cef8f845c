"""One date style per language, and never the US one: pages that show dates, in each of the
five languages, carry no "11/13/2026" and no "3:33 p.m."."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from kliento.access.roles import Role
from kliento.accounts.services import api_token_create
from kliento.surveys.services import survey_create, survey_response_record
from tests.factories import PromiseFactory, UserFactory

# Recent, so that every list shows it by default: a day ago.
MOMENT = (timezone.now() - timedelta(days=1)).replace(microsecond=0)
US_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
US_TIME = re.compile(r"\b\d{1,2}:\d{2}\s*[ap]\.?m\.?", re.IGNORECASE)
EXPECTED = {"en": "13 Nov 2026, 15:33", "lt": "2026-11-13 15:33", "lv": "13.11.2026 15:33",
            "ru": "13.11.2026 15:33", "pl": "13.11.2026 15:33"}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_short_date_and_time_of_each_language(language):
    with translation.override(language):
        assert formats.date_format(datetime(2026, 11, 13, 15, 33),
                                   "SHORT_DATETIME_FORMAT") == EXPECTED[language]


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_no_page_shows_a_us_style_date(client, channels, language):
    manager = UserFactory(username="vadove", role=Role.MANAGER)
    survey = survey_create(name="Po skambučio", blocks=["nps", "comment"])
    response = survey_response_record(survey=survey, responded_at=MOMENT, language="lt",
                                      nps=3, comment="Vėlavo")
    PromiseFactory(promised_at=MOMENT, due_at=MOMENT)
    api_token_create(user=manager, name="CRM")
    client.force_login(manager)
    with translation.override(language):  # the pages' addresses carry the language: /lt/…
        pages = [reverse("surveys:responses"), reverse("surveys:response", args=[response.pk]),
                 reverse("surveys:detail", args=[survey.pk]), reverse("promises:list"),
                 reverse("accounts:tokens")]
        local = MOMENT.astimezone(ZoneInfo("Europe/Vilnius"))
        styles = {formats.date_format(local, style) for style in ("SHORT_DATE_FORMAT",
                                                                   "DATE_FORMAT")}
    shown_anywhere = False
    for url in pages:
        html = client.get(url).content.decode()
        assert not US_DATE.search(html), f"{url} in {language}: {US_DATE.search(html)[0]}"
        assert not US_TIME.search(html), f"{url} in {language}: {US_TIME.search(html)[0]}"
        shown_anywhere |= any(style in html for style in styles)
    assert shown_anywhere, "none of the pages showed the date at all"
