"""CSV and XLSX downloads of exactly what the explore table shows, with the intervals."""

import csv
import io

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font

from kliento.analytics.explore import COLUMNS, ExploreTable, cell
from kliento.ui.spreadsheet_cells import row_neutralised


def _header() -> list[str]:
    header = ["bucket", "group"]
    for column in COLUMNS:
        header.append(str(column.title))
        if column.kind == "estimate":
            header += [f"{column.title} low", f"{column.title} high", f"{column.title} n"]
    # How many anonymous answers each row left out: fewer than the company's smallest group.
    header.append(gettext("Anonymous answers hidden (too few to show)"))
    return header


def _records(table: ExploreTable):
    for row in table.rows:
        record = [row.bucket.isoformat() if row.bucket else "", table.label(row)]
        for column in COLUMNS:
            shown = cell(row, column)
            record.append(shown["raw"])
            if column.kind == "estimate":
                record += [shown.get("low"), shown.get("high"), shown.get("n")]
        record.append(row.anonymous_left_out or None)
        # Labels are names people typed (teams, agents, locations): shown, never run.
        yield row_neutralised(record)


def table_as_csv(table: ExploreTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header())
    writer.writerows(_records(table))
    # A BOM lets spreadsheet programs open ą, š, ž and Cyrillic correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_as_xlsx(table: ExploreTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kliento"
    sheet.append(_header())
    for header_cell in sheet[1]:
        header_cell.font = Font(bold=True)
    for record in _records(table):
        sheet.append(record)
        for written in sheet[sheet.max_row]:
            if isinstance(written.value, str):
                written.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
