"""When a customer can expect an answer, per channel, said in their language.

The estimate is the larger of two readings: what customers usually waited (the 80th
percentile of first-response times over the last four weeks at this weekday and hour, or at
any hour when this one has too few contacts) and what the queue in front of them will take
(the unanswered backlog times the channel's handle time, shared among the agents rostered
now). It is cached for a few minutes: the public endpoint and pages must not scan the
interactions on every visit.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kliento.interactions.models import Channel
from kliento.workforce.selectors import (
    backlog,
    first_response_percentile,
    handle_time_by_weekday_hour,
    rostered_now,
)

# Channels a customer waits on for an answer (a store or a delivery is not a queue).
ANSWERING_CHANNELS = ("phone", "chat", "email", "social", "web")
RECENT = timedelta(weeks=4)
BACKLOG_WINDOW = timedelta(days=2)
MIN_SAMPLES = 5
CACHE_SECONDS = 300


@dataclass(frozen=True, slots=True)
class ResponseTimeEstimate:
    """``seconds`` a customer should expect to wait on ``channel_code`` for a first answer;
    ``percentile_s`` and ``backlog_s`` the two readings it is the larger of (``None`` when not
    measurable), ``samples`` the contacts the percentile rests on."""

    channel_code: str
    seconds: float
    percentile_s: float | None
    backlog_s: float | None
    samples: int


def response_time_estimate(channel: Channel, *, now: datetime | None = None,
                           ) -> ResponseTimeEstimate | None:
    """The estimate for ``channel`` now, or ``None`` without recent answered contacts."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    since = local.date() - RECENT
    percentile, samples = first_response_percentile(
        channel, since=since, weekday=local.isoweekday(), hour=local.hour)
    if samples < MIN_SAMPLES:
        percentile, samples = first_response_percentile(channel, since=since)
    if samples < MIN_SAMPLES:
        return None
    waiting = backlog(channel, now=now, within=BACKLOG_WINDOW)
    agents = rostered_now(channel, now)
    backlog_s = None
    if waiting and agents:
        aht = handle_time_by_weekday_hour(channel, since, local.date())[local.weekday(),
                                                                        local.hour]
        backlog_s = waiting * float(aht) / agents
    return ResponseTimeEstimate(channel.code, max(percentile, backlog_s or 0.0), percentile,
                                backlog_s, samples)


def response_time_estimates(*, now: datetime | None = None) -> dict[str, float]:
    """``{channel code: seconds}`` for every answering channel with an estimate, cached for
    :data:`CACHE_SECONDS` (the numbers only: the words are made in each visitor's language)."""
    cached = cache.get("workforce:response-times")
    if cached is not None and now is None:
        return cached
    estimates = {}
    for channel in Channel.objects.filter(code__in=ANSWERING_CHANNELS).order_by("code"):
        estimate = response_time_estimate(channel, now=now)
        if estimate is not None:
            estimates[channel.code] = estimate.seconds
    if now is None:
        cache.set("workforce:response-times", estimates, CACHE_SECONDS)
    return estimates


def promised_wait(seconds: float) -> str:
    """A wait as a customer reads it, rounded up so that it is a promise we keep: 5 minutes
    steps within the hour, whole hours within two days, then days."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 5:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    if minutes <= 60:
        minutes = 5 * math.ceil(minutes / 5)
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = math.ceil(minutes / 60)
    if hours <= 48:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days = math.ceil(hours / 24)
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def response_time_sentence(channel_code: str, seconds: float) -> str:
    """"We usually reply to e-mails within 3 hours", in the active language."""
    wait = promised_wait(seconds)
    if channel_code == "phone":
        return _("We usually answer calls within %(wait)s.") % {"wait": wait}
    if channel_code == "chat":
        return _("We usually answer chats within %(wait)s.") % {"wait": wait}
    if channel_code == "email":
        return _("We usually reply to e-mails within %(wait)s.") % {"wait": wait}
    return _("We usually reply within %(wait)s.") % {"wait": wait}


def response_time_for(channel: Channel | None) -> str | None:
    """The sentence for ``channel`` now (cached estimates), or ``None`` where it does not
    apply: no channel, not one customers wait on, or nothing measured yet."""
    if channel is None or channel.code not in ANSWERING_CHANNELS:
        return None
    seconds = response_time_estimates().get(channel.code)
    return None if seconds is None else response_time_sentence(channel.code, seconds)
