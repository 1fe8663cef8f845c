"""Pages for defects: the list with their lifecycle, logging one, the photo, the analysis
(rate, effect on scores, agents versus surroundings) and the customer's short public form."""

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize, visible
from kliento.defects import selectors, services
from kliento.defects.forms import (
    AnalysisPeriodForm,
    CustomerDefectForm,
    DefectFilterForm,
    DefectLogForm,
)
from kliento.defects.models import Defect
from kliento.defects.presentation import effect_sentence, weekly_bars
from kliento.surveys.report_link import invitation_for_report_token
from kliento.ui.customer_pages import customer_page_language

PAGE_SIZE = 50


@page_requires("defects.view_defect")
def defect_list(request):
    form = DefectFilterForm(request.GET or None)
    defects = visible(request.user, "defects.view_defect",
                      selectors.defect_list(**form.params()))
    page = Paginator(defects, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "defects/list.html", {"form": form, "page": page,
                                                 "now": timezone.now()})


def _source_for(user) -> str:
    return Defect.Source.AUDITOR if user.groups.filter(name="Auditor").exists() \
        else Defect.Source.STAFF


@page_requires("defects.add_defect")
def defect_new(request):
    form = DefectLogForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.defect_log(
                category=data["category"] or None, description=data["description"],
                source=_source_for(request.user), location=data["location"],
                touchpoint=data["touchpoint"], reported_by=request.user, owner=data["owner"],
                due_at=data["due_at"], photo=data["photo"],
                language=translation.get_language() or "en")
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The defect is logged."))
            return redirect("defects:list")
    return render(request, "defects/new.html", {"form": form})


@page_requires("defects.change_defect")
@require_POST
def defect_fix(request, pk: int):
    defect = get_object_or_404(Defect, pk=pk)
    authorize(request.user, "defects.change_defect", defect)
    _apply(request, lambda: services.defect_fix(defect, by=request.user),
           _("Marked fixed: someone else now checks it."))
    return redirect("defects:list")


@page_requires("defects.verify_defect")
@require_POST
def defect_verify(request, pk: int):
    defect = get_object_or_404(Defect, pk=pk)
    authorize(request.user, "defects.verify_defect", defect)
    fixed = request.POST.get("fixed", "yes") == "yes"
    _apply(request, lambda: services.defect_verify(defect, by=request.user, fixed=fixed),
           _("The fix is verified.") if fixed else _("Not fixed after all: open again."))
    return redirect("defects:list")


def _apply(request, action, success: str) -> None:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)


@page_requires("defects.view_defect")
def defect_photo(request, pk: int):
    defect = get_object_or_404(Defect, pk=pk)
    authorize(request.user, "defects.view_defect", defect)
    path = services.photo_directory() / defect.photo if defect.photo else None
    if path is None or not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=mimetypes.guess_type(path.name)[0])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@page_requires("defects.view_defect_analysis")
def defect_analysis(request):
    form = AnalysisPeriodForm(request.GET or None)
    weeks = form.cleaned_data.get("weeks") or 12 if form.is_valid() else 12
    location = form.cleaned_data.get("location") if form.is_valid() else None
    end = timezone.now()
    start = end - timezone.timedelta(weeks=weeks)
    location_id = location.pk if location else None
    rates = selectors.defect_rates(start, end, location_id=location_id)
    effect = selectors.open_defect_effect(start, end, location_id=location_id)
    splits = selectors.location_splits(start, end)
    if location_id:
        splits = [split for split in splits if split.location_id == location_id]
    return render(request, "defects/analysis.html", {
        "form": form, "start": start, "end": end, "rates": rates,
        "chart": weekly_bars(rates.weeks, rates.per_thousand_by_week),
        "effect": effect, "effect_sentence": effect_sentence(effect), "splits": splits,
        "min_visits": selectors.MIN_VISITS_FOR_RATE})


def defect_report(request, token: str):
    """The customer's short form, linked from a survey's thank-you page (no sign-in: the
    signed link is the key; a few reports per answer at most)."""
    invitation = invitation_for_report_token(token)
    language = customer_page_language(request, invitation and invitation.language)
    with translation.override(language):
        context = {"language": language, "languages": settings.LANGUAGES}
        if invitation is None:
            return render(request, "defects/public/not_found.html", context, status=404)
        form = CustomerDefectForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.defect_report_by_customer(
                    invitation, category=data["category"] or None,
                    description=data["description"], photo=data["photo"])
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return render(request, "defects/public/thanks.html", context)
        return render(request, "defects/public/report.html", context | {"form": form})
