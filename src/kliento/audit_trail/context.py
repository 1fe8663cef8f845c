"""Who is acting and through which door, for every change recorded while it lasts.

A request names itself: simple_history's middleware keeps the request in a context variable
for its whole length, and the user is read from it only when a change is recorded — after
the API's token authentication has set ``request.user``. Work outside a request (an import,
a job, a command) says who it acts for with :func:`acting`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Source(models.TextChoices):
    PAGE = "page", _("Page")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    JOB = "job", _("Job")
    COMMAND = "command", _("Command line")
    CUSTOMER_LINK = "customer_link", _("Customer's link")
    SYSTEM = "system", _("System")


# The paths whose key is the link itself: the customer acts, not a member of staff.
CUSTOMER_LINK_PREFIXES = ("/s/", "/p/", "/u/")


@dataclass(frozen=True)
class Acting:
    source: str
    user: object | None = None


_acting: ContextVar[Acting | None] = ContextVar("kliento_audit_acting", default=None)


@contextmanager
def acting(source: str, user=None) -> Iterator[None]:
    """Changes made inside are recorded as made through ``source`` by ``user`` (None: by
    Kliento itself, e.g. a scheduled job)."""
    reset = _acting.set(Acting(source=source, user=user))
    try:
        yield
    finally:
        _acting.reset(reset)


def current_request():
    return getattr(HistoricalRecords.context, "request", None)


def current_source() -> str:
    if (explicit := _acting.get()) is not None:
        return explicit.source
    request = current_request()
    if request is None:
        return Source.SYSTEM
    if request.path.startswith("/api/"):
        return Source.API
    if request.path.startswith(CUSTOMER_LINK_PREFIXES):
        return Source.CUSTOMER_LINK
    return Source.PAGE


def current_actor():
    """The user a change is made by, or None (Kliento itself, or a customer's link)."""
    if (explicit := _acting.get()) is not None:
        return explicit.user
    request = current_request()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def current_token_prefix() -> str:
    """The API token's prefix when the request came with one (set by the API's token
    authentication), so an event tells which of a user's tokens acted."""
    return getattr(current_request(), "api_token_prefix", "")
