"""Writes for notices."""

import smtplib
from datetime import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from kliento.accounts.models import User
from kliento.notices.models import Notice
from kliento.promises.models import Promise
from kliento.recovery.models import RecoveryCase


def notice_deliver_once(*, recipient: User, kind: str, promise: Promise | None, subject: str,
                        body: str, now: datetime | None = None,
                        recovery_case: RecoveryCase | None = None) -> Notice | None:
    """Create the notice and e-mail it to its recipient (when they have an address), in one
    transaction; None when the notice exists already (``Notice``'s unique constraint).

    The insert comes first and claims the notice: a concurrent run waits on it, then fails
    and sends nothing. The e-mail goes out before COMMIT, so a send that fails for now (the
    mail server is away) rolls the notice back and the next run tries again; one that can
    never succeed (see :func:`_permanent_failure`) keeps the notice, marked failed with the
    reason, so it is not tried at every sweep forever. A process killed between sending and
    COMMIT leaves no notice: the retry sends the e-mail a second time, but never creates a
    second notice.

    The subject is one line: line breaks (a customer's name may hold one) become spaces.
    """
    now = now or timezone.now()
    subject = " ".join(subject.split())[:Notice._meta.get_field("subject").max_length]
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                recipient=recipient, kind=kind, promise=promise, recovery_case=recovery_case,
                subject=subject, body=body,
                created_at=now, emailed_at=now if recipient.email else None,
            )
            if recipient.email:
                try:
                    send_mail(subject=subject, message=body, from_email=None,
                              recipient_list=[recipient.email])
                except Exception as error:
                    reason = _permanent_failure(error)
                    if reason is None:
                        raise
                    notice.emailed_at, notice.email_failed_at = None, now
                    notice.email_error = reason[:Notice._meta.get_field("email_error")
                                                .max_length]
                    notice.save(update_fields=["emailed_at", "email_failed_at",
                                               "email_error"])
    except IntegrityError:
        return None
    return notice


def _permanent_failure(error: Exception) -> str | None:
    """Why the e-mail can never be sent as it is, or None when trying later may work."""
    if isinstance(error, ValueError | UnicodeError):  # e.g. a line break in an address
        return f"The message could not be built: {error}"
    if isinstance(error, smtplib.SMTPRecipientsRefused) and all(
            code >= 500 for code, _message in error.recipients.values()):
        return f"The mail server refused the address: {error.recipients}"
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500:
        return f"The mail server refused the message ({error.smtp_code}): {error.smtp_error!r}"
    return None


def notice_mark_read(notice: Notice, *, now: datetime | None = None) -> Notice:
    """Mark a notice read; reading it again keeps the first time."""
    if notice.read_at is None:
        notice.read_at = now or timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice
