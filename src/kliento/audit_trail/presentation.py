"""A logged change as people read it: the field's name in their language instead of its
column name, a choice's label instead of its code, dates on the organisation's clock in the
language's style, numbers with its decimal comma. The log itself keeps the raw values."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ShownChange:
    field: str
    before: str
    after: str


@cache
def _fields_of(object_type: str) -> dict[str, Field]:
    """The fields of an ``object_type`` ("app.model") record by column name (a creation logs
    ``customer_id``) and by name (a change logs ``customer``); none for an unknown type."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    fields = [field for field in model._meta.get_fields() if getattr(field, "attname", None)]
    return {field.name: field for field in fields} | {field.attname: field for field in fields}


def _is_foreign_key(field: Field | None) -> bool:
    return field is not None and field.is_relation and field.many_to_one


def _shown(value, field: Field | None, names: dict | None = None) -> str:
    if value is None or value == "":
        return "—"
    if _is_foreign_key(field):
        # Another row, named as it is today; its key when it is gone or was not looked up.
        return (names or {}).get((field.related_model._meta.label_lower, str(value)),
                                 str(value))
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if not isinstance(value, list | dict) and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return number_format(value, force_grouping=True)
    if isinstance(value, str):
        # The log's JSON keeps dates and times as ISO text.
        if (moment := _parsed_moment(value)) is not None:
            return _moment(moment)
        if len(value) == 10 and (day := parse_date(value)) is not None:
            return date_format(day, "SHORT_DATE_FORMAT")
        return value
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(_shown(item, None) for item in value) or "—"
    return str(value)


def _moment(when: datetime) -> str:
    # As the history's "When" column writes its times: the organisation's clock.
    return date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT")


def _parsed_moment(text: str) -> datetime | None:
    if len(text) < 16 or "T" not in text:
        return None
    try:
        moment = parse_datetime(text)
    except ValueError:
        return None
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def shown_changes(object_type: str, changes: dict,
                  names: dict[tuple[str, str], str] | None = None) -> list[ShownChange]:
    """``changes`` ({column: [before, after]}) of an ``object_type`` ("app.model") record;
    ``names`` ({(model, pk): name}, from :func:`related_names`) names the rows its foreign
    keys point to."""
    fields = _fields_of(object_type)
    shown = []
    for name, values in changes.items():
        before, after = [*values, None, None][:2] if isinstance(values, list) else (None, values)
        field = fields.get(name)
        label = capfirst(str(field.verbose_name)) if field is not None else name
        shown.append(ShownChange(label, _shown(before, field, names),
                                 _shown(after, field, names)))
    return shown


def related_names(events) -> dict[tuple[str, str], str]:
    """The rows the events' foreign keys point to, named: one query per related model."""
    wanted: dict[type[Model], set] = {}
    for event in events:
        fields = _fields_of(event.object_type)
        for name, values in event.changes.items():
            field = fields.get(name)
            if not _is_foreign_key(field):
                continue
            for value in values if isinstance(values, list) else [values]:
                if value not in (None, ""):
                    wanted.setdefault(field.related_model, set()).add(value)
    return {(model._meta.label_lower, str(pk)): str(row)
            for model, pks in wanted.items()
            for pk, row in model._default_manager.in_bulk(pks).items()}
