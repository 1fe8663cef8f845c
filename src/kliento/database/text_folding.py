"""Diacritics-insensitive search in text columns, the same on SQLite and PostgreSQL.

"siuntimas" finds the comment "Siuntimas vėlavo", "zuolaite" the customer "Žuolaitė", "иванова"
the customer "ИВАНОВА": the column and the words asked for are folded alike — accents of the
product's languages stripped, letters lowered. PostgreSQL folds with one built-in
``translate()`` (no ``unaccent`` extension to install); SQLite, whose ``lower()`` knows only
ASCII, calls :func:`folded` itself, registered on each connection. No stored column: the demo's
and the imports' bulk loaders need not know about it.
"""

import functools

from django.db.models import Func, TextField

# One letter for one letter, so that PostgreSQL's translate() can apply the table: the
# accents of Lithuanian, Latvian and Polish, and the commonest Western European ones.
_PAIRS = (
    ("ą", "a"), ("ā", "a"), ("á", "a"), ("à", "a"), ("â", "a"), ("ä", "a"),
    ("č", "c"), ("ć", "c"), ("ç", "c"),
    ("ę", "e"), ("ė", "e"), ("ē", "e"), ("é", "e"), ("è", "e"), ("ê", "e"), ("ë", "e"),
    ("ģ", "g"), ("į", "i"), ("ī", "i"), ("í", "i"), ("ï", "i"), ("ķ", "k"),
    ("ļ", "l"), ("ł", "l"), ("ņ", "n"), ("ń", "n"), ("ñ", "n"),
    ("ó", "o"), ("ö", "o"), ("ô", "o"), ("õ", "o"),
    ("š", "s"), ("ś", "s"), ("ų", "u"), ("ū", "u"), ("ú", "u"), ("ü", "u"),
    ("ž", "z"), ("ź", "z"), ("ż", "z"), ("ё", "е"),
)
_CYRILLIC_CAPITALS = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"


@functools.cache
def _fold_table() -> dict[str, str]:
    """Capitals too: a database's lower() may know only ASCII (SQLite's, or PostgreSQL's
    in the C locale)."""
    table = dict(_PAIRS)
    table |= {accented.upper(): plain for accented, plain in _PAIRS}
    table |= {capital: capital.lower() for capital in _CYRILLIC_CAPITALS}
    return table


def folded(text: str | None) -> str | None:
    """``text`` as it is folded for search: accents stripped, lowered.

    >>> folded("Siuntimą VĖLAVO, Łódź")
    'siuntima velavo, lodz'
    """
    if text is None:
        return None
    return text.translate(str.maketrans(_fold_table())).lower()


def folded_sql(column: str) -> str:
    """The SQL folding ``column`` on PostgreSQL (and in the trigram indexes on it)."""
    table = _fold_table()
    return (f"LOWER(TRANSLATE({column}, '{''.join(table)}', "
            f"'{''.join(table.values())}'))")


class Folded(Func):
    """The database's fold of a text column, equal to :func:`folded` of its value."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=folded_sql("%(expressions)s"),
                              **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="kliento_folded", **extra)


def sqlite_fold_register(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the ``kliento_folded`` function (connection_created)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("kliento_folded", 1, folded, deterministic=True)
