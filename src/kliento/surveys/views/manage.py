"""Pages for managers and agents: define surveys, invite customers, take a survey by phone."""

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize, may, visible
from kliento.customers.models import Customer
from kliento.interactions.models import Channel
from kliento.surveys.forms import (
    AnswerForm,
    CustomerLookupForm,
    CustomQuestionForm,
    InviteForm,
    QuestionEditForm,
    SurveyCreateForm,
)
from kliento.surveys.models import Invitation, Question, Survey
from kliento.surveys.question_bank import LANGUAGES, missing_languages, text_in
from kliento.surveys.selectors import customer_responses, surveys_with_counts
from kliento.surveys.services import (
    InvitationRefused,
    invitation_create,
    question_add,
    question_change,
    question_delete,
    question_move,
    survey_create,
)
from kliento.surveys.submission import invitation_answer


@page_requires("surveys.view_survey")
def survey_list(request):
    return render(request, "surveys/list.html", {"surveys": surveys_with_counts()})


@page_requires("surveys.add_survey")
def survey_add(request):
    form = SurveyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = survey_create(blocks=form.cleaned_data["blocks"], **{
            name: form.cleaned_data[name]
            for name in ("name", "default_language", "trigger", "valid_days", "anonymous")})
        messages.success(request, _("Survey created. Add your own questions below if needed."))
        return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/new.html", {"form": form})


@page_requires("surveys.view_survey")
def survey_detail(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    form = CustomQuestionForm(request.POST or None)
    if request.method == "POST":
        authorize(request.user, "surveys.add_question")
        if form.is_valid():
            try:
                question_add(survey=survey, kind=form.cleaned_data["kind"], text=form.texts(),
                             options=form.cleaned_data.get("options", []),
                             scale_low=form.cleaned_data["scale_low"],
                             scale_high=form.cleaned_data["scale_high"],
                             required=form.cleaned_data["required"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Question added."))
                return redirect("surveys:detail", survey.pk)
    language = request.LANGUAGE_CODE
    questions = [
        {"question": question, "text": text_in(question.text, language, survey.default_language),
         "missing": missing_languages(question.text)}
        for question in survey.questions.all()
    ]
    # Customers' answers only: an employee survey's answers are shown nowhere one by one.
    responses = visible(request.user, "surveys.view_surveyresponse",
                        customer_responses().filter(survey=survey)
                        .select_related("customer"))[:10]
    return render(request, "surveys/detail.html", {
        "survey": survey, "questions": questions, "form": form, "responses": responses,
        "preview_languages": [(code, translation.get_language_info(code)["name_local"])
                              for code in LANGUAGES]})


@page_requires("surveys.change_question")
def question_edit(request, pk: int, question_pk: int):
    question = get_object_or_404(Question, pk=question_pk, survey_id=pk)
    form = QuestionEditForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            question_change(question, text=form.texts(), required=form.cleaned_data["required"],
                            options=form.cleaned_data.get("options"),
                            scale_low=form.cleaned_data.get("scale_low"),
                            scale_high=form.cleaned_data.get("scale_high"))
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Question saved."))
            return redirect("surveys:detail", pk)
    return render(request, "surveys/question_edit.html", {
        "survey": question.survey, "question": question, "form": form})


@require_POST
@page_requires("surveys.delete_question")
def question_remove(request, pk: int, question_pk: int):
    question = get_object_or_404(Question, pk=question_pk, survey_id=pk)
    try:
        question_delete(question)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("Question deleted."))
    return redirect("surveys:detail", pk)


@require_POST
@page_requires("surveys.change_question")
def question_reorder(request, pk: int, question_pk: int):
    question = get_object_or_404(Question, pk=question_pk, survey_id=pk)
    question_move(question, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(reverse("surveys:detail", args=[pk]) + f"#question-{question.pk}")


@page_requires("surveys.view_survey")
def survey_preview(request, pk: int):
    """The survey as a customer sees it, in any of the five languages; nothing is saved. The
    notes above it, in the manager's language, name the questions the language lacks."""
    survey = get_object_or_404(Survey, pk=pk)
    language = request.GET.get("lang") if request.GET.get("lang") in LANGUAGES \
        else survey.default_language
    questions = list(survey.questions.all())
    untranslated = [text_in(question.text, request.LANGUAGE_CODE, survey.default_language)
                    for question in questions if language in missing_languages(question.text)]
    with translation.override(language):
        form = AnswerForm(questions=questions, language=language,
                          fallback=survey.default_language)
        customer_part = {
            "questions": render_to_string("surveys/public/_questions.html", {"form": form}),
            "send": _("Send my answers"), "closing": survey.closing_text.get(language, "")}
    return render(request, "surveys/preview.html", {
        "survey": survey, "untranslated": untranslated, "language": language,
        "languages": settings.LANGUAGES, "customer_part": customer_part})


@page_requires("surveys.add_invitation")
def survey_invite(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk, is_active=True)
    # ?customer= names the customer just added on the new-customer page.
    form = InviteForm(request.POST or None, channels=Channel.objects.all(),
                      customers=_reachable_customers(request),
                      initial={"customer": request.GET.get("customer", "")})
    context = {"survey": survey, "form": form}
    if request.method == "POST" and form.is_valid() and _serves(request, form):
        try:
            invitation, url = invitation_create(
                survey=survey, customer=form.cleaned_data["customer"],
                channel=Channel.objects.get(code=form.cleaned_data["channel"]),
                delivery=form.cleaned_data["delivery"], created_by=request.user,
                base_url=request.build_absolute_uri("/"))
        except InvitationRefused as refused:
            form.add_error("customer", refused.message)
        else:
            context |= {"invitation": invitation, "url": url}
            if invitation.delivery == Invitation.Delivery.LINK:
                context["qr_svg"] = segno.make(url, error="m").svg_inline(
                    scale=5, title=_("Survey link"))
    return render(request, "surveys/invite.html", context)


@page_requires("surveys.add_invitation")
def phone_answers_record(request, pk: int):
    """An agent asks the questions on the phone, in the customer's language, and enters the
    answers; the response is stored exactly as if the customer had filled in the page."""
    survey = get_object_or_404(Survey, pk=pk, is_active=True)
    lookup = CustomerLookupForm(request.GET if "customer" in request.GET else None,
                                customers=_reachable_customers(request))
    context = {"survey": survey, "lookup": lookup}
    if lookup.is_bound and lookup.is_valid() and _serves(request, lookup):
        customer = lookup.cleaned_data["customer"]
        language = customer.preferred_language
        form = AnswerForm(request.POST or None, questions=survey.questions.all(),
                          language=language, fallback=survey.default_language,
                          initial={"full_name": customer.full_name})
        context |= {"customer": customer, "form": form, "customer_language": language}
        if request.method == "POST" and form.is_valid():
            try:
                invitation, _url = invitation_create(
                    survey=survey, customer=customer,
                    channel=Channel.objects.get(code=Channel.Code.PHONE),
                    delivery=Invitation.Delivery.PHONE, created_by=request.user)
                invitation_answer(invitation, form.answers(),
                                  full_name=form.cleaned_data["full_name"], language=language)
            except InvitationRefused as refused:
                form.add_error(None, refused.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The answers of %(customer)s are saved.")
                                 % {"customer": customer.full_name})
                return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/phone.html", context)


def _reachable_customers(request):
    return visible(request.user, "customers.view_customer", Customer.objects.all())


def _serves(request, form) -> bool:
    """Only someone who serves the customer (or their team, or everyone) asks them; anyone
    else is told so beside the field, as for an unknown customer."""
    if may(request.user, "surveys.add_invitation", form.cleaned_data["customer"]):
        return True
    form.add_error("customer", _("No customer you serve has this id."))
    return False
