"""Throttling of password guesses (django-axes): every check of a password made for a web
request — the sign-in page, the admin's, the approver's password on a compensation grant —
counts failures per account and per client address, and refuses further tries for a cool-off
once either reaches the limit."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class SignInThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, except for passwords checked outside a web request (the shell, a
    management command): whoever runs those is already on the server, and has no address."""

    def authenticate(self, request: HttpRequest | None, username=None, password=None,
                     **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request: HttpRequest) -> str | None:
    """The address a request came from. Behind ``KLIENTO_PROXY_COUNT`` reverse proxies every
    request arrives from the nearest proxy, so the client is read from ``X-Forwarded-For``,
    counted from the right: entries further left were written by the client and can be forged.
    """
    proxies = settings.KLIENTO_PROXY_COUNT
    if proxies:
        forwarded = [hop.strip() for hop in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def locked_out_page(request: HttpRequest, original_response: HttpResponse | None = None,
                    credentials: dict | None = None) -> HttpResponse:
    """429 with a page that says why and for how long (axes' own is one English sentence)."""
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)
