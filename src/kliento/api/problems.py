"""The one shape of a refused request: a JSON object whose ``detail`` says in words what is
wrong — as ninja's own errors (``HttpError``, a 404, a 401) answer — plus what a client may
act on: a ``code`` to branch on, the messages by field, the record that already exists.

Each app's schemas say which extras its answers carry; these build the bodies.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status


class Problem(Schema):
    detail: str


class CodedProblem(Schema):
    """A refusal a client can branch on by ``code``. (Not a subclass of :class:`Problem`:
    the OpenAPI document lists ``code`` first, as it always has.)"""

    code: str
    detail: str


def problem(status: int, error: ValidationError | Exception | str, **extra) -> Status:
    """Refuse with ``status``: ``detail`` is the error's messages, or its ``message``, or
    its text; ``extra`` (a ``code``, the existing record's id…) is added as given."""
    if isinstance(error, ValidationError):
        detail = " ".join(error.messages)
    else:
        detail = getattr(error, "message", str(error))
    return Status(status, {"detail": detail, **extra})


def field_problem(error: ValidationError, status: int = 422) -> Status:
    """Refuse with the messages by field in ``errors`` (for a form to show each by its
    input), and all of them, each after its field's name, in ``detail``."""
    errors = error.message_dict
    detail = " ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
    return Status(status, {"detail": detail, "errors": errors})


def request_too_large(request: HttpRequest, exc: RequestDataTooBig, *,
                      api: NinjaAPI) -> HttpResponse:
    """413 in the API's shape, where Django would answer an HTML 400: the body is larger
    than ``DATA_UPLOAD_MAX_MEMORY_SIZE``, which bounds what a request holds in memory."""
    return api.create_response(request, {"detail": _(
        "The request body is larger than %(limit)s bytes; send fewer items per request.")
        % {"limit": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}"}}, status=413)


def value_out_of_range(request: HttpRequest, exc: DataError, *, api: NinjaAPI) -> HttpResponse:
    """422 for a value the database refuses to store or compare — a time-zone offset beyond
    ±15:59 on PostgreSQL, a number past its column — rather than a server error."""
    return api.create_response(request, {"detail": _(
        "A value in the request is outside what can be stored (a date, time-zone offset or "
        "number out of range).")}, status=422)
