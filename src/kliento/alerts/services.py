"""Writes for alerts: subscribe, unsubscribe, and the weekly e-mail digest (a periodic sweep,
:mod:`kliento.jobs.services`)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kliento.alerts.models import AlertDigest, AlertSubscription
from kliento.alerts.selectors import alert_changes, subscriptions_of
from kliento.organisation.calendar import is_working_day, local_date


def subscription_add(*, user, measure: str, touchpoint=None, team=None) -> AlertSubscription:
    """Subscribe ``user``; the same alert twice is kept once."""
    if touchpoint is not None and team is not None:
        raise ValidationError(_("Choose a touchpoint or a team, not both."))
    subscription, _created = AlertSubscription.objects.get_or_create(
        user=user, measure=measure, touchpoint=touchpoint, team=team)
    return subscription


def subscription_remove(subscription: AlertSubscription) -> None:
    subscription.delete()


def alert_digests_send(*, now: datetime | None = None) -> int:
    """On the week's first working day, each subscriber's digest of what changed
    significantly (after Benjamini–Hochberg across their alerts); once a week per person,
    and only when something changed. Returns the e-mails sent."""
    now = now or timezone.now()
    today = local_date(now)
    week_start = today - timedelta(days=today.weekday())
    first = week_start
    while not is_working_day(first) and first < week_start + timedelta(days=6):
        first += timedelta(days=1)
    if today < first:
        return 0
    sent = 0
    users = (AlertSubscription.objects.exclude(user__email="").filter(user__is_active=True)
             .exclude(user__alert_digests__week_start=week_start)
             .values_list("user", flat=True).distinct())
    for user_id in list(users):
        subscriptions = list(subscriptions_of(user_id))
        user = subscriptions[0].user
        changes = [change for change in alert_changes(subscriptions, today)
                   if change.significant]
        try:
            with transaction.atomic():
                AlertDigest.objects.create(user=user, week_start=week_start, sent_at=now,
                                           changes=len(changes))
                if changes:
                    _digest_send(user, changes)
                    sent += 1
        except IntegrityError:  # another worker took this person's week
            continue
    return sent


def _digest_send(user, changes) -> None:
    with translation.override(getattr(settings, "KLIENTO_REPORT_LANGUAGE", "")
                              or settings.LANGUAGE_CODE):
        body = render_to_string("alerts/digest.txt", {
            "changes": changes, "url": settings.KLIENTO_PUBLIC_URL.rstrip("/")
            + reverse("alerts:list")})
        send_mail(subject=_("Kliento: what changed significantly this week"), message=body,
                  from_email=None, recipient_list=[user.email])
