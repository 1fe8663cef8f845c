"""Turning a cell's text into a value, or into a reason a person can act on.

Each parser takes the cell's text (already stripped) and returns the value, or raises
``CellError`` with the reason; the importer adds the line, the column and the value.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from kliento.organisation.calendar import organisation_timezone

DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S",
    "%Y.%m.%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%Y.%m.%d",
)
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%Y.%m.%d", "%d/%m/%Y")
TRUE_WORDS = {"1", "true", "yes", "y", "taip", "jā", "ja", "да", "tak", "t"}
FALSE_WORDS = {"0", "false", "no", "n", "ne", "nē", "нет", "nie", "f", ""}
MISSING = {"", "?", "-", "null", "none", "n/a", "na"}


class CellError(ValueError):
    pass


def is_missing(text: str) -> bool:
    return text.strip().lower() in MISSING


def parse_datetime(text: str) -> datetime:
    """ISO 8601 with an offset, or a local time in one of the usual European layouts
    (read in the organisation's time zone)."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for layout in DATETIME_FORMATS:
            try:
                moment = datetime.strptime(text, layout)
                break
            except ValueError:
                continue
        else:
            raise CellError("not a date and time (use 2026-05-12 14:30 or ISO 8601)") from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=organisation_timezone())
    return moment


def parse_date(text: str) -> date:
    text = text.strip()
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise CellError("not a date (use 2026-05-12)") from None


def parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("not yes or no (use true or false)")


def score_parser(low: int, high: int):
    def parse(text: str) -> int:
        try:
            number = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:
            raise CellError(f"not a number from {low} to {high}") from None
        if number != number.to_integral_value():
            raise CellError(f"not a whole number from {low} to {high}")
        if not low <= number <= high:
            raise CellError(f"out of range: the scale is {low} to {high}")
        return int(number)
    return parse


def choice_parser(choices: dict[str, str], what: str):
    """``choices`` maps every accepted spelling (lower case) to the stored value."""
    def parse(text: str) -> str:
        try:
            return choices[text.strip().lower()]
        except KeyError:
            known = ", ".join(sorted(set(choices.values())))
            raise CellError(f"unknown {what} (known: {known})") from None
    return parse


def text_parser(max_length: int):
    def parse(text: str) -> str:
        if len(text) > max_length:
            raise CellError(f"longer than {max_length} characters")
        return text
    return parse


def parse_email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise CellError("not an e-mail address") from None
    return text
