"""Reads for notices."""

from django.db.models import QuerySet

from kliento.accounts.models import User
from kliento.notices.models import Notice


def notices_for(user: User, unread_only: bool = True) -> QuerySet[Notice]:
    """A user's notices, newest first, with the promise and its customer joined."""
    notices = Notice.objects.filter(recipient=user)
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.select_related("promise__customer").order_by("-created_at", "-pk")
