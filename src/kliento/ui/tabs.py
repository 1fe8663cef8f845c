"""Tabs: pages that show one thing from different sides (a customer's profile and their
consents), each keeping its own URL and its own door. A tab shows only when the user may open
the page behind it: the permission is read from that view's ``page_requires``, so the tab bar
and the role table cannot disagree."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from kliento.access.policy import may


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    current: bool


def tab_bar(request, tabs: Sequence[tuple[str, str]], *args) -> list[Tab]:
    """``tabs``: (URL name, label) in order, each reversed with ``args``. Fewer than two tabs
    the user may open make no bar (an empty list)."""
    shown = []
    for url_name, label in tabs:
        url = reverse(url_name, args=args)
        permission = getattr(resolve(url).func, "required_permission", None)
        if permission and not may(request.user, permission):
            continue
        shown.append(Tab(label, url, url == request.path))
    return shown if len(shown) > 1 else []


# The customer's page: one header, one tab per side of the customer. The journey profile first
# (what happened), then consents and history (what they agreed to, who changed what).
CUSTOMER_TABS = (("journeys:profile", _("Profile and timeline")),
                 ("customers:detail", _("Consents and history")))


def customer_tabs(request, customer) -> list[Tab]:
    return tab_bar(request, CUSTOMER_TABS, customer.pk)
