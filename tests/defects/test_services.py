"""Logging a defect (the category suggested when not given, a photo checked by Pillow and
encoded again), and its lifecycle open → fixed → verified, or open again."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kliento.defects.models import Defect
from kliento.defects.services import (
    PHOTO_MAX_BYTES,
    defect_fix,
    defect_log,
    defect_verify,
    photo_directory,
)
from tests.factories import LocationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def png_with_trailer() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue() + b"<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def log(**fields) -> Defect:
    return defect_log(**{"description": "Nešvarus tualetas", "source": "staff",
                         "location": LocationFactory(), "now": NOW, "category": None} | fields)


def test_without_a_category_the_suggestion_is_taken_and_kept():
    defect = log(description="Brudna toaleta i śmierdzi", language="pl")
    assert (defect.category, defect.suggested_category) == ("cleanliness", "cleanliness")
    assert defect.due_at == NOW + timedelta(days=3)
    chosen = log(description="Brudna toaleta", category="signage")
    assert (chosen.category, chosen.suggested_category) == ("signage", "cleanliness")
    unknown = log(description="Kažkas negerai")
    assert (unknown.category, unknown.suggested_category) == ("other", "")


def test_refusals_name_the_field_and_write_nothing():
    with pytest.raises(ValidationError) as refused:
        defect_log(category="graffiti", description=" ", source="staff", now=NOW)
    assert set(refused.value.message_dict) == {"category", "description", "location"}
    assert not Defect.objects.exists()


def test_a_photo_is_verified_and_stored_again_without_what_followed_it():
    defect = log(photo=SimpleUploadedFile("wc.png", png_with_trailer()))
    stored = (photo_directory() / defect.photo).read_bytes()
    assert defect.photo.endswith(".png") and b"<script>" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (4, 3)


@pytest.mark.parametrize(("content", "message"), [
    (b"GIF89a not really", "not a photo"),
    (b"%PDF-1.7 pretending", "not a photo"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a photo"),
])
def test_what_is_not_a_photo_is_refused(content, message):
    with pytest.raises(ValidationError, match=message):
        log(photo=SimpleUploadedFile("photo.png", content))
    assert not Defect.objects.exists()
    assert not photo_directory().exists() or not any(photo_directory().iterdir())


def test_a_photo_too_large_is_refused_before_it_is_read():
    big = SimpleUploadedFile("big.jpg", b"\xff" * (PHOTO_MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="larger than 5 MB"):
        log(photo=big)


def test_lifecycle_open_fixed_verified_or_open_again():
    fixer, checker = UserFactory(), UserFactory()
    defect = log()
    with pytest.raises(ValidationError, match="Only a fixed defect"):
        defect_verify(defect, by=checker)
    defect = defect_fix(defect, by=fixer, now=NOW + timedelta(hours=2))
    assert (defect.status, defect.fixed_at, defect.fixed_by) == ("fixed", NOW + timedelta(hours=2),
                                                                 fixer)
    with pytest.raises(ValidationError, match="Only an open defect"):
        defect_fix(defect, by=fixer)
    reopened = defect_verify(defect, by=checker, fixed=False, now=NOW + timedelta(hours=3))
    assert (reopened.status, reopened.fixed_at) == ("open", None)
    defect_fix(defect, by=fixer, now=NOW + timedelta(hours=4))
    verified = defect_verify(defect, by=checker, now=NOW + timedelta(hours=5))
    assert (verified.status, verified.verified_by) == ("verified", checker)
