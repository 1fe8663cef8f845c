"""Writes for accounts: personal API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from kliento.accounts.models import ApiToken, User
from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record

TOKEN_BYTES = 32  # 256 random bits
# Reads must not write on every request: the last use is recorded at most this often.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _secret() -> str:
    # A secret starting with "-" would make its bare prefix read as an option on the command
    # line (`kliento api-token revoke -Ab3…`), so such draws are thrown back (1 in 64).
    while (secret := secrets.token_urlsafe(TOKEN_BYTES)).startswith("-"):
        pass
    return secret


def api_token_create(*, user: User, name: str = "",
                     role: Group | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; the plaintext is returned here once and never stored. With
    ``role``, the token acts with at most that role's permissions (see ``User.token_scope``)."""
    raw = ApiToken.SCHEME + _secret()
    token = ApiToken(user=user, name=name.strip(), role=role,
                     prefix=raw[len(ApiToken.SCHEME):][:ApiToken.PREFIX_LENGTH],
                     digest=_digest(raw))
    token.full_clean()
    token.save()
    audit_event_record(AuditEvent.Action.TOKEN_CREATED, obj=token,
                       detail={"user": user.get_username(), "name": token.name,
                               "role": role.name if role else None})
    return token, raw


def api_token_revoke(token: ApiToken) -> ApiToken:
    """Stop the token working; the row stays, so lists still show who had what."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_user(raw: str) -> User | None:
    """The active user a token belongs to, or None for an unknown, revoked or malformed one.
    A token scoped to a role returns its user with ``token_scope`` set to the role's
    permissions, so that every check made for this request is bounded by them.

    The lookup is by digest, so no comparison ever runs on the secret itself and timing tells
    an attacker nothing about how close a guess was.
    """
    if not raw.startswith(ApiToken.SCHEME):
        return None
    token = (ApiToken.objects.select_related("user", "role")
             .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
             .first())
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # One column, without touching the rest of the row a concurrent revoke may change.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    if token.role is not None:
        token.user.token_scope = frozenset(
            f"{app_label}.{codename}" for app_label, codename in
            token.role.permissions.values_list("content_type__app_label", "codename"))
    return token.user
