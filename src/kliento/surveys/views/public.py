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
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kliento.measure.scores import DETRACTOR_UP_TO
from kliento.surveys.models import Invitation
from kliento.surveys.presentation import invitation_about
from kliento.surveys.question_bank import text_in
from kliento.surveys.report_link import report_path
from kliento.surveys.selectors import invitation_by_token
from kliento.surveys.services import invitation_draft_save
from kliento.surveys.submission import answer_form, survey_page_visit
from kliento.ui.customer_pages import customer_page_language
from kliento.workforce.response_times import response_time_for


def page_language(request, invitation: Invitation | None) -> str:
    return customer_page_language(request, invitation and invitation.language)


def closed_page(request, invitation: Invitation | None, language: str, reason: str,
                status: int) -> HttpResponse:
    survey = invitation.survey if invitation else None
    closing = text_in(survey.closing_text, language, survey.default_language) if survey else ""
    return render(request, "surveys/public/closed.html",
                  {"reason": reason, "closing": closing, "language": language,
                   "response_time": _reply_expected(invitation, reason),
                   # What else was wrong around the visit: the short defect form.
                   "report_path": report_path(invitation) if invitation and reason == "thanks"
                   and invitation.response_id else None}, status=status)


def _reply_expected(invitation: Invitation | None, reason: str) -> str | None:
    """When to expect our answer, where one may come: the customer just sent a comment or a
    low score (recovery follows those up) on a channel they wait on for answers."""
    response = invitation.response if invitation and reason == "thanks" else None
    if response is None:
        return None
    low = response.nps is not None and response.nps <= DETRACTOR_UP_TO
    return response_time_for(invitation.channel) if low or response.comment else None


@csrf_exempt
def survey_respond(request, token: str):
    posted = request.method == "POST"
    page = survey_page_visit(
        token, data=request.POST if posted else None,
        action=request.POST.get("action") if posted else None,
        language_of=lambda invitation: page_language(request, invitation),
        switched=bool(request.GET.get("lang")), thanks=bool(request.GET.get("sent")))
    if page.sent:  # the busy path: no words to translate
        return HttpResponseRedirect(f"{request.path}?lang={page.language}&sent=1")
    with translation.override(page.language):
        if page.closed:
            return closed_page(request, page.invitation, page.language, page.closed,
                               status=page.status)
        return render(request, "surveys/public/survey.html", {
            "invitation": page.invitation, "form": page.form, "language": page.language,
            "saved": page.saved, "about": invitation_about(page.invitation),
            "languages": settings.LANGUAGES,
        }, status=page.status)


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
