"""Pages for promises: the agent's list of promises to keep, with the kept rate beside it,
and the customer's status page reached by the link in their e-mail (no login)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize
from kliento.audit_trail.selectors import object_history
from kliento.organisation.periods import WEEK_CHOICES, period_ending_this_week
from kliento.promises.forms import PromiseCloseForm, PromisePageForm
from kliento.promises.models import Promise
from kliento.promises.presentation import specification_lines, status_words
from kliento.promises.selectors import (
    LATER,
    OVERDUE,
    TODAY,
    Breakdown,
    Scope,
    promise_by_status_token,
    promise_kept_rate,
    promise_kept_rates,
    promise_scopes_for,
    promise_status_link_expires_at,
    promise_to_keep,
    promise_urgency_counts,
    promises_to_keep,
)
from kliento.promises.services import promise_acknowledge as promise_acknowledge_service
from kliento.promises.services import promise_update
from kliento.ui.customer_pages import customer_page_language
from kliento.ui.formatting import format_moment
from kliento.workforce.response_times import response_time_for

PAGE_SIZE = 50
BREAKDOWN_TITLES = {Breakdown.KIND: gettext_lazy("By kind"),
                    Breakdown.TEAM: gettext_lazy("By team"),
                    Breakdown.OWNER: gettext_lazy("By owner")}


@page_requires("promises.view_promise")
def promise_list(request):
    scopes = promise_scopes_for(request.user)
    # Someone who may see promises but is no agent, lead or manager sees an empty list.
    form = PromisePageForm(request.GET or None, scopes=scopes or [Scope.MINE])
    params = form.params()
    now = timezone.now()
    page = Paginator(promises_to_keep(request.user, params["scope"], now),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    period = period_ending_this_week(params["weeks"])
    start, end = period.first_monday, period.last_day
    return render(request, "promises/list.html", {
        "form": form, "params": params, "scopes": scopes, "page": page,
        "counts": promise_urgency_counts(request.user, params["scope"], now),
        "urgency": {"overdue": OVERDUE, "today": TODAY, "later": LATER},
        "period": period, "week_choices": WEEK_CHOICES,
        "overall": promise_kept_rate(start, end, now),
        "breakdowns": [{"key": by.value, "title": BREAKDOWN_TITLES[by],
                        "rates": promise_kept_rates(by, start, end, now)}
                       for by in _breakdowns(request.user)],
    })


def _breakdowns(user) -> tuple[Breakdown, ...]:
    """Kept rates by team and owner compare colleagues: for those who explore measures."""
    if user.has_perm("access.explore_measures"):
        return Breakdown.KIND, Breakdown.TEAM, Breakdown.OWNER
    return (Breakdown.KIND,)


def _back(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return "promises:list"


@page_requires("promises.change_promise")
@require_POST
def promise_close(request, pk: int):
    promise = promise_to_keep(request.user, pk)
    if promise is None:
        raise Http404
    form = PromiseCloseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back(request))
    try:
        promise = promise_update(promise, by=request.user,
                                 **form.service_kwargs(timezone.now()))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, _("%(customer)s: %(message)s") % {
                "customer": promise.customer.full_name, "message": message})
    else:
        closed = {
            Promise.Status.KEPT: _("The promise to %(customer)s is marked kept."),
            Promise.Status.LATE: _("The promise to %(customer)s is marked kept late."),
            Promise.Status.BROKEN: _("The promise to %(customer)s is marked broken."),
        }[promise.status]
        messages.success(request, closed % {"customer": promise.customer.full_name})
    return redirect(_back(request))


@page_requires("promises.change_promise")
@require_POST
def promise_acknowledge(request, pk: int):
    """The new owner of a handed-over promise takes it on (before it escalates)."""
    promise = get_object_or_404(Promise.objects.select_related("customer", "owner__user"), pk=pk)
    authorize(request.user, "promises.change_promise", promise)
    try:
        promise_acknowledge_service(promise, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You have taken on the promise to %(customer)s.")
                         % {"customer": promise.customer.full_name})
    return redirect(_back(request))


def promise_status_detail(request, token: str):
    """What we promised the customer, by when, and whether it was kept — in their language
    with a switcher. Read-only, so the link keeps working after the promise closes, until
    it expires (:func:`~kliento.promises.selectors.promise_status_link_expires_at`)."""
    promise = promise_by_status_token(token)
    language = customer_page_language(request, promise and promise.customer.preferred_language)
    with translation.override(language):
        context = {"language": language, "languages": settings.LANGUAGES}
        if promise is None:
            return render(request, "promises/public/not_found.html", context, status=404)
        expires_at = promise_status_link_expires_at(promise)
        if expires_at is not None and expires_at <= timezone.now():
            return render(request, "promises/public/expired.html", context, status=410)
        return render(request, "promises/public/status.html", context | {
            "promise": promise, "due": format_moment(promise.due_at),
            "specification": specification_lines(promise.specification),
            "words": status_words(promise),
            "response_time": response_time_for(
                promise.interaction.channel if promise.interaction else None)})


@page_requires("promises.view_promise")
def promise_history(request, pk: int):
    """Who changed the promise, when, through which door, and what it was before."""
    promise = get_object_or_404(Promise.objects.select_related("customer", "owner__user"), pk=pk)
    authorize(request.user, "promises.view_promise", promise)
    return render(request, "promises/history.html",
                  {"promise": promise, "history": object_history(promise)})
