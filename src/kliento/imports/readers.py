"""Reading import files as a stream of rows: CSV (any delimiter, BOM or not, UTF-8 or the
legacy code pages our users have), XLSX and JSON Lines.

Every reader yields ``(line, row)`` with the line a person sees when opening the file (the
header is line 1), so that an error can point at it. Nothing is read whole into memory:
CSV and JSON Lines stream, XLSX streams row by row through calamine.
"""

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

from python_calamine import CalamineWorkbook

from kliento.imports.code_pages import EncodingUnclear, detect_encoding
from kliento.imports.xlsx_limits import SpreadsheetTooLarge, xlsx_check_limits

SAMPLE_BYTES = 256 * 1024
# What a file that is not text starts with, for a message that says what it is instead.
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Office file (.xls or .doc)",
    b"\x1f\x8b": "a gzip archive",
}
SPREADSHEET_SIGNATURES = {b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}

class UnreadableFile(Exception):
    """The file cannot be read at all (exit code 2): wrong format, encoding, or empty."""


class EncodingToChoose(UnreadableFile):
    """Two code pages read the file plausibly: the person importing it chooses
    (``--encoding``, or on the upload page) rather than have names garbled by a guess."""

    def __init__(self, message: str, candidates: list[tuple[str, str]]):
        super().__init__(message)
        self.candidates = candidates  # (encoding, a word as it reads in that encoding)


def file_format(path: Path, given: str | None = None) -> str:
    if given:
        return given
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls", ".ods"}:
        return "xlsx"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    return "csv"


def read_rows(path: Path, *, fmt: str | None = None, encoding: str | None = None,
              delimiter: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    fmt = file_format(path, fmt)
    if not path.exists():
        raise UnreadableFile(f"{path}: no such file")
    if fmt == "xlsx":
        return _xlsx_rows(path)
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
    if sample.startswith(b"PK\x03\x04") and _is_workbook(path):
        return _xlsx_rows(path)  # a spreadsheet saved under a text file's name
    _refuse_binary(path, sample, encoding)
    if fmt == "jsonl":
        return _jsonl_rows(path, encoding)
    return _csv_rows(path, sample, encoding, delimiter)


def _is_workbook(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _refuse_binary(path: Path, sample: bytes, encoding: str | None) -> None:
    """Text files hold no NUL bytes (but UTF-16 ones, which say so by their mark)."""
    for signature, what in SIGNATURES.items():
        if sample.startswith(signature):
            raise UnreadableFile(f"{path.name} is {what}, not a CSV or JSON Lines file")
    wide = (encoding or "").lower().replace("_", "-").startswith(("utf-16", "utf-32")) or (
        sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)))
    if b"\x00" in sample and not wide:
        raise UnreadableFile(
            f"{path.name} holds NUL bytes: it is a binary file, not text (or UTF-16 text "
            "without its byte order mark: save it as UTF-8)")


def _csv_rows(path: Path, sample: bytes, encoding: str | None, delimiter: str | None):
    if not sample.strip():
        raise UnreadableFile(f"{path.name}: the file is empty")
    if not encoding:
        try:
            encoding = detect_encoding(sample)
        except EncodingUnclear as unclear:
            raise EncodingToChoose(
                f"{path.name}: the encoding cannot be told for sure — it reads as "
                f"{unclear}; give --encoding "
                + " or --encoding ".join(unclear.candidates), unclear.readings) from unclear
    if encoding.replace("_", "-").lower() in {"utf-8", "utf8"} and sample.startswith(
            codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    try:
        text_sample = sample.decode(encoding, errors="ignore")
    except LookupError as error:
        raise UnreadableFile(f"unknown encoding {encoding!r}") from error
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text_sample.split("\n", 20)[0] + "\n",
                                            delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    return _csv_stream(path, encoding, delimiter)


def _csv_stream(path: Path, encoding: str, delimiter: str):
    with path.open(encoding=encoding, errors="strict", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            raise UnreadableFile(f"{path.name} is not {encoding}: {error}") from error
        except csv.Error as error:
            raise UnreadableFile(_csv_error_reason(path, reader.line_num, error)) from error
        try:
            for row in reader:
                if not "".join(row).strip():  # a blank line, or only delimiters
                    continue
                yield reader.line_num, dict(zip(header, row, strict=False))
        except UnicodeDecodeError as error:
            raise UnreadableFile(
                f"{path.name} is not {encoding} after line {reader.line_num}: {error}; "
                "give --encoding") from error
        except csv.Error as error:
            raise UnreadableFile(_csv_error_reason(path, reader.line_num, error)) from error


def _csv_error_reason(path: Path, line: int, error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return (f"{path.name}, line {line}: a field is longer than "
                f"{csv.field_size_limit():,} characters (a quote that is never closed?)")
    return f"{path.name}, line {line}: not valid CSV: {error}"


def _xlsx_rows(path: Path):
    with path.open("rb") as raw:
        head = raw.read(16)
    for signature, what in SIGNATURES.items():
        if head.startswith(signature) and signature not in SPREADSHEET_SIGNATURES:
            raise UnreadableFile(f"{path.name} is {what}, not a spreadsheet")
    if head.startswith(b"PK\x03\x04"):
        # Before calamine builds the sheet as a grid: see xlsx_limits.
        try:
            xlsx_check_limits(path)
        except SpreadsheetTooLarge as error:
            raise UnreadableFile(f"{path.name} is too large to read: {error}") from error
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, NotImplementedError,
                EOFError, OSError) as error:
            raise UnreadableFile(f"{path.name} is not a readable spreadsheet: {error}") from error
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.iter_rows()
        header = [str(cell).strip() for cell in next(rows)]
    except StopIteration:
        return
    except Exception as error:  # calamine raises its own types for every kind of bad file
        raise UnreadableFile(f"{path.name} is not a readable spreadsheet: {error}") from error
    for line, row in enumerate(rows, start=2):
        values = ["" if cell is None else _cell_text(cell) for cell in row]
        if any(value.strip() for value in values):
            yield line, dict(zip(header, values, strict=False))


def _cell_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return cell.isoformat()
    return str(cell)


def _jsonl_rows(path: Path, encoding: str | None):
    with path.open(encoding=encoding or "utf-8-sig") as handle:
        try:
            yield from _jsonl_records(handle)
        except UnicodeDecodeError as error:
            raise UnreadableFile(f"{path.name} is not {encoding or 'UTF-8'}: {error}; JSON "
                                 "Lines files are UTF-8") from error


def _jsonl_records(handle):
    for line, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            yield line, {"__error__": f"not valid JSON: {error.msg}"}
            continue
        except (ValueError, RecursionError) as error:  # 5,000-digit numbers, deep nesting
            yield line, {"__error__": f"not valid JSON: {error}"}
            continue
        if not isinstance(record, dict):
            yield line, {"__error__": "each line must be a JSON object"}
            continue
        yield line, {key: "" if value is None else
                     (value if isinstance(value, str) else json.dumps(value)
                      if isinstance(value, (dict, list)) else str(value))
                     for key, value in record.items()}


def csv_text(rows: list[dict[str, str]], columns: list[str]) -> str:
    """A small CSV in memory (the downloadable template)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
