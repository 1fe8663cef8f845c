"""The owner's monthly report renders without a browser: its text, its numbers and a
non-empty chart image are in the PDF, in the language asked for."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from kliento.access.roles import Role
from kliento.analytics.monthly_report import Month, monthly_report_pdf
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)


@pytest.fixture
def november(db, channels):
    agent = AgentFactory()
    desk = TouchpointFactory(name="Kasa")
    start = datetime(2026, 11, 2, 10, tzinfo=UTC)
    # 12 answers: 6 promoters, 2 passives, 4 detractors → NPS +17 (rounded).
    scores = [10, 9, 9, 10, 9, 10, 7, 8, 2, 3, 5, 6]
    for i, nps in enumerate(scores):
        call = InteractionFactory(customer=CustomerFactory(), agent=agent, touchpoint=desk,
                                  opened_at=start + timedelta(days=2 * i))
        SurveyResponseFactory(customer=call.customer, interaction=call, nps=nps,
                              touchpoint=desk, responded_at=start + timedelta(days=2 * i, hours=1),
                              comment="Kurjeris vėlavo tris dienas." if nps == 2 else "")
    return Month(date(2026, 11, 1))


def _pdf(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_report_has_the_months_numbers_words_and_a_chart(november):
    with translation.override("en"):
        text, reader = _pdf(monthly_report_pdf(november))
    assert "November 2026" in text
    assert "12 survey responses" in text
    assert "Net Promoter Score +17 −30 … +57 12" in text  # value, interval, basis
    assert "Kurjeris vėlavo tris dienas." in text
    images = [image for page in reader.pages for image in page.images]
    assert images, "no chart image in the PDF"
    chart = Image.open(io.BytesIO(images[0].data)).convert("RGB")
    colours = chart.getcolors(maxcolors=1 << 16) or []
    assert chart.width > 300 and len(colours) > 10, "the chart is blank"


def test_the_report_speaks_the_owners_language(november):
    with translation.override("lt"):
        text, _reader = _pdf(monthly_report_pdf(november))
    assert "lapkri" in text.lower()  # "lapkritis": November in Lithuanian


def test_a_manager_downloads_any_month_and_an_agent_may_not(client, november):
    client.force_login(UserFactory(role=Role.MANAGER))
    answer = client.get(reverse("analytics:monthly-report"), {"month": "2026-11"})
    assert answer["Content-Type"] == "application/pdf"
    assert "kliento-report-2026-11.pdf" in answer["Content-Disposition"]
    assert "November 2026" in _pdf(answer.content)[0]
    client.force_login(UserFactory(role=Role.AGENT))
    assert client.get(reverse("analytics:monthly-report")).status_code == 403
