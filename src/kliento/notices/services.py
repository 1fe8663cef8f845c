"""Writes for notices."""

from datetime import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from kliento.accounts.models import User
from kliento.notices.models import Notice
from kliento.promises.models import Promise


def notice_deliver_once(*, recipient: User, kind: str, promise: Promise | None, subject: str,
                        body: str, now: datetime | None = None) -> Notice | None:
    """Create the notice and e-mail it to its recipient (when they have an address), in one
    transaction; None when the notice exists already (``Notice``'s unique constraint).

    The insert comes first and claims the notice: a concurrent run waits on it, then fails
    and sends nothing. The e-mail goes out before COMMIT, so a failed send rolls the notice
    back and the next run tries again. A process killed between sending and COMMIT leaves
    no notice: the retry sends the e-mail a second time, but never creates a second notice.
    """
    now = now or timezone.now()
    subject = subject[:Notice._meta.get_field("subject").max_length]
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                recipient=recipient, kind=kind, promise=promise, subject=subject, body=body,
                created_at=now, emailed_at=now if recipient.email else None,
            )
            if recipient.email:
                send_mail(subject=subject, message=body, from_email=None,
                          recipient_list=[recipient.email])
    except IntegrityError:
        return None
    return notice


def notice_mark_read(notice: Notice, *, now: datetime | None = None) -> Notice:
    """Mark a notice read; reading it again keeps the first time."""
    if notice.read_at is None:
        notice.read_at = now or timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice
