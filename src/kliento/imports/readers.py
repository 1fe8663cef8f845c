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
from collections.abc import Iterator
from pathlib import Path

from python_calamine import CalamineWorkbook

SAMPLE_BYTES = 256 * 1024

# The legacy code pages of our users' languages, and the letters each one exists to write.
# Which one a file is in shows in how many of its letters are native to it (decoding a
# Lithuanian file as Windows-1250 gives "Jűratë", letters no Lithuanian or Pole writes).
LEGACY_ENCODINGS = {
    "cp1257": set("ąčęėįšųūžĄČĘĖĮŠŲŪŽāēģīķļņōŗĀĒĢĪĶĻŅŌŖ"),
    "cp1250": set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"),
    "cp1251": set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
}


class UnreadableFile(Exception):
    """The file cannot be read at all (exit code 2): wrong format, encoding, or empty."""


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise the legacy code
    page in which the text reads most like Lithuanian, Latvian, Polish or Russian."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A sample may cut a multi-byte character in two at its very end.
        if error.start < len(sample) - 4:
            return _best_legacy_encoding(sample)
    return "utf-8"


def _best_legacy_encoding(sample: bytes) -> str:
    def score(encoding: str) -> float:
        text = sample.decode(encoding, errors="replace")
        foreign = [c for c in text if ord(c) > 127]
        native = sum(c in LEGACY_ENCODINGS[encoding] for c in foreign)
        return native - 3 * (len(foreign) - native)

    return max(LEGACY_ENCODINGS, key=score)


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
    if fmt == "jsonl":
        return _jsonl_rows(path, encoding)
    return _csv_rows(path, encoding, delimiter)


def _csv_rows(path: Path, encoding: str | None, delimiter: str | None):
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
    if not sample.strip():
        raise UnreadableFile(f"{path.name}: the file is empty")
    encoding = encoding or detect_encoding(sample)
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
        try:
            for row in reader:
                if not "".join(row).strip():  # a blank line, or only delimiters
                    continue
                yield reader.line_num, dict(zip(header, row, strict=False))
        except UnicodeDecodeError as error:
            raise UnreadableFile(
                f"{path.name} is not {encoding} after line {reader.line_num}: {error}; "
                "give --encoding") from error


def _xlsx_rows(path: Path):
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    except Exception as error:  # calamine raises its own types for every kind of bad file
        raise UnreadableFile(f"{path.name} is not a readable spreadsheet: {error}") from error
    rows = sheet.iter_rows()
    try:
        header = [str(cell).strip() for cell in next(rows)]
    except StopIteration:
        return
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
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                yield line, {"__error__": f"not valid JSON: {error.msg}"}
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
