"""Pushing data live: customers, interactions, survey responses and orders, one or many per call,
idempotent by external id, checked exactly as the importer checks a file row — the same
columns, the same messages. Each is listed by the app that keeps it (customers,
interactions, surveys' and orders' `api.py`), at the same path."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from kliento.api.authentication import requires
from kliento.imports.kinds import KINDS, ImportKind
from kliento.imports.pipeline import import_rows
from kliento.imports.presets import PRESETS

router = Router(tags=["data in"])
MAX_ITEMS = 1000
Item = dict[str, str | int | float | bool | None]


# What is wrong with one column of one item (a refused request has kliento.api.problems' shape).
class ProblemOut(Schema):
    field: str
    value: str
    reason: str


class ItemOut(Schema):
    index: int = Field(description="Position of the item in the request, from 0.")
    key: str | None = Field(description="The item's external id (or user name).")
    status: str = Field(description="created, exists (sent before: nothing changed) or "
                                    "rejected (see errors; nothing stored for this item).")
    errors: list[ProblemOut]


class PushOut(Schema):
    created: int
    exists: int
    rejected: int
    items: list[ItemOut]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def push(kind: ImportKind, payload: Item | list[Item]) -> dict:
    items = payload if isinstance(payload, list) else [payload]
    if len(items) > MAX_ITEMS:
        raise HttpError(422, f"at most {MAX_ITEMS} items per request; send the rest in "
                             "another request")
    rows = [(index, {name: _cell(value) for name, value in item.items()})
            for index, item in enumerate(items)]
    report = import_rows(kind, iter(rows), preset=PRESETS["kliento"], track_outcomes=True)
    errors: dict[int, list[dict]] = {}
    for problem in report.problems:
        errors.setdefault(problem.line, []).append(
            {"field": problem.column, "value": problem.value, "reason": problem.reason})
    out = [{"index": index, "key": _cell(item.get(kind.key)) or None,
            "status": report.outcomes.get(index, "rejected"), "errors": errors.get(index, [])}
           for index, item in enumerate(items)]
    return {"created": report.imported, "exists": report.already_there,
            "rejected": report.rejected, "items": out}


PUSH_DOC = ("One object or a list of up to 1,000, with the columns of the import template "
            "(`kliento import` and the downloadable template name them). Valid items are "
            "stored even when others are rejected; an item sent again is reported as "
            "`exists` and changes nothing.")


@router.post("/customers", auth=requires("customers.add_customer"), response=PushOut,
             summary="Add customers", description=PUSH_DOC)
def customer_push(request: HttpRequest, payload: Item | list[Item]):
    return push(KINDS["customers"], payload)


@router.post("/interactions", auth=requires("interactions.add_interaction"), response=PushOut,
             summary="Add interactions",
             description=PUSH_DOC)
def interaction_push(request: HttpRequest, payload: Item | list[Item]):
    return push(KINDS["interactions"], payload)


@router.post("/survey-responses", auth=requires("surveys.add_surveyresponse"),
             response=PushOut, summary="Add survey responses",
             description=PUSH_DOC)
def survey_response_push(request: HttpRequest, payload: Item | list[Item]):
    return push(KINDS["survey_responses"], payload)


@router.post("/orders", auth=requires("orders.add_order"), response=PushOut,
             summary="Add orders", description=PUSH_DOC)
def order_push(request: HttpRequest, payload: Item | list[Item]):
    return push(KINDS["orders"], payload)
