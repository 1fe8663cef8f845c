"""The person's own alerts: subscribe, see this week's state of each, unsubscribe."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.access.decorators import page_requires
from kliento.alerts.forms import SubscriptionForm
from kliento.alerts.selectors import (
    BASELINE_DAYS,
    FALSE_DISCOVERY_RATE,
    RECENT_DAYS,
    alert_changes,
    subscriptions_of,
)
from kliento.alerts.services import subscription_add, subscription_remove
from kliento.ui.formatting import format_value

# Each measure's value as the dashboard shows it: NPS in signed points, CSAT in per cent.
UNITS = {"nps": "points", "csat": "percent", "ces": "scale7", "kv": "ratio"}


# Everyone who explores the measures may be told when they move; each sees only their own.
@page_requires("access.explore_measures")
def alert_list(request):
    if request.method == "POST" and request.POST.get("action") == "remove":
        subscription = subscriptions_of(request.user).filter(
            pk=request.POST.get("subscription")).first()
        if subscription is None:
            raise Http404
        subscription_remove(subscription)
        messages.success(request, _("Alert removed."))
        return redirect("alerts:list")
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscription_add(user=request.user, **form.cleaned_data)
        messages.success(request, _("Alert added: you will hear when it changes."))
        return redirect("alerts:list")
    changes = [
        {"change": change, "before": _shown(change.subscription.measure, change.before),
         "now": _shown(change.subscription.measure, change.now)}
        for change in alert_changes(subscriptions_of(request.user), timezone.localdate())]
    return render(request, "alerts/list.html", {
        "form": form, "changes": changes, "recent_days": RECENT_DAYS,
        "baseline_days": BASELINE_DAYS, "fdr_percent": round(FALSE_DISCOVERY_RATE * 100)})


def _shown(measure: str, value: float | None) -> str:
    return "—" if value is None else format_value(UNITS[measure], value)
