"""Webhooks out: events recorded with the change that caused them, delivered signed, retried
with back-off, and logged.

The receiver checks ``X-Kliento-Signature: sha256=<hex>``, the HMAC-SHA256 of
``"<X-Kliento-Timestamp>.<raw body>"`` under the endpoint's secret, and may refuse old
timestamps to stop replays.
"""

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from kliento.webhooks.destinations import CONNECTION_FAILED, DestinationRefused, checked_post
from kliento.webhooks.models import WebhookDelivery, WebhookEndpoint

# After the 1st, 2nd … failed attempt: wait this long. Then give up (about two days in all).
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=6), timedelta(hours=24))
LEASE = timedelta(minutes=2)  # a claimed delivery is not taken by another worker meanwhile
TIMEOUT_SECONDS = 5


def webhook_event(event: str, payload: dict, *, now: datetime | None = None,
                  subject: str = "") -> int:
    """Record an event for every active endpoint that listens to it; call it inside the
    transaction of the change it reports. With a ``subject`` ("recovery_case:42") the event
    is recorded once per endpoint however often it is reported, also by runs at the same
    moment (a unique constraint decides); returns the number of endpoints listening."""
    now = now or timezone.now()
    endpoints = [endpoint for endpoint in WebhookEndpoint.objects.filter(is_active=True)
                 if event in endpoint.events]
    body = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    WebhookDelivery.objects.bulk_create(
        (WebhookDelivery(endpoint=endpoint, event=event, payload=body, created_at=now,
                         next_attempt_at=now, subject=subject) for endpoint in endpoints),
        ignore_conflicts=bool(subject))
    return len(endpoints)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def http_post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """To a public address only (see :mod:`kliento.webhooks.destinations`); a redirect is
    the answer, not followed."""
    return checked_post(url, body, headers, timeout=TIMEOUT_SECONDS)


def webhook_deliveries_send(*, now: datetime | None = None,
                            post: Callable[[str, bytes, dict], int] = http_post) -> int:
    """Send every due delivery once; returns how many were delivered."""
    now = now or timezone.now()
    delivered = 0
    due = WebhookDelivery.objects.filter(
        delivered_at__isnull=True, gave_up_at__isnull=True, next_attempt_at__lte=now,
    ).select_related("endpoint").order_by("next_attempt_at")[:500]
    for delivery in due:
        # Claim it: of two workers, only the one whose UPDATE matches sends.
        claimed = WebhookDelivery.objects.filter(
            pk=delivery.pk, next_attempt_at=delivery.next_attempt_at,
        ).update(next_attempt_at=now + LEASE)
        if claimed:
            delivered += _attempt(delivery, now, post)
    return delivered


def _attempt(delivery: WebhookDelivery, now: datetime, post) -> bool:
    body = json.dumps({"event": delivery.event, "delivery": delivery.pk,
                       "created_at": delivery.created_at.isoformat(),
                       "data": delivery.payload}, ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    headers = {"Content-Type": "application/json", "User-Agent": "Kliento-Webhooks/1",
               "X-Kliento-Event": delivery.event, "X-Kliento-Delivery": str(delivery.pk),
               "X-Kliento-Timestamp": timestamp,
               "X-Kliento-Signature": signature(delivery.endpoint.secret, timestamp, body)}
    status, error = None, ""
    try:
        status = post(delivery.endpoint.url, body, headers)
    except DestinationRefused as refused:
        error = refused.reason
    except (OSError, ValueError):  # the exception's text may name internal hosts: not kept
        error = CONNECTION_FAILED
    attempts = delivery.attempts + 1
    update = {"attempts": attempts, "last_status": status, "last_error": error}
    if status is not None and 200 <= status < 300:
        update |= {"delivered_at": now, "next_attempt_at": None, "last_error": ""}
    elif attempts > len(BACKOFF):
        update |= {"gave_up_at": now, "next_attempt_at": None}
    else:
        update["next_attempt_at"] = now + BACKOFF[attempts - 1]
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**update)
    return "delivered_at" in update


def webhook_delivery_retry(delivery: WebhookDelivery, *, now: datetime | None = None) -> None:
    """A manager sends a given-up delivery again (e.g. after fixing the receiver)."""
    WebhookDelivery.objects.filter(pk=delivery.pk, delivered_at__isnull=True).update(
        gave_up_at=None, next_attempt_at=now or timezone.now())
