"""Checking an XLSX file's size before a spreadsheet reader builds it.

calamine, like every reader that hands a sheet over as a grid, allocates every cell from A1
to the farthest cell with a value: a 1.5 KB file with one value in ``XFD1048576`` asks for
17 billion cells (550 GB) and aborts the process. So the archive and its sheets are looked
at first, streaming and within bounds: the archive's sizes (a zip bomb is refused by its
declared sizes and again by the bytes it really inflates to), each sheet's declared
``<dimension>``, and the farthest row and column that hold a value.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 1_024
MAX_CELLS = 20_000_000  # rows × columns of the grid: about 640 MB in calamine
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3
MAX_COMPRESSION_RATIO = 250  # text XML compresses 10–30 times; bombs 1,000 times and more
RATIO_CHECKED_FROM_BYTES = 1024**2  # a tiny part may compress oddly well

CHUNK_BYTES = 1024**2
OVERLAP_BYTES = 2048  # longer than any tag looked for, so none is cut in two unseen

_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
# A cell with a value: a self-closing <c …/> only carries a style, and readers skip it.
_CELL_WITH_REF = re.compile(
    rb"<(?:[\w.-]+:)?c\s[^>]{0,400}?\br\s*=\s*[\"']\$?([A-Z]{1,3})\$?([0-9]{1,7})[\"']"
    rb"[^>]{0,400}?(?<!/)>")
_ANY_CELL = re.compile(rb"<(?:[\w.-]+:)?c(?:\s[^>]{0,800}?)?(?<!/)>")
_ROW_OR_CELL = re.compile(rb"<(?:[\w.-]+:)?(row|c)(\s[^>]{0,800}?)?(/?)>")
_REF_ATTRIBUTE = re.compile(rb"\br\s*=\s*[\"']\$?([A-Z]{0,3})\$?([0-9]{0,7})[\"']")
_AREA = re.compile(r"^\$?([A-Z]{1,3})?\$?([0-9]{1,7})?(?::\$?([A-Z]{1,3})?\$?([0-9]{1,7})?)?$")


class SpreadsheetTooLarge(Exception):
    """The file asks for more than can safely be read; the message says what and how much."""


@dataclass(frozen=True)
class SheetExtent:
    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_number(letters: str) -> int:
    """>>> column_number("XFD")
    16384
    """
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def xlsx_check_limits(path: Path) -> None:
    """Raise ``SpreadsheetTooLarge`` unless every sheet of ``path`` fits the limits above,
    ``zipfile.BadZipFile`` when it is not an archive at all, and ``ValueError`` when the
    archive holds no workbook (a ZIP file that is not a spreadsheet)."""
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names:
            raise ValueError("it is a ZIP archive, not an XLSX workbook")
        declared = sum(member.file_size for member in members)
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise SpreadsheetTooLarge(
                f"it unpacks to {declared:,} bytes; at most {MAX_UNCOMPRESSED_BYTES:,} can be "
                "read")
        for member in members:
            ratio = member.file_size // max(member.compress_size, 1)
            if member.file_size >= RATIO_CHECKED_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
                raise SpreadsheetTooLarge(
                    f"{member.filename} unpacks {ratio:,} times larger than it is packed (a zip "
                    f"bomb?); at most {MAX_COMPRESSION_RATIO} times can be read")
        sheets = [member for member in members
                  if member.filename.startswith("xl/worksheets/")
                  and member.filename.endswith(".xml")]
        for sheet in sheets:
            _check_extent(sheet.filename, _sheet_extent(archive, sheet))


def _check_extent(name: str, extent: SheetExtent) -> None:
    if extent.rows > MAX_ROWS:
        raise SpreadsheetTooLarge(f"{name} reaches row {extent.rows:,}; at most {MAX_ROWS:,} "
                                  "rows can be read")
    if extent.columns > MAX_COLUMNS:
        raise SpreadsheetTooLarge(f"{name} reaches column {extent.columns:,}; at most "
                                  f"{MAX_COLUMNS:,} columns can be read")
    if extent.cells > MAX_CELLS:
        raise SpreadsheetTooLarge(
            f"{name} spans {extent.rows:,} rows × {extent.columns:,} columns "
            f"({extent.cells:,} cells); at most {MAX_CELLS:,} cells can be read")


def _sheet_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> SheetExtent:
    """The farthest row and column of the sheet, from its declared dimension and from its
    cells with a value. Inflates at most the member's declared size (``zipfile`` stops
    there and fails the CRC of a member that lies about it)."""
    rows = columns = cells = referenced = 0
    tail = b""
    with archive.open(member) as stream:
        first = True
        while True:
            chunk = stream.read(CHUNK_BYTES)
            buffer = tail + chunk
            final = not chunk
            if first and (dimension := _DIMENSION.search(buffer)):
                rows, columns = _area_extent(dimension.group(1).decode("ascii", "replace"))
                _check_extent(member.filename + " (its declared dimension)",
                              SheetExtent(rows, columns))
                first = False
            # Only tags that start before the overlap are taken now; the rest come again,
            # whole, at the start of the next buffer.
            end = len(buffer) if final else max(len(buffer) - OVERLAP_BYTES, 0)
            found = [match for match in _CELL_WITH_REF.finditer(buffer) if match.start() < end]
            if found:
                rows = max(rows, max(int(match.group(2)) for match in found))
                columns = max(columns, max(column_number(match.group(1).decode())
                                           for match in found))
                referenced += len(found)
            cells += sum(1 for match in _ANY_CELL.finditer(buffer) if match.start() < end)
            _check_extent(member.filename, SheetExtent(rows, columns))
            if cells > MAX_CELLS:
                raise SpreadsheetTooLarge(f"{member.filename} holds more than {MAX_CELLS:,} "
                                          "cells")
            if final:
                break
            tail = buffer[end:]
    if cells > referenced:
        # Some cells give no position: they follow the one before, so count them in order.
        positioned = _positional_extent(archive, member)
        return SheetExtent(max(rows, positioned.rows), max(columns, positioned.columns))
    return SheetExtent(rows, columns)


def _positional_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> SheetExtent:
    """The extent of a sheet whose rows or cells may omit their ``r`` attribute: a row
    without one follows the row before it, a cell without one the cell before it."""
    rows = columns = row = column = 0
    tail = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            buffer = tail + chunk
            final = not chunk
            end = len(buffer) if final else max(len(buffer) - OVERLAP_BYTES, 0)
            consumed = end
            for match in _ROW_OR_CELL.finditer(buffer):
                if match.start() >= end:
                    consumed = match.start()
                    break
                attributes = match.group(2) or b""
                ref = _REF_ATTRIBUTE.search(attributes)
                if match.group(1) == b"row":
                    row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                    column = 0
                    continue
                if ref and ref.group(1):
                    column = column_number(ref.group(1).decode())
                    if ref.group(2):
                        row = max(row, int(ref.group(2)))
                else:
                    column += 1
                if not match.group(3):  # a cell that may hold a value
                    rows, columns = max(rows, row), max(columns, column)
            _check_extent(member.filename, SheetExtent(rows, columns))
            if final:
                break
            tail = buffer[consumed:]
    return SheetExtent(rows, columns)


def _area_extent(ref: str) -> tuple[int, int]:
    """Rows and columns up to the far corner of an area such as ``A1:XFD1048576``; an area
    that cannot be read counts for nothing (the cells are checked anyway)."""
    match = _AREA.match(ref.strip().upper())
    if not match:
        return 0, 0
    letters = match.group(3) or match.group(1) or ""
    digits = match.group(4) or match.group(2) or ""
    return (int(digits) if digits else 0), (column_number(letters) if letters else 0)
