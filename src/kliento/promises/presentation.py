"""How a promise reads to the customer — in the e-mail and on the status page — in the active
language: the delivery's specification line by line, the due time, and the status in plain
words."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.promises.models import Promise
from kliento.ui.formatting import format_moment

SPECIFICATION_KEYS = ("model", "colour", "size", "accessories")


def specification_lines(specification: dict) -> list[tuple[str, str]]:
    """(label, value) for each part of a delivery's specification that is filled in."""
    labels = {"model": _("Model"), "colour": _("Colour"), "size": _("Size"),
              "accessories": _("Accessories")}
    lines = []
    for key in SPECIFICATION_KEYS:
        value = specification.get(key)
        if key == "accessories" and isinstance(value, list):
            value = ", ".join(str(item) for item in value) or _("none")
        if value:
            lines.append((labels[key], str(value)))
    return lines


@dataclass(frozen=True)
class StatusWords:
    """What the status page says: ``tone`` is on_its_way, running_late, kept, late or
    broken; ``next_step`` says what happens now (empty when nothing more will)."""

    tone: str
    headline: str
    detail: str
    next_step: str = ""


def status_words(promise: Promise, now: datetime | None = None) -> StatusWords:
    now = now or timezone.now()
    owner = promise.owner.user.first_name if promise.owner_id else ""
    if promise.status == Promise.Status.KEPT:
        return StatusWords("kept", _("Kept on %(date)s") % {"date": format_moment(promise.kept_at)},
                           _("Done on time and as promised."))
    if promise.status == Promise.Status.LATE:
        return StatusWords(
            "late", _("Done late, on %(date)s") % {"date": format_moment(promise.kept_at)},
            _("It was done, but later than we promised. We are sorry you had to wait."))
    if promise.status == Promise.Status.BROKEN:
        return StatusWords(
            "broken", _("We did not keep this promise"),
            _("We are sorry. It is our mistake, and you should not have to chase us."),
            _("Reply to our e-mail or call us and mention this page: we will agree with you "
              "how to put it right."))
    if promise.due_at < now:
        return StatusWords(
            "running_late", _("Running late"),
            _("The time we promised has passed and this is not done yet. We are sorry."),
            _("We know and are working on it. This page shows it as soon as it is done."))
    detail = (_("%(name)s is looking after it.") % {"name": owner} if owner
              else _("Our team is looking after it."))
    return StatusWords("on_its_way", _("On its way"), detail,
                       _("This page shows when it is done."))
