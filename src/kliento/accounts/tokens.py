"""Invitation tokens: 256 random bits in the link, their SHA-256 digest in the database.

A fast hash is right here (unlike for passwords): the token is random and long, so there is
nothing to guess, and a leaked database does not leak working links.
"""

import hashlib
import secrets

TOKEN_BYTES = 32


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
