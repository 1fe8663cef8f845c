"""Diacritics-insensitive search in comments: the folding now lives in
:mod:`kliento.database.text_folding`, shared with the customer search; these names stay
importable for the surveys app and its migration 0007."""

from kliento.database.text_folding import (  # noqa: F401
    Folded,
    folded,
    folded_sql,
    sqlite_fold_register,
)
