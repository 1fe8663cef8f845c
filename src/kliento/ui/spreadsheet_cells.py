"""Cells for files people open in a spreadsheet program: text that would start a formula
is written so that it is shown, never run (OWASP's rule against CSV injection).

Framework-free, so that every layer that writes a download (imports, analytics) can use it.
"""

from collections.abc import Iterable

# OWASP's list, plus the full-width forms some spreadsheet programs also read as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def formula_neutralised(value):
    """``value`` with a single quote before text that a spreadsheet would read as a formula.

    Only text is changed: a number (a negative NPS, say) is data and stays a number.

    >>> formula_neutralised("=HYPERLINK(\\"http://x\\")"), formula_neutralised(-5)
    ('\\'=HYPERLINK("http://x")', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row_neutralised(values: Iterable) -> list:
    return [formula_neutralised(value) for value in values]
