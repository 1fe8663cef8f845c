"""The customer's survey page: no login, the link's token is the key.

Mobile-first and light (no charts, no framework), in the customer's language with a
switcher; a used, expired or altered link gets a friendly page that says what happened.

The pages set no cookie and need none, so they are exempt from CSRF protection: that
protection is for requests a browser authenticates by itself with its cookies, and these
are authorised by the link's own unguessable token, which a forging site cannot know. So
the survey works where cookies are blocked (a kiosk, a strict browser) and asks for no
cookie consent.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kliento.surveys.forms import AnswerForm, answer_form_class
from kliento.surveys.models import Invitation
from kliento.surveys.presentation import invitation_about
from kliento.surveys.question_bank import text_in
from kliento.surveys.selectors import invitation_by_token, invitation_to_answer
from kliento.surveys.services import (
    InvitationClosed,
    invitation_answer,
    invitation_draft_save,
    invitation_open,
)
from kliento.ui.customer_pages import customer_page_language


def page_language(request, invitation: Invitation | None) -> str:
    return customer_page_language(request, invitation and invitation.language)


def closed_page(request, invitation: Invitation | None, language: str, reason: str,
                status: int) -> HttpResponse:
    survey = invitation.survey if invitation else None
    closing = text_in(survey.closing_text, language, survey.default_language) if survey else ""
    return render(request, "surveys/public/closed.html",
                  {"reason": reason, "closing": closing, "language": language}, status=status)


def answer_form(invitation: Invitation, language: str, data=None) -> AnswerForm:
    form_class = answer_form_class(invitation.survey, language)
    return form_class(data, initial={"full_name": invitation.customer.full_name}
                      | invitation.draft)


@csrf_exempt
def survey_respond(request, token: str):
    sending = request.method == "POST" and request.POST.get("action") != "save"
    # Sending is the busy request and needs less: a lean lookup (the page loads the rest,
    # such as who served the customer, only if it is shown again with errors).
    invitation = invitation_to_answer(token) if sending else invitation_by_token(token)
    language = page_language(request, invitation)
    with translation.override(language):
        if invitation is None:
            return closed_page(request, None, language, "unknown", status=404)
        if invitation.answered_at:
            return closed_page(request, invitation, language,
                               "thanks" if request.GET.get("sent") else "answered", status=200)
        if invitation.expires_at <= timezone.now():
            return closed_page(request, invitation, language, "expired", status=410)
        saved = False
        if request.method == "POST":
            form = answer_form(invitation, language, request.POST)
            if request.POST.get("action") == "save":
                try:
                    invitation_draft_save(invitation, form.draft())
                except InvitationClosed as closed:
                    return closed_page(request, invitation, language, closed.reason, status=410)
                saved = True
                form = answer_form(invitation, language)
            elif form.is_valid():
                try:
                    invitation_answer(invitation, form.answers(),
                                      full_name=form.cleaned_data["full_name"],
                                      language=language, questions=form.questions)
                except InvitationClosed as closed:
                    return closed_page(request, invitation, language, closed.reason, status=410)
                except ValidationError as error:
                    for field, messages in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages)
                else:
                    return HttpResponseRedirect(f"{request.path}?lang={language}&sent=1")
        else:
            invitation_open(invitation, language=request.GET.get("lang") and language)
            form = answer_form(invitation, language)
        return render(request, "surveys/public/survey.html", {
            "invitation": invitation, "form": form, "language": language, "saved": saved,
            "about": invitation_about(invitation),
            "languages": settings.LANGUAGES,
        }, status=400 if request.method == "POST" and form.errors else 200)


@csrf_exempt
@require_POST
def survey_draft_save(request, token: str):
    """Autosave from the page's script: keep what is filled in so far."""
    invitation = invitation_by_token(token)
    if invitation is None or invitation.answered_at or invitation.expires_at <= timezone.now():
        return HttpResponse(status=410)
    language = page_language(request, invitation)
    with translation.override(language):
        invitation_draft_save(invitation, answer_form(invitation, language, request.POST).draft())
        return render(request, "surveys/public/_saved.html")
