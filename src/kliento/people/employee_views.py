"""Pages of the anonymous employee survey: answering it, and employee loyalty beside customer
loyalty by team. No page shows a group under the company's smallest group size."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kliento.access.decorators import page_requires
from kliento.organisation.models import Team
from kliento.people.employee_surveys import (
    employee_loyalty,
    employee_survey_answer,
    employee_survey_create,
    employee_survey_open,
)
from kliento.people.forms import EmployeeSurveyForm
from kliento.people.models import Participation
from kliento.people.presentation import loyalty_dots
from kliento.people.selectors import scorecard_agents
from kliento.surveys.submission import answer_form_class


@page_requires("people.view_scorecard")
@require_http_methods(["GET", "POST"])
def employee_survey_page(request):
    agent = getattr(request.user, "agent", None)
    round_ = employee_survey_open(timezone.localdate())
    answered = agent is not None and round_ is not None and Participation.objects.filter(
        employee_survey=round_, agent=agent).exists()
    form = None
    if round_ is not None and agent is not None and not answered:
        language = translation.get_language() or round_.survey.default_language
        form_class = answer_form_class(round_.survey, language)
        form = form_class(request.POST or None, language=language,
                          fallback=round_.survey.default_language)
        if request.method == "POST" and form.is_valid():
            try:
                employee_survey_answer(employee_survey=round_, agent=agent,
                                       answers=form.answers(), language=language[:2])
            except ValidationError as refused:
                messages.error(request, " ".join(refused.messages))
            else:
                messages.success(request, _("Thank you. Your answer counts for your team and "
                                            "is kept without your name."))
            return redirect("people:employee-survey")
    return render(request, "people/employee_survey.html", {
        "round": round_, "form": form, "answered": answered, "agent": agent})


@page_requires("people.view_people_analytics")
def loyalty(request):
    teams = list(Team.objects.filter(pk__in=scorecard_agents(request.user)
                                     .values("team")).order_by("name"))
    loyalty_found = employee_loyalty(teams)
    return render(request, "people/loyalty.html", {
        "loyalty": loyalty_found, "dots": loyalty_dots(loyalty_found.rows),
        "form": EmployeeSurveyForm()})


@page_requires("people.add_employeesurvey")
@require_POST
def employee_survey_new(request):
    form = EmployeeSurveyForm(request.POST)
    if form.is_valid():
        try:
            round_ = employee_survey_create(**form.cleaned_data)
        except (ValidationError, IntegrityError) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        else:
            messages.success(request, _("Employee survey “%(name)s” made: add engagement "
                                        "questions on its survey page.") % {
                                            "name": round_.survey.name})
    else:
        messages.error(request, " ".join(f"{form.fields[field].label}: {' '.join(errors)}"
                                         if field in form.fields else " ".join(errors)
                                         for field, errors in form.errors.items()))
    return redirect("people:loyalty")
