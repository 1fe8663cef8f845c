"""Writes for occasions: a manager adds a name day the shipped calendars lack."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kliento.accounts.models import User
from kliento.occasions.models import NameDay


def name_day_add(*, country: str, name: str, month: int, day: int,
                 added_by: User | None = None) -> NameDay:
    """Add a name day; the name is kept as written (only surrounding spaces go)."""
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or " " in name:
        errors["name"] = [_("One first name, as customers write it.")]
    if country not in NameDay.Country.values:
        errors["country"] = [_("Name days are kept for Lithuania, Latvia and Poland.")]
    try:
        date(2024, month, day)  # a leap year: 29 February is a name day too
    except (TypeError, ValueError):
        errors["day"] = [_("There is no such day.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return NameDay.objects.create(country=country, name=name, month=month, day=day,
                                          added_by=added_by)
    except IntegrityError as error:
        raise ValidationError({"name": [_("This name day is there already.")]}) from error
