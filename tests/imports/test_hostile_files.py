"""Hostile files are refused, never fatal: a spreadsheet that asks for a huge grid, a zip
bomb, an image or a PDF under a CSV's name, a field that never ends, a NUL or a lone
surrogate in a row — and a reader that dies fails its import, not the worker."""

import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kliento.customers.models import Customer
from kliento.imports import reading_process
from kliento.imports.models import ImportRun
from kliento.imports.readers import UnreadableFile, read_rows
from kliento.imports.services import import_run_execute, import_run_start
from tests.factories import UserFactory

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main">')


def xlsx(path: Path, sheet_inner: str) -> Path:
    """A minimal workbook whose first sheet's XML is ``sheet_inner``."""
    main = "http://schemas.openxmlformats.org"
    relationship = f"{main}/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            f'<?xml version="1.0"?><Types xmlns="{main}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
            'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-office'
            'document.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<?xml version="1.0"?><Relationships xmlns="{main}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{relationship}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0"?><workbook xmlns="{main}/spreadsheetml/2006/main" '
            f'xmlns:r="{relationship}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0"?><Relationships xmlns="{main}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{relationship}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'))
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + sheet_inner + "</worksheet>")
    return path


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_ROW = f'<row r="1">{cell("A1", "external_id")}{cell("B1", "full_name")}</row>'
FIRST_ROW = f'<row r="2">{cell("A2", "C-1")}{cell("B2", "Jūratė")}</row>'


def exit_code(*args) -> int:
    with pytest.raises(SystemExit) as stopped:
        call_command("import", *args)
    return stopped.value.code


def test_xlsx_declaring_huge_dimension_is_refused_without_allocating(tmp_path):
    hostile = xlsx(tmp_path / "dimension.xlsx",
                   f'<dimension ref="A1:XFD1048576"/><sheetData>{HEADER_ROW}{FIRST_ROW}'
                   "</sheetData>")
    with pytest.raises(UnreadableFile, match=r"declared dimension.*column 16,384"):
        list(read_rows(hostile))


def test_xlsx_with_a_value_in_the_last_cell_is_refused_without_allocating(tmp_path):
    # The file: 1.5 KB, one value in XFD1048576. Read here, in the test's own
    # process: were it handed to calamine, the 550 GB grid would abort the test run.
    hostile = xlsx(tmp_path / "far-cell.xlsx",
                   f'<sheetData>{HEADER_ROW}<row r="1048576">{cell("XFD1048576", "x")}</row>'
                   "</sheetData>")
    assert hostile.stat().st_size < 2_000
    with pytest.raises(UnreadableFile, match="column 16,384; at most 1,024 columns"):
        list(read_rows(hostile))


def test_xlsx_cells_without_positions_are_counted_in_order(tmp_path):
    # Cells may omit their r attribute and follow the one before: 2,000 of them in a row.
    row = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 2_000 + "</row>"
    hostile = xlsx(tmp_path / "unnumbered.xlsx", f"<sheetData>{row}</sheetData>")
    with pytest.raises(UnreadableFile, match=r"reaches column 1,\d{3}; at most 1,024 columns"):
        list(read_rows(hostile))


def test_xlsx_styled_empty_cells_far_away_do_not_refuse_the_file(tmp_path):
    # A style without a value is skipped by the reader, so it does not count either.
    sheet = xlsx(tmp_path / "styled.xlsx",
                 f'<sheetData>{HEADER_ROW}{FIRST_ROW}<row r="1048576"><c r="XFD1048576" '
                 's="1"/></row></sheetData>')
    assert list(read_rows(sheet)) == [(2, {"external_id": "C-1", "full_name": "Jūratė"})]


def test_xlsx_zip_bomb_is_refused_before_inflating(tmp_path):
    padding = " " * (8 * 1024**2)  # 8 MB of spaces packs into about 8 KB
    bomb = xlsx(tmp_path / "bomb.xlsx", f"<sheetData>{HEADER_ROW}</sheetData>{padding}")
    assert bomb.stat().st_size < 100_000
    with pytest.raises(UnreadableFile, match="times larger than it is packed"):
        list(read_rows(bomb))


def test_zip_that_is_not_a_workbook_is_unreadable(tmp_path):
    archive = tmp_path / "holiday.xlsx"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("photo.txt", "not a sheet")
    with pytest.raises(UnreadableFile, match="a ZIP archive, not an XLSX workbook"):
        list(read_rows(archive))


@pytest.mark.django_db
@pytest.mark.parametrize("content, what", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive"),
    (b"external_id,full_name\nC-1,Ona\x00\x00\x01\x02\n", "NUL bytes"),
])
def test_binary_files_are_unreadable_not_rows_with_missing_columns(tmp_path, capsys, content,
                                                                   what):
    binary = tmp_path / "customers.csv"
    binary.write_bytes(content)
    assert exit_code("customers", str(binary)) == 2
    assert what in capsys.readouterr().err
    assert not Customer.objects.exists()


@pytest.mark.django_db
def test_utf16_text_with_its_mark_is_read_not_refused_as_binary(tmp_path):
    # Excel's "Unicode text" export: UTF-16 with a byte order mark, tab-separated.
    text = tmp_path / "customers.txt"
    text.write_bytes("external_id\tfull_name\nC-1\tJūratė Ąžuolaitė\n".encode("utf-16"))
    assert exit_code("customers", str(text), "--format", "csv") == 0
    assert Customer.objects.get().full_name == "Jūratė Ąžuolaitė"


@pytest.mark.django_db
def test_an_over_long_csv_field_fails_the_import_with_a_reason(tmp_path, capsys):
    unclosed = tmp_path / "customers.csv"
    unclosed.write_text('external_id,full_name\nC-1,"Ona\n' + "x" * 200_000 + "\n",
                        encoding="utf-8")
    assert exit_code("customers", str(unclosed)) == 2
    assert "line 3: a field is longer than 131,072 characters" in capsys.readouterr().err
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and "a quote that is never closed" in (
        run.failure)


@pytest.mark.django_db
def test_nul_or_lone_surrogate_in_a_row_refuses_the_row_with_the_column_named(tmp_path):
    lines = tmp_path / "customers.jsonl"
    lines.write_text("\n".join(json.dumps(record) for record in [
        {"external_id": "C-1", "full_name": "Ona"},
        {"external_id": "C-2", "full_name": "Jūratė\u0000"},
        {"external_id": "C-3", "full_name": "Jūratė\ud800"},
    ]) + "\n", encoding="utf-8")
    run = import_run_start(kind="customers", file_name=lines.name, stored_file=str(lines))
    report = import_run_execute(run, lines, rejects_path=tmp_path / "refused.csv")
    assert (report.imported, report.rejected) == (1, 2)
    assert [(p.line, p.column, p.reason) for p in report.problems] == [
        (2, "full_name", "contains a NUL character: binary data, not text"),
        (3, "full_name", "contains a lone surrogate (half of a character), not text")]
    assert [p.value for p in report.problems] == ["Jūratė\\x00", "Jūratė\\ud800"]
    assert list(Customer.objects.values_list("external_id", flat=True)) == ["C-1"]
    assert "C-3" in (tmp_path / "refused.csv").read_text(encoding="utf-8-sig")


@pytest.mark.django_db
def test_a_reader_that_crashes_fails_its_run_and_the_worker_lives_on(
        client, settings, tmp_path, monkeypatch, channels):
    """A real crash: a grid within the limits (40 columns × 500,000 rows) whose 640 MB
    calamine cannot get under a 300 MB cap, so the reader process aborts (SIGABRT)."""
    settings.TASKS = IMMEDIATE  # the job runs here, as the worker would run it
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(reading_process, "MEMORY_LIMIT_BYTES", 300 * 1024**2)
    sheet = xlsx(tmp_path / "grid.xlsx", f'<sheetData>{HEADER_ROW}{FIRST_ROW}'
                 f'<row r="500000">{cell("AN500000", "x")}</row></sheetData>')
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    client.post(reverse("imports:list"), {
        "kind": "customers", "preset": "kliento",
        "file": SimpleUploadedFile("grid.xlsx", sheet.read_bytes())})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "reader was stopped by SIGABRT" in run.failure
    assert "memory allocation" in run.failure
    assert run.finished_at is not None and not Customer.objects.exists()


@pytest.mark.django_db
def test_a_run_that_stops_on_an_unexpected_error_is_failed_not_running_for_ever(tmp_path):
    rows = tmp_path / "customers.csv"
    rows.write_text("external_id,full_name\nC-1,Ona\nC-2,\n", encoding="utf-8")
    run = import_run_start(kind="customers", file_name=rows.name, stored_file=str(rows))
    # The refused row's file cannot be written: a folder that is not there.
    with pytest.raises(FileNotFoundError):
        import_run_execute(run, rows, rejects_path=tmp_path / "missing" / "refused.csv")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.failure.startswith("the import stopped: FileNotFoundError")
