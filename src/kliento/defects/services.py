"""Writes for defects: log one (staff, auditors, customers through their survey's link, or
Kliento itself when a customer corrects their name), then fix it and verify the fix.

Every refusal is a :class:`~django.core.exceptions.ValidationError` keyed by the field at
fault, raised before anything is written.
"""

import io
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from kliento.accounts.models import User
from kliento.customers.models import Customer
from kliento.defects.categories import defect_category_suggest
from kliento.defects.models import Defect
from kliento.interactions.models import Touchpoint
from kliento.organisation.models import Location
from kliento.surveys.models import Invitation, SurveyResponse

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# A customer reports a few things after one visit, not a flood.
CUSTOMER_REPORTS_PER_ANSWER = 3
DEFAULT_FIX_DAYS = 3


def photo_directory() -> Path:
    return Path(settings.VAR_DIR) / "defects"


def check_photo(upload) -> tuple[bytes, str]:
    """A photo is kept only when it is a real JPEG, PNG or WebP image under
    ``PHOTO_MAX_BYTES`` and ``PHOTO_MAX_PIXELS``: Pillow verifies the file, then the image is
    encoded again, which drops anything hidden after it and its metadata (a phone's EXIF
    carries where the customer was). Returns the bytes to store and their suffix."""
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than %(mb)d MB.")
                               % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)}})
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            if probe.width * probe.height > PHOTO_MAX_PIXELS:
                raise ValidationError({"photo": _("The photo has too many pixels.")})
            probe.verify()
        if image_format not in PHOTO_FORMATS:
            raise ValidationError({"photo": _("Send a JPEG, PNG or WebP photo.")})
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            clean = io.BytesIO()
            if image_format == "JPEG":
                image.convert("RGB").save(clean, "JPEG", quality=88)
            else:
                image.save(clean, image_format)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError({"photo": _("This file is not a photo Kliento can read.")}) \
            from error
    return clean.getvalue(), PHOTO_FORMATS[image_format]


def _photo_store(content: bytes, suffix: str) -> str:
    """Write the photo under a random name; returns the name kept on the defect."""
    directory = photo_directory()
    directory.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + suffix
    (directory / name).write_bytes(content)
    return name


def defect_log(*, category: str | None, description: str, source: str,
               location: Location | None = None, touchpoint: Touchpoint | None = None,
               reported_by: User | None = None, customer: Customer | None = None,
               survey_response: SurveyResponse | None = None, owner: User | None = None,
               due_at: datetime | None = None, observed_at: datetime | None = None,
               photo=None, language: str = "en", now: datetime | None = None) -> Defect:
    """Log a defect. Without a category the suggester's is taken (``other`` when it finds no
    cue); the suggestion is kept beside the category either way. Without a due time the fix is
    due ``DEFAULT_FIX_DAYS`` after it was seen."""
    now = now or timezone.now()
    observed_at = observed_at or now
    errors: dict[str, list[str]] = {}
    description = (description or "").strip()
    if not description:
        errors.setdefault("description", []).append(_("Say what is wrong, in a few words."))
    if category and category not in Defect.Category.values:
        errors.setdefault("category", []).append(_("“%(value)s” is not a defect category.")
                                                 % {"value": category})
    if observed_at > now + timedelta(minutes=5):
        errors.setdefault("observed_at", []).append(_("A defect cannot be seen in the future."))
    if due_at is not None and due_at < observed_at:
        errors.setdefault("due_at", []).append(_("The fix cannot be due before the defect was "
                                                 "seen."))
    if location is None and touchpoint is None and category != Defect.Category.WRONG_NAME:
        errors.setdefault("location", []).append(_("Say where: a location, a touchpoint or "
                                                   "both."))
    content = None
    if photo is not None:
        try:
            content = check_photo(photo)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    suggested, _confidence = defect_category_suggest(description, language)
    defect = Defect(
        location=location, touchpoint=touchpoint,
        category=category or suggested or Defect.Category.OTHER,
        suggested_category=suggested or "", description=description, source=source,
        reported_by=reported_by, customer=customer, survey_response=survey_response,
        owner=owner, due_at=due_at or observed_at + timedelta(days=DEFAULT_FIX_DAYS),
        observed_at=observed_at, created_at=now,
    )
    if content is not None:
        defect.photo = _photo_store(*content)
    defect.save()
    return defect


def defect_fix(defect: Defect, *, by: User, now: datetime | None = None) -> Defect:
    """Mark an open defect fixed."""
    now = now or timezone.now()
    with transaction.atomic():
        defect = Defect.objects.select_for_update().get(pk=defect.pk)
        if defect.status != Defect.Status.OPEN:
            raise ValidationError({"status": _("Only an open defect can be marked fixed; this "
                                               "one is %(status)s.")
                                   % {"status": defect.get_status_display()}})
        defect.status, defect.fixed_at, defect.fixed_by = (Defect.Status.FIXED,
                                                           max(now, defect.observed_at), by)
        defect.save(update_fields=["status", "fixed_at", "fixed_by"])
    return defect


def defect_verify(defect: Defect, *, by: User, fixed: bool = True,
                  now: datetime | None = None) -> Defect:
    """Someone checks the fix: verified, or — ``fixed=False`` — open again (it still counts as
    open from when it was seen, so the fix time is cleared)."""
    now = now or timezone.now()
    with transaction.atomic():
        defect = Defect.objects.select_for_update().get(pk=defect.pk)
        if defect.status != Defect.Status.FIXED:
            raise ValidationError({"status": _("Only a fixed defect can be verified; this one "
                                               "is %(status)s.")
                                   % {"status": defect.get_status_display()}})
        if fixed:
            defect.status, defect.verified_at, defect.verified_by = (
                Defect.Status.VERIFIED, now, by)
        else:
            defect.status, defect.fixed_at, defect.fixed_by = Defect.Status.OPEN, None, None
        defect.save(update_fields=["status", "verified_at", "verified_by", "fixed_at",
                                   "fixed_by"])
    return defect


def defect_report_by_customer(invitation: Invitation, *, category: str | None, description: str,
                              photo=None, now: datetime | None = None) -> Defect:
    """A customer tells us what was wrong around their visit, from the survey's thank-you
    page: placed where their answer was about, at most ``CUSTOMER_REPORTS_PER_ANSWER`` per
    answer and one per category."""
    response = invitation.response
    with transaction.atomic():
        # Serialises one customer's reports, so the limit holds under double submits.
        SurveyResponse.objects.select_for_update().filter(pk=response.pk).first()
        if Defect.objects.filter(survey_response=response).count() >= CUSTOMER_REPORTS_PER_ANSWER:
            raise ValidationError({"__all__": [_("Thank you — we have your reports about this "
                                                 "visit already.")]})
        if category and Defect.objects.filter(survey_response=response,
                                              category=category).exists():
            raise ValidationError({"category": [_("You have told us about this already.")]})
        try:
            with transaction.atomic():
                return defect_log(
                    category=category, description=description, source=Defect.Source.CUSTOMER,
                    location=response.location, touchpoint=response.touchpoint,
                    customer=invitation.customer, survey_response=response,
                    observed_at=response.interaction.opened_at if response.interaction_id
                    else response.responded_at, photo=photo, language=response.language,
                    now=now)
        except IntegrityError as error:  # the suggested category was reported already
            raise ValidationError({"category": [_("You have told us about this already.")]}) \
                from error


def wrong_name_defect_log(sender, *, customer: Customer, old_name: str, new_name: str,
                          survey_response: SurveyResponse | None = None, **kwargs) -> None:
    """The customer corrected their name on a survey page: whatever wrote to them before
    wrote it wrong. Logged once per answer, as a "wrong name in a letter" defect."""
    description = _("The customer corrected their name from “%(old)s” to “%(new)s”.") % {
        "old": old_name, "new": new_name}
    try:
        with transaction.atomic():
            defect_log(category=Defect.Category.WRONG_NAME, description=description,
                       source=Defect.Source.AUTOMATIC, customer=customer,
                       survey_response=survey_response,
                       location=survey_response.location if survey_response else None,
                       touchpoint=survey_response.touchpoint if survey_response else None)
    except IntegrityError:
        pass  # logged already for this answer
