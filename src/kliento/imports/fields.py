"""Turning a cell's text into a value, or into a reason a person can act on.

Each parser reads one cell (``parser(text)``, the text already stripped) and returns the
value or raises ``CellError`` with the reason; the importer adds the line, the column and
the value. Each also reads a whole column at once (``parser.column(texts)``, a Polars
expression) for the common spellings, which is what makes a million rows quick: where the
column reading gives null for a cell that is not empty, the row goes to the cell reader,
which either understands the rarer spelling or says exactly what is wrong. The column
reading may leave more to the cell reader, never less — it must not accept what the cell
reader would refuse.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from kliento.organisation.calendar import organisation_timezone

DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S",
    "%Y.%m.%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%Y.%m.%d",
)
# The layouts read column-wise: ISO 8601 local times, and with an offset.
COLUMN_LOCAL_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                        "%Y-%m-%dT%H:%M")
COLUMN_OFFSET_FORMATS = ("%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%d %H:%M:%S%:z")
# No leap second (":60"), which the column reader would take and Python refuses.
COLUMN_DATETIME_SHAPE = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:[0-5]\d)?([+-]\d{2}:\d{2})?$"
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%Y.%m.%d", "%d/%m/%Y")
TRUE_WORDS = {"1", "true", "yes", "y", "taip", "jā", "ja", "да", "tak", "t"}
FALSE_WORDS = {"0", "false", "no", "n", "ne", "nē", "нет", "nie", "f", ""}
MISSING = {"", "?", "-", "null", "none", "n/a", "na"}
# A plain address (dot-atom user, dotted host names, a letter top-level domain): a subset of
# what Django's validator accepts; anything else is left to the validator itself.
PLAIN_EMAIL = (r"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*"
               r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


class CellError(ValueError):
    pass


def is_missing(text: str) -> bool:
    return text.strip().lower() in MISSING


def present(texts: pl.Expr) -> pl.Expr:
    """The stripped text of each cell, null where it is empty or says it is missing."""
    stripped = texts.str.strip_chars()
    return pl.when(~stripped.str.to_lowercase().is_in(list(MISSING))).then(stripped)


class CellParser:
    """A cell reader with its column-wise twin (by default: nothing read column-wise)."""

    dtype: pl.DataType = pl.String()

    def __call__(self, text: str):
        raise NotImplementedError

    def column(self, texts: pl.Expr) -> pl.Expr:
        return pl.lit(None, dtype=self.dtype)


class DateTimeParser(CellParser):
    """ISO 8601 with an offset, or a local time in one of the usual European layouts
    (read in the organisation's time zone)."""

    dtype = pl.Datetime("us", "UTC")

    def __call__(self, text: str) -> datetime:
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
                raise CellError("not a date and time (use 2026-05-12 14:30 or ISO 8601)") \
                    from None
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=organisation_timezone())
        return moment

    def column(self, texts: pl.Expr) -> pl.Expr:
        texts = pl.when(texts.str.contains(COLUMN_DATETIME_SHAPE)).then(texts)
        local = pl.coalesce([texts.str.to_datetime(layout, strict=False, time_unit="us")
                             for layout in COLUMN_LOCAL_FORMATS])
        # A local time that happens twice in autumn is the first (as Python's fold=0 reads
        # it); one that never happens in spring is left to the cell reader.
        local = local.dt.replace_time_zone(settings.TIME_ZONE, ambiguous="earliest",
                                           non_existent="null").dt.convert_time_zone("UTC")
        offset = [texts.str.to_datetime(layout, strict=False, time_unit="us")
                  .dt.convert_time_zone("UTC") for layout in COLUMN_OFFSET_FORMATS]
        return pl.coalesce([local, *offset])


class DateParser(CellParser):
    dtype = pl.Date()

    def __call__(self, text: str) -> date:
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

    def column(self, texts: pl.Expr) -> pl.Expr:
        return texts.str.to_date("%Y-%m-%d", strict=False)


class BoolParser(CellParser):
    dtype = pl.Boolean()

    def __call__(self, text: str) -> bool:
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise CellError("not yes or no (use true or false)")

    def column(self, texts: pl.Expr) -> pl.Expr:
        word = texts.str.to_lowercase()
        return (pl.when(word.is_in(list(TRUE_WORDS))).then(True)
                .when(word.is_in(list(FALSE_WORDS))).then(False))


class ScoreParser(CellParser):
    dtype = pl.Int64()

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def __call__(self, text: str) -> int:
        low, high = self.low, self.high
        try:
            number = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:
            raise CellError(f"not a number from {low} to {high}") from None
        if number != number.to_integral_value():
            raise CellError(f"not a whole number from {low} to {high}")
        if not low <= number <= high:
            raise CellError(f"out of range: the scale is {low} to {high}")
        return int(number)

    def column(self, texts: pl.Expr) -> pl.Expr:
        number = pl.when(texts.str.contains(r"^[0-9]{1,3}$")).then(
            texts.str.to_integer(strict=False))
        return pl.when(number.is_between(self.low, self.high)).then(number)


class ChoiceParser(CellParser):
    """``choices`` maps every accepted spelling (lower case) to the stored value."""

    def __init__(self, choices: dict[str, str], what: str):
        self.choices, self.what = choices, what

    def __call__(self, text: str) -> str:
        try:
            return self.choices[text.strip().lower()]
        except KeyError:
            known = ", ".join(sorted(set(self.choices.values())))
            raise CellError(f"unknown {self.what} (known: {known})") from None

    def column(self, texts: pl.Expr) -> pl.Expr:
        return texts.str.to_lowercase().replace_strict(self.choices, default=None,
                                                       return_dtype=pl.String)


class TextParser(CellParser):
    def __init__(self, max_length: int):
        self.max_length = max_length

    def __call__(self, text: str) -> str:
        if len(text) > self.max_length:
            raise CellError(f"longer than {self.max_length} characters")
        return text

    def column(self, texts: pl.Expr) -> pl.Expr:
        return pl.when(texts.str.len_chars() <= self.max_length).then(texts)


class EmailParser(CellParser):
    def __call__(self, text: str) -> str:
        try:
            validate_email(text)
        except ValidationError:
            raise CellError("not an e-mail address") from None
        return text

    def column(self, texts: pl.Expr) -> pl.Expr:
        return pl.when(texts.str.contains(PLAIN_EMAIL) & (texts.str.len_bytes() <= 254)) \
            .then(texts)


class AmountParser(CellParser):
    """A sum of money, not negative, with at most two decimals ("129.99", "129,99", "1 299"),
    as the decimal text the database stores exactly."""

    def __call__(self, text: str) -> str:
        try:
            number = Decimal(text.strip().replace(" ", "").replace("\u00a0", "")
                             .replace(",", "."))
        except InvalidOperation:
            raise CellError("not an amount (use 129.99)") from None
        if not number.is_finite() or number < 0:
            raise CellError("not an amount of money: negative or not a number")
        if number != number.quantize(Decimal("0.01")):
            raise CellError("more than two decimals")
        if number >= Decimal("1e10"):
            raise CellError("too large (at most 9,999,999,999.99)")
        return str(number.quantize(Decimal("0.01")))

    def column(self, texts: pl.Expr) -> pl.Expr:
        plain = texts.str.contains(r"^[0-9]{1,10}([.,][0-9]{1,2})?$")
        return pl.when(plain).then(texts.str.replace(",", ".", literal=True))


parse_datetime = DateTimeParser()
parse_date = DateParser()
parse_bool = BoolParser()
parse_email = EmailParser()
parse_amount = AmountParser()
score_parser = ScoreParser
choice_parser = ChoiceParser
text_parser = TextParser
