"""The owner's monthly report: in all five languages with the company's name and logo, what
changed and why (complaints by cause, broken promises), charts that pdftoppm draws with ink,
and e-mailed once on the first working day of the month."""

import io
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from kliento.access.roles import Role
from kliento.analytics.models import MonthlyReportMailing
from kliento.analytics.monthly_report import Month, monthly_report_pdf
from kliento.analytics.monthly_report_mailing import monthly_report_send
from kliento.interactions.models import Interaction
from kliento.organisation.services import company_settings_update
from kliento.promises.models import Promise
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)

# A 2×2 red PNG.
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001649444154789c63"
    "3ca1a1c1c0c0c0c4c0c0c0c0c000000dea011c249510340000000049454e44ae426082")
MONTH_NAMES = {"en": "November 2026", "lt": "lapkri", "lv": "novembr", "ru": "ноябр",
               "pl": "listopad"}


@pytest.fixture
def november(db, channels, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    company_settings_update(company_name="UAB Baldų Namai",
                            logo=SimpleUploadedFile("logo.png", PNG_PIXEL))
    agent = AgentFactory()
    desk = TouchpointFactory(name="Kasa")
    start = datetime(2026, 11, 2, 10, tzinfo=UTC)
    for i, nps in enumerate([10, 9, 9, 10, 9, 10, 7, 8, 2, 3, 5, 6]):
        call = InteractionFactory(customer=CustomerFactory(), agent=agent, touchpoint=desk,
                                  opened_at=start + timedelta(days=2 * i))
        SurveyResponseFactory(customer=call.customer, interaction=call, nps=nps,
                              touchpoint=desk, responded_at=start + timedelta(days=2 * i, hours=1),
                              comment="Kurjeris vėlavo tris dienas." if nps == 2 else "")
    # Complaints about slow answers: 12 in November, 1 in October — beyond chance
    # (exact Poisson rate ratio, 30 vs 31 days: 12.4, 95 % interval about 1.8…527).
    for day in range(12):
        InteractionFactory(kind=Interaction.Kind.COMPLAINT, cause="responsiveness",
                           agent=agent, opened_at=start + timedelta(days=day))
    InteractionFactory(kind=Interaction.Kind.COMPLAINT, cause="responsiveness", agent=agent,
                       opened_at=datetime(2026, 10, 14, 9, tzinfo=UTC))
    for day in (3, 9):
        PromiseFactory(kind=Promise.Kind.DELIVERY, status=Promise.Status.BROKEN,
                       due_at=datetime(2026, 11, day, 12, tzinfo=UTC))
    return Month(date(2026, 11, 1))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("language", ["en", "lt", "lv", "ru", "pl"])
def test_the_report_renders_in_every_language(november, language):
    with translation.override(language):
        data = monthly_report_pdf(november)
    text = _text(data)
    assert MONTH_NAMES[language] in text.lower() or MONTH_NAMES[language] in text
    assert "UAB Baldų Namai" in text
    assert "+17" in text  # the month's NPS, as the other test works it out by hand
    assert "Kurjeris vėlavo tris dienas." in text


def test_complaints_and_broken_promises_say_what_changed(november):
    with translation.override("en"):
        text = _text(monthly_report_pdf(november))
    assert "Responsiveness: slow or no answer 12 1" in text
    assert "Delivery 2 0" in text
    assert "Changed beyond chance" in text or "No measure changed" in text


def test_the_logo_and_the_chart_are_images_in_the_pdf(november):
    with translation.override("en"):
        reader = PdfReader(io.BytesIO(monthly_report_pdf(november)))
    sizes = sorted((image.image.width, image.image.height)
                   for page in reader.pages for image in page.images)
    assert (2, 2) in sizes  # the logo
    assert any(width > 300 for width, _height in sizes)  # the chart


def test_pdftoppm_draws_pages_whose_chart_has_ink(november, tmp_path):
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) is needed for this test"
    with translation.override("en"):
        (tmp_path / "report.pdf").write_bytes(monthly_report_pdf(november))
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(tmp_path / "report.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    # The chart's blues (line #2f4fd0 and band #c9d6f5) are drawn: count bluish pixels on
    # the page that holds it. The rest of the report is black, grey and white.
    blue = 0
    for page in pages:
        pixels = np.asarray(Image.open(page).convert("RGB"), dtype=int)
        red, blue_channel = pixels[..., 0], pixels[..., 2]
        blue = max(blue, int(((blue_channel > 150) & (blue_channel - red > 40)).sum()))
    assert blue > 200, f"only {blue} blue pixels: the chart looks empty"


def test_sent_once_on_the_first_working_day_to_the_managers(november):
    UserFactory(username="savininke", email="owner@baldunamai.lt", role=Role.MANAGER)
    UserFactory(username="agente", email="agent@baldunamai.lt", role=Role.AGENT)
    # 1 December 2026 is a Tuesday: the first working day; November's report goes out.
    assert monthly_report_send(now=datetime(2026, 11, 30, 22, tzinfo=UTC)) == 1  # 00:00 Vilnius
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@baldunamai.lt"]
    name, content, mimetype = message.attachments[0]
    assert name == "kliento-report-2026-11.pdf" and mimetype == "application/pdf"
    assert "UAB Baldų Namai" in _text(content)
    assert monthly_report_send(now=datetime(2026, 12, 1, 9, tzinfo=UTC)) == 0
    assert len(mail.outbox) == 1
    assert MonthlyReportMailing.objects.get().month == date(2026, 11, 1)


def test_not_before_the_first_working_day(november):
    UserFactory(username="savininke", email="owner@baldunamai.lt", role=Role.MANAGER)
    # 1 November 2026 is a Sunday and the 2nd All Souls' Day in Lithuania: the 3rd is first.
    assert monthly_report_send(now=datetime(2026, 11, 2, 9, tzinfo=UTC)) == 0
    assert monthly_report_send(now=datetime(2026, 11, 3, 9, tzinfo=UTC)) == 1
    assert MonthlyReportMailing.objects.get().month == date(2026, 10, 1)
