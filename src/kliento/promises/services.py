"""Writes for the promise ledger: make a promise (and tell the customer what and by when),
change it while it is open, close it as kept, late or broken.

Every refusal is a :class:`~django.core.exceptions.ValidationError` keyed by the field at
fault (``specification.colour`` for one part of a delivery's specification), raised before
anything is written.
"""

from datetime import UTC, datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kliento.accounts.models import User
from kliento.accounts.tokens import token_digest, token_new
from kliento.customers.consent import customer_email_send, may_contact
from kliento.customers.models import Customer, Purpose
from kliento.interactions.models import Interaction
from kliento.organisation.calendar import local_date, organisation_timezone
from kliento.organisation.models import Agent
from kliento.promises.models import Promise
from kliento.promises.presentation import SPECIFICATION_KEYS, specification_lines
from kliento.ui.formatting import format_moment
from kliento.webhooks.models import Event
from kliento.webhooks.services import webhook_event

CLOSED = (Promise.Status.KEPT, Promise.Status.LATE, Promise.Status.BROKEN)
_EDITABLE_WHILE_OPEN = ("owner", "due_at", "description", "specification")


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def _aware(moment_: datetime | None) -> datetime | None:
    """In UTC, as the database returns it; a time without an offset is read on the
    organisation's clock."""
    if moment_ is None:
        return None
    if timezone.is_naive(moment_):
        moment_ = timezone.make_aware(moment_, organisation_timezone())
    return moment_.astimezone(UTC)


def check_specification(kind: str, specification, errors: _Errors) -> None:
    """A delivery's specification is what the customer will check at the door: the model,
    colour and size as text and the accessories as a list of texts (empty when none). A
    delivery recorded without one (``{}``) is accepted; a partial one is not. Other kinds
    may carry any object."""
    if not isinstance(specification, dict):
        errors.add("specification", _("The specification must be an object, e.g. "
                                      "{\"model\": \"…\", \"colour\": \"…\", \"size\": \"…\", "
                                      "\"accessories\": [\"…\"]}."))
        return
    if kind != Promise.Kind.DELIVERY or not specification:
        return
    for key in SPECIFICATION_KEYS:
        field = f"specification.{key}"
        if key not in specification:
            errors.add(field, _("A delivery's specification needs “%(key)s”: the model, "
                                "colour, size and accessories promised.") % {"key": key})
        elif key == "accessories":
            value = specification[key]
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                errors.add(field, _("“accessories” must be a list of texts, e.g. "
                                    "[\"charger\", \"remote\"], or [] when none were "
                                    "promised."))
        elif not isinstance(specification[key], str):
            errors.add(field, _("“%(key)s” must be text.") % {"key": key})
        elif key == "model" and not specification[key].strip():
            errors.add(field, _("Say which model was promised."))
    for key in sorted(set(specification) - set(SPECIFICATION_KEYS)):
        errors.add(f"specification.{key}", _(
            "A delivery's specification has only model, colour, size and accessories; "
            "“%(key)s” is not one of them.") % {"key": key})


def promise_fill_derived(promise: Promise) -> Promise:
    """The organisation-local day the promise falls due, derived from its due time (for
    entrypoints that build a promise field by field, as the admin does)."""
    promise.due_on = local_date(promise.due_at) if promise.due_at else None
    return promise


def _check_owner(owner: Agent | None, today, errors: _Errors) -> None:
    if owner is None:
        errors.add("owner", _("Every promise needs an owner: the agent who keeps it."))
    elif owner.left_on is not None and owner.left_on <= today:
        errors.add("owner", _("%(agent)s has left and cannot keep new promises.")
                   % {"agent": owner})


def _handed_over(owner: Agent | None, by: User | None) -> bool:
    """A promise is handed over when someone names another person as its owner; a promise
    loaded without its maker (imports) or without an owner is nobody's to acknowledge."""
    return owner is not None and by is not None and owner.user_id != by.pk


def promise_acknowledge(promise: Promise, *, by: User, now: datetime | None = None) -> Promise:
    """The owner of a handed-over promise says they have taken it on. Only the owner can;
    a promise that was not handed over, or is closed, has nothing to acknowledge. Doing it
    twice keeps the first time."""
    now = now or timezone.now()
    with transaction.atomic():
        promise = (Promise.objects.select_for_update(of=("self",))
                   .select_related("customer", "owner__user").get(pk=promise.pk))
        if promise.acknowledged_at is not None:
            return promise
        errors = _Errors()
        if promise.handed_over_at is None:
            errors.add("promise", _("This promise was not handed over: its owner made it."))
        elif promise.owner is None or promise.owner.user_id != by.pk:
            errors.add("promise", _("Only the promise's owner (%(owner)s) can acknowledge it.")
                       % {"owner": promise.owner})
        elif promise.status != Promise.Status.OPEN:
            errors.add("promise", _("This promise is closed already (%(status)s).")
                       % {"status": promise.get_status_display()})
        errors.raise_any()
        promise.acknowledged_at = promise.updated_at = now
        promise.save(update_fields=["acknowledged_at", "updated_at"])
    return promise


def promise_status_url(token: str, base_url: str | None = None) -> str:
    base = (base_url or settings.KLIENTO_PUBLIC_URL).rstrip("/")
    return base + reverse("promise-status", args=[token])


def promise_create(*, customer: Customer, kind: str, description: str, due_at: datetime,
                   promised_at: datetime | None = None, owner: Agent | None = None,
                   interaction: Interaction | None = None, specification: dict | None = None,
                   external_id: str | None = None, created_by: User | None = None,
                   now: datetime | None = None, base_url: str | None = None,
                   notify_customer: bool = True, owner_required: bool = False) -> Promise:
    """Record a promise with its status link and return it; the link exists only here (the
    database keeps its digest) and is on the returned promise as ``status_url``.

    When the customer has an e-mail address, consents to be contacted and the promise is
    not yet due, they are e-mailed what was promised and by when, with the link, in their
    language — after the transaction commits, so a rolled-back promise is never announced.
    ``owner_required`` is for entrypoints where people make promises (the API); imports of
    old promises may have nobody to name.
    """
    now = now or timezone.now()
    promised_at = _aware(promised_at) or now
    due_at = _aware(due_at)
    specification = {} if specification is None else specification
    errors = _Errors()
    if not (description or "").strip():
        errors.add("description", _("Say what exactly was promised."))
    if due_at is None:
        errors.add("due_at", _("Every promise has a due time."))
    elif due_at < promised_at:
        errors.add("due_at", _("A promise cannot fall due before it is made."))
    if interaction is not None and interaction.customer_id != customer.pk:
        errors.add("interaction", _("This interaction is with another customer."))
    if owner_required or owner is not None:
        _check_owner(owner, local_date(now), errors)
    check_specification(kind, specification, errors)
    token = token_new()
    promise = Promise(
        customer=customer, kind=kind, description=(description or "").strip(),
        due_at=due_at, due_on=due_at and local_date(due_at), promised_at=promised_at, owner=owner,
        interaction=interaction, specification=specification, external_id=external_id,
        created_by=created_by, status_token_digest=token_digest(token), updated_at=now,
        handed_over_at=now if _handed_over(owner, created_by) else None,
    )
    try:
        # The description and specification were checked above, in clearer words.
        promise.full_clean(exclude=["description", "specification"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                if message not in errors.get(field, []):
                    errors.add(field, message)
    errors.raise_any()
    promise.save()
    url = promise_status_url(token, base_url)
    # A customer who has not agreed to promise updates is not written to unasked.
    if notify_customer and may_contact(customer, Purpose.PROMISE_UPDATES) and due_at > now:
        # robust: a mail server that is down must not undo or fail the promise itself.
        transaction.on_commit(partial(promise_made_email_send, promise, url), robust=True)
    promise.status_url = url
    return promise


def promise_made_email_send(promise: Promise, url: str) -> None:
    """What we promised and by when, with the status link, in the customer's language."""
    customer = promise.customer
    with translation.override(customer.preferred_language):
        context = {"promise": promise, "customer": customer, "url": url,
                   "due": format_moment(promise.due_at),
                   "specification": specification_lines(promise.specification),
                   "owner": promise.owner.user.first_name if promise.owner_id else ""}
        customer_email_send(
            customer, Purpose.PROMISE_UPDATES,
            subject=_("Our promise to you: by %(due)s") % {"due": context["due"]},
            body=render_to_string("promises/email/promise_made.txt", context),
        )


def promise_close(promise: Promise, *, done_at: datetime | None, as_specified: bool = True,
                  note: str | None = None, now: datetime | None = None) -> Promise:
    """Kept when done on time and as specified; late when done after the due time; broken when
    not done at all or not as specified (wrong model, colour, size or accessories)."""
    done_at = _aware(done_at)
    if done_at is None or not as_specified:
        status = Promise.Status.BROKEN
    elif done_at <= promise.due_at:
        status = Promise.Status.KEPT
    else:
        status = Promise.Status.LATE
    promise.kept_at, promise.status = done_at, status
    promise.updated_at = now or timezone.now()
    fields = ["kept_at", "status", "updated_at"]
    if note is not None:
        promise.closed_note = note.strip()
        fields.append("closed_note")
    with transaction.atomic():
        promise.save(update_fields=fields)
        if status == Promise.Status.BROKEN:
            _broken_announce(promise, done_at)
    return promise


def _broken_announce(promise: Promise, done_at: datetime | None) -> None:
    """The ``promise.broken`` webhook, in the transaction that closes the promise: however
    it was closed (page, API, service), a broken promise is announced once."""
    webhook_event(Event.PROMISE_BROKEN, {
        "promise": promise.pk, "external_id": promise.external_id,
        "kind": promise.kind, "description": promise.description,
        "specification": promise.specification, "due_at": promise.due_at,
        "done_at": done_at, "note": promise.closed_note,
        "customer": {"id": promise.customer_id,
                     "external_id": promise.customer.external_id,
                     "name": promise.customer.full_name},
        "owner": promise.owner_id,
    }, now=promise.updated_at)


def _check_closing(promise: Promise, status: str, done_at: datetime | None,
                   as_specified: bool | None, now: datetime, errors: _Errors) -> None:
    """The status asked for must be the one the times and the specification give: a
    promise done after its due time is late, not kept, whatever the caller would like."""
    if promise.status != Promise.Status.OPEN:
        errors.add("status", _("This promise is closed already (%(status)s).")
                   % {"status": promise.get_status_display()})
        return
    if status not in CLOSED:
        errors.add("status", _("A promise closes as kept, late or broken; it cannot be "
                               "set back to “%(status)s”.") % {"status": status})
        return
    if done_at is not None and done_at > now:
        errors.add("done_at", _("The time it was done cannot be in the future."))
    elif done_at is not None and done_at < promise.promised_at:
        errors.add("done_at", _("The time it was done cannot be before the promise was "
                                "made (%(made)s).") % {"made": format_moment(promise.promised_at)})
    if status == Promise.Status.BROKEN:
        if done_at is not None and as_specified:
            errors.add("as_specified", _("Done as specified is kept or late, not broken; a "
                                         "broken promise with a done time was done not as "
                                         "specified."))
        return
    if as_specified is False:
        errors.add("as_specified", _("Done but not as specified is a broken promise: close "
                                     "it as broken."))
    if done_at is None:
        return
    if status == Promise.Status.KEPT and done_at > promise.due_at:
        errors.add("status", _("It was done after the due time (%(due)s): the promise was "
                               "kept late.") % {"due": format_moment(promise.due_at)})
    if status == Promise.Status.LATE and done_at <= promise.due_at:
        errors.add("status", _("It was done by the due time (%(due)s): the promise was kept, "
                               "not late.") % {"due": format_moment(promise.due_at)})


def promise_update(promise: Promise, *, now: datetime | None = None, by: User | None = None,
                   **changes) -> Promise:
    """Change an open promise — ``owner``, ``due_at``, ``description``, ``specification`` —
    and/or close it with ``status`` (kept, late or broken), ``done_at`` (now by default for
    kept and late; none for broken means not done) and ``as_specified``; ``closed_note``
    may be written at any time. All or nothing: any refusal changes nothing.

    A due time is moved only before it passes, and only to a time still ahead: moving it
    once the promise is late would turn a broken promise into a kept one.

    A new owner other than ``by`` (the person making the change) is a handover: the new
    owner must acknowledge it again (:func:`promise_acknowledge`). Taking a promise on
    oneself needs no acknowledgement.
    """
    now = now or timezone.now()
    unknown = set(changes) - {*_EDITABLE_WHILE_OPEN, "status", "done_at", "as_specified",
                              "closed_note"}
    if unknown:
        raise TypeError(f"promise_update() got unknown fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        # Two people closing the same promise at once: the second sees it closed.
        promise = (Promise.objects.select_for_update(of=("self",))
                   .select_related("customer", "owner__user").get(pk=promise.pk))
        errors = _Errors()
        fields = {"updated_at"}
        for field in _EDITABLE_WHILE_OPEN:
            if field in changes and promise.status != Promise.Status.OPEN:
                errors.add(field, _("This promise is closed (%(status)s): only an open "
                                    "promise can change.")
                           % {"status": promise.get_status_display()})
        if "description" in changes:
            description = (changes["description"] or "").strip()
            if not description:
                errors.add("description", _("Say what exactly was promised."))
            promise.description = description
            fields.add("description")
        if "specification" in changes:
            check_specification(promise.kind, changes["specification"], errors)
            promise.specification = changes["specification"]
            fields.add("specification")
        if "owner" in changes:
            _check_owner(changes["owner"], local_date(now), errors)
            if changes["owner"] != promise.owner:
                handed_over = _handed_over(changes["owner"], by or promise.created_by)
                promise.handed_over_at = now if handed_over else None
                promise.acknowledged_at = None
                fields.update({"handed_over_at", "acknowledged_at"})
            promise.owner = changes["owner"]
            fields.add("owner")
        if "due_at" in changes:
            due_at = _aware(changes["due_at"])
            if due_at is None:
                errors.add("due_at", _("Every promise has a due time."))
            elif promise.due_at <= now and due_at != promise.due_at:
                errors.add("due_at", _("The due time (%(due)s) has passed: the promise is "
                                       "late, and its due time can no longer move.")
                           % {"due": format_moment(promise.due_at)})
            elif due_at <= now:
                errors.add("due_at", _("A new due time must still be ahead."))
            else:
                promise.due_at, promise.due_on = due_at, local_date(due_at)
                fields.update({"due_at", "due_on"})
        if "closed_note" in changes:
            promise.closed_note = (changes["closed_note"] or "").strip()
            fields.add("closed_note")
        status = changes.get("status")
        done_at = None
        if status is not None:
            done_at = _aware(changes.get("done_at"))
            if done_at is None and status != Promise.Status.BROKEN:
                done_at = now
            _check_closing(promise, status, done_at, changes.get("as_specified"), now, errors)
        elif "done_at" in changes or "as_specified" in changes:
            errors.add("status", _("Say how the promise closes (kept, late or broken) with "
                                   "the time it was done."))
        errors.raise_any()
        if status is not None:
            promise.kept_at, promise.status = done_at, status
            fields.update({"kept_at", "status"})
        promise.updated_at = now
        promise.save(update_fields=sorted(fields))
        if status == Promise.Status.BROKEN:
            _broken_announce(promise, done_at)
    return promise
