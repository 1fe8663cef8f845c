"""The column-wise readers must agree with the cell readers wherever they accept a cell:
same value, and never a cell the cell reader refuses (those rows go to the cell reader)."""

from datetime import UTC, datetime

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kliento.imports.fields import (
    CellError,
    ChoiceParser,
    ScoreParser,
    TextParser,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_email,
)

PARSERS = {
    "datetime": parse_datetime, "date": parse_date, "bool": parse_bool,
    "email": parse_email, "score": ScoreParser(0, 10), "text": TextParser(5),
    "choice": ChoiceParser({"phone": "phone", "telefonas": "phone", "e-mail": "email"},
                           "channel"),
}

# Cells shaped like what each column meets, and near misses of them.
CELLS = st.one_of(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)).flatmap(
        lambda moment: st.sampled_from([
            moment.strftime("%Y-%m-%d %H:%M:%S"), moment.strftime("%Y-%m-%dT%H:%M"),
            moment.strftime("%Y-%m-%d %H:%M"), moment.strftime("%Y-%m-%d"),
            moment.strftime("%d.%m.%Y %H:%M"), moment.isoformat(timespec="seconds"),
            moment.replace(tzinfo=UTC).isoformat(timespec="seconds"),
            moment.strftime("%Y-%m-%dT%H:%M:%S+02:00"), moment.strftime("%Y-%m-%d %H:%M:60"),
            moment.strftime("%Y-%m-%dT%H:%M:%S.%f")])),
    st.integers(-20, 1200).map(str),
    st.sampled_from(["7,0", "7.5", "+7", "07", "१", "true", "Taip", "nē", "maybe", "PHONE",
                     "Telefonas", "e-mail", "fax", "a@b.lt", "rasa.p@example.lt",
                     "jūratė@example.lt", "a..b@example.lt", "x@localhost", "a@b.c",
                     "first.last+tag@mail.example.co.uk", "2026-02-30", "2026-13-01",
                     "2026-03-29 03:30", "2026-10-25 03:30"]),
    st.text(min_size=1, max_size=12).map(str.strip).filter(bool),
)


def cell_value(parser, text: str):
    try:
        value = parser(text)
    except CellError:
        return "refused"
    return value.astimezone(UTC) if isinstance(value, datetime) else value


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=300, deadline=None)
@given(texts=st.lists(CELLS, min_size=1, max_size=20))
def test_the_column_reading_accepts_only_what_the_cell_reading_accepts_and_agrees(name, texts):
    parser = PARSERS[name]
    read = pl.select(parser.column(pl.lit(pl.Series(texts, dtype=pl.String))).alias("v"))["v"]
    for text, value in zip(texts, read.to_list(), strict=True):
        if value is not None:
            assert cell_value(parser, text) == value, (name, text)


def test_the_column_reading_covers_the_template_spellings():
    texts = pl.Series(["2026-05-12 09:00", "2026-05-12T09:00:00+03:00"])
    read = pl.select(parse_datetime.column(pl.lit(texts)).alias("v"))["v"].to_list()
    assert read == [datetime(2026, 5, 12, 6, 0, tzinfo=UTC)] * 2
    assert pl.select(ScoreParser(0, 10).column(pl.lit(pl.Series(["9", "11"]))))\
        .to_series().to_list() == [9, None]
