"""Input no database can store, and dates no calendar can hold, are refused as bad input
(4xx, the field named) before they reach a view, the same way for the pages, the customers'
link pages and the API.

- A NUL character: PostgreSQL refuses it in any text; SQLite would store it silently.
- A lone surrogate (half of a UTF-16 pair, which JSON's ``\\ud800`` escapes can carry): no
  database driver can encode it.
- A date at the calendar's edge (``9999-12-31`` plus a week, ``0001-01-01`` in UTC+14):
  Python's date arithmetic overflows. That is caught where it happens, wherever that is.

A multipart body is looked into only when it is small and holds a NUL byte somewhere (a
form's fields carry NUL as it is); a large one is an upload, left to its form, whose text
fields refuse NUL themselves.
"""

import contextlib
import json
import logging
import re

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Cheap tests on the raw bytes first; the body is decoded and walked only when they match.
JSON_SUSPECT = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
MULTIPART_LOOKED_INTO = 1024 * 1024  # bytes
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def unstorable_reason(text: str) -> str | None:
    if "\x00" in text:
        return _("contains a NUL character, which cannot be stored")
    if LONE_SURROGATE.search(text):
        return _("contains a lone surrogate (half of a character), which cannot be stored")
    return None


def _json_problems(value, path: str, problems: dict[str, list[str]]) -> None:
    if isinstance(value, str):
        if reason := unstorable_reason(value):
            problems.setdefault(path or _("(the body)"), []).append(reason)
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            if reason := unstorable_reason(key):
                problems.setdefault(f"{path}.{key!r}" if path else repr(key), []).append(
                    _("this name %(reason)s") % {"reason": reason})
            _json_problems(item, child, problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _json_problems(item, f"{path}[{index}]", problems)


def _pairs_problems(pairs, problems: dict[str, list[str]]) -> None:
    for name, values in pairs:
        for text in [name, *values]:
            if reason := unstorable_reason(text):
                problems.setdefault(name, []).append(reason)
                break


def unstorable_input(request) -> dict[str, list[str]]:
    """The fields of ``request`` that hold text no database can store, with why."""
    problems: dict[str, list[str]] = {}
    if "\x00" in request.path:
        problems[_("(the address)")] = [unstorable_reason("\x00")]
    if "%00" in request.META.get("QUERY_STRING", ""):
        _pairs_problems(request.GET.lists(), problems)
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return problems
    content_type = request.content_type or ""
    if content_type == "application/x-www-form-urlencoded":
        if b"%00" in request.body or b"\x00" in request.body:
            _pairs_problems(request.POST.lists(), problems)
    elif content_type == "multipart/form-data":
        if (_content_length(request) <= MULTIPART_LOOKED_INTO
                and b"\x00" in request.body):
            _pairs_problems(request.POST.lists(), problems)
    elif ((content_type == "application/json" or content_type.endswith("+json"))
          and JSON_SUSPECT.search(request.body)):
        with contextlib.suppress(ValueError):  # not JSON at all: the view says so
            _json_problems(json.loads(request.body), "", problems)
    return problems


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def refusal(request, problems: dict[str, list[str]], *, status: int) -> HttpResponse:
    detail = " ".join(f"{field}: {' '.join(messages)}." for field, messages in problems.items())
    if _is_api(request) or (request.content_type or "").endswith("json"):
        # The shape of kliento.api.problems.field_problem.
        return JsonResponse({"detail": detail, "errors": problems}, status=status)
    return HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")


class UnstorableInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            problems = unstorable_input(request)
        except RequestDataTooBig:  # the view answers it (the API with a 413 in its shape)
            return self.get_response(request)
        if problems:
            return refusal(request, problems, status=422 if _is_api(request) else 400)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OverflowError):
            return None
        # Only a date at the calendar's edge overflows in this code base: bad input, said so.
        logger.info("Refused as out of range: %s %s (%s)", request.method, request.path,
                    exception)
        return refusal(request, {_("(a date)"): [
            _("is outside the range of dates that can be worked with (years 1 to 9999, "
              "including any period around it)")]}, status=422 if _is_api(request) else 400)
