"""Consent per purpose, and the e-mails that depend on it.

Every e-mail to a customer goes through :func:`customer_email_send`: it refuses to write
without the purpose's consent, and carries a one-click unsubscribe link in the text and in
the ``List-Unsubscribe`` / ``List-Unsubscribe-Post`` headers (RFC 2369, RFC 8058). The link
is signed, not stored: it names the customer and the purpose, and works for as long as the
server's secret key is the same.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kliento.audit_trail.context import current_actor, current_source
from kliento.customers.models import CONSENT_FIELDS, ConsentChange, Customer, Purpose

UNSUBSCRIBE_SALT = "kliento.customers.unsubscribe"


class ConsentMissing(Exception):
    """The customer has not agreed to be contacted for this purpose (or withdrew)."""


def may_contact(customer: Customer, purpose: str) -> bool:
    return bool(customer.email) and customer.erased_at is None and getattr(
        customer, CONSENT_FIELDS[purpose])


def unsubscribe_token(customer: Customer, purpose: str) -> str:
    return signing.dumps([customer.pk, purpose], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(customer id, purpose), or None for a token this server did not sign."""
    try:
        customer_id, purpose = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if purpose not in Purpose.values or not isinstance(customer_id, int):
        return None
    return customer_id, purpose


def unsubscribe_url(customer: Customer, purpose: str, base_url: str | None = None) -> str:
    base = (base_url or settings.KLIENTO_PUBLIC_URL).rstrip("/")
    return base + reverse("unsubscribe", args=[unsubscribe_token(customer, purpose)])


@transaction.atomic
def customer_consent_set(customer: Customer, purpose: str, granted: bool) -> bool:
    """Give or withdraw consent for ``purpose``; True when it changed. Each change is kept
    (:class:`ConsentChange`) with when, by whom and through which door; the customer's
    history records it too."""
    field = CONSENT_FIELDS[purpose]
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    if getattr(customer, field) == granted:
        return False
    setattr(customer, field, granted)
    customer.save(update_fields=[field])
    actor = current_actor()
    ConsentChange.objects.create(customer=customer, purpose=purpose, granted=granted,
                                 source=current_source(), changed_by=actor)
    return True


def customer_email_send(customer: Customer, purpose: str, *, subject: str, body: str,
                        base_url: str | None = None) -> None:
    """Send one e-mail to ``customer`` for ``purpose``, with its unsubscribe link and
    headers; ``ConsentMissing`` (nothing sent) without the purpose's consent."""
    # Read again: the instance may predate a withdrawal made a moment ago.
    if not (may_contact(customer, purpose) and Customer.objects.filter(
            pk=customer.pk, erased_at__isnull=True, **{CONSENT_FIELDS[purpose]: True}).exists()):
        raise ConsentMissing(purpose)
    url = unsubscribe_url(customer, purpose, base_url)
    footer = _("You receive this because you agreed to it. To stop these e-mails, open: "
               "%(url)s") % {"url": url}
    EmailMessage(
        subject=subject, body=f"{body.rstrip()}\n\n-- \n{footer}\n",
        to=[customer.email],
        headers={"List-Unsubscribe": f"<{url}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    ).send()
