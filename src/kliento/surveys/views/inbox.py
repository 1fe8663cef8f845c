"""The responses inbox: every answer within the reader's reach, filtered, searched, paged by
keyset; one answer with its tags, notes and assignee; the filtered set as a download."""

from itertools import islice
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize, authorize_handover, may, visible
from kliento.interactions.models import Channel, Touchpoint
from kliento.organisation.models import Agent, Team
from kliento.surveys.export import XLSX_ROW_LIMIT, responses_as_csv, responses_as_xlsx
from kliento.surveys.forms import (
    InboxFilterForm,
    ResponseAssignForm,
    ResponseNoteForm,
    ResponseTagForm,
)
from kliento.surveys.models import SCALES, Survey, SurveyResponse
from kliento.surveys.selectors import inbox_page, survey_response_detail, survey_response_inbox
from kliento.surveys.services import (
    response_assign,
    response_note_add,
    response_tag_add,
    response_tag_remove,
)

VIEW = "surveys.view_surveyresponse"
CHANGE = "surveys.change_surveyresponse"
PAGE_SIZE = 50


def _colleagues():
    """People one may give a response to: those whose role may act on responses."""
    return (get_user_model().objects.filter(
        is_active=True, groups__permissions__codename="change_surveyresponse",
        groups__permissions__content_type__app_label="surveys")
        .distinct().order_by("first_name", "last_name", "username"))


def _filter_form(request) -> InboxFilterForm:
    return InboxFilterForm(
        request.GET, surveys=Survey.objects.filter(audience=Survey.Audience.CUSTOMERS),
        touchpoints=Touchpoint.objects.all(),
        channels=Channel.objects.all(),
        agents=Agent.objects.select_related("user").order_by("user__first_name"),
        teams=Team.objects.all(), colleagues=_colleagues())


def _filtered(request) -> tuple[InboxFilterForm, object]:
    form = _filter_form(request)
    return form, visible(request.user, VIEW, survey_response_inbox(**form.filters()))


@page_requires(VIEW)
def response_inbox(request):
    form, responses = _filtered(request)
    page = inbox_page(responses, after=request.GET.get("after", ""), size=PAGE_SIZE)
    template = ("surveys/_inbox_rows.html" if request.headers.get("HX-Request")
                else "surveys/inbox.html")
    query = request.GET.copy()
    query.pop("after", None)
    return render(request, template, {
        "form": form, "page": page, "query": query.urlencode(),
        "first_page": not request.GET.get("after")})


@page_requires(VIEW)
def response_export(request, file_format: str):
    _form, responses = _filtered(request)
    stamp = timezone.localdate().isoformat()
    if file_format == "csv":
        reply = StreamingHttpResponse(responses_as_csv(responses.iterator(chunk_size=2000)),
                                      content_type="text/csv; charset=utf-8")
    else:
        reply = HttpResponse(
            responses_as_xlsx(islice(responses.iterator(chunk_size=2000), XLSX_ROW_LIMIT)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    reply["Content-Disposition"] = f'attachment; filename="responses-{stamp}.{file_format}"'
    return reply


def _response_or_404(pk: int) -> SurveyResponse:
    try:
        return survey_response_detail(pk)
    except SurveyResponse.DoesNotExist:
        raise Http404 from None


@page_requires(VIEW)
def response_detail(request, pk: int):
    response = _response_or_404(pk)
    authorize(request.user, VIEW, response)
    scores = [(label, getattr(response, field)) for field, label, _low, _high in SCALES
              if getattr(response, field) is not None]
    return render(request, "surveys/response.html", {
        "response": response, "scores": scores, "may_change": may(request.user, CHANGE,
                                                                  response),
        "may_open_case": may(request.user, "recovery.add_recoverycase"),
        "tag_form": ResponseTagForm(), "note_form": ResponseNoteForm(),
        "assign_form": ResponseAssignForm(colleagues=_colleagues(), initial={
            "assignee": getattr(getattr(response, "assignment", None), "assignee_id", None)}),
        "back": request.GET.get("back", ""),
    })


@page_requires(CHANGE)
@require_POST
def response_change(request, pk: int):
    """Tag, untag, note or assign — the form's ``action`` says which."""
    response = _response_or_404(pk)
    authorize(request.user, CHANGE, response)
    action = request.POST.get("action")
    try:
        if action == "tag":
            form = ResponseTagForm(request.POST)
            if form.is_valid():
                response_tag_add(response, form.cleaned_data["name"])
        elif action == "untag":
            response_tag_remove(response, request.POST.get("name", ""))
            form = None
        elif action == "note":
            form = ResponseNoteForm(request.POST)
            if form.is_valid():
                response_note_add(response, author=request.user,
                                  text=form.cleaned_data["text"])
        elif action == "assign":
            form = ResponseAssignForm(request.POST, colleagues=_colleagues())
            if form.is_valid():
                assignee = form.cleaned_data["assignee"]
                authorize_handover(request.user, assignee)
                response_assign(response, assignee=assignee, by=request.user)
        else:
            messages.error(request, _("Nothing was changed."))
            return _back_to_response(request, response)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if form is not None and form.errors:
            messages.error(request, " ".join(e for errors in form.errors.values()
                                             for e in errors))
        else:
            messages.success(request, _("Saved."))
    return _back_to_response(request, response)


def _back_to_response(request, response: SurveyResponse):
    """The response's page again, keeping the inbox filters its "All responses" link
    returns to."""
    url = reverse("surveys:response", args=[response.pk])
    back = request.POST.get("back", "")
    return redirect(f"{url}?{urlencode({'back': back})}" if back else url)
