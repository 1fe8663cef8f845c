"""The people analyses for leads and managers: upsell at the right moment, and turnover,
tenure and training. Each narrows its rows to the contacts the person reaches."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import visible
from kliento.interactions.models import Interaction
from kliento.organisation.models import Team
from kliento.people.forms import ScorecardForm, TrainingImportForm, period_of
from kliento.people.models import Training
from kliento.people.selectors import scorecard_agents
from kliento.people.services import trainings_import
from kliento.people.upsell import (
    GROUPINGS,
    offers_during_complaints,
    score_cost_of_offering,
    upsell_by_product,
    upsell_rates,
)
from kliento.people.workforce_health import (
    last_quarters,
    tenure_curve,
    training_effects,
    turnover_by_team,
)
from kliento.surveys.models import SurveyResponse


@page_requires("people.view_people_analytics")
def upsell(request):
    form = ScorecardForm(request.GET or None)
    start, end = period_of(form.months_chosen(), timezone.localdate())
    interactions = visible(request.user, "interactions.view_interaction",
                           Interaction.objects.all())
    responses = visible(request.user, "surveys.view_surveyresponse",
                        SurveyResponse.objects.filter(interaction__isnull=False))
    complaints = Paginator(offers_during_complaints(interactions, start, end), 25).get_page(
        request.GET.get("page"))
    return render(request, "people/upsell.html", {
        "form": form, "start": start, "end": end,
        "tables": [(by, upsell_rates(interactions, start, end, by)) for by in GROUPINGS],
        "products": upsell_by_product(interactions, start, end),
        "costs": score_cost_of_offering(responses, start, end),
        "complaints": complaints})


@page_requires("people.view_people_analytics")
def workforce_health(request):
    today = timezone.localdate()
    agents = list(scorecard_agents(request.user))
    teams = list(Team.objects.filter(pk__in={a.team_id for a in agents if a.team_id})
                 .order_by("name"))
    year_ago = today - timedelta(days=365)
    trainings = list(Training.objects.filter(attendances__agent__in=agents).distinct()
                     .prefetch_related("agents").order_by("-held_on")[:20])
    return render(request, "people/workforce.html", {
        "turnover": turnover_by_team(teams, last_quarters(today, 4)),
        "curve": tenure_curve(agents, year_ago, today),
        "effects": training_effects(trainings),
        "import_form": TrainingImportForm()})


@page_requires("people.add_training")
@require_POST
def training_import(request):
    form = TrainingImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("people:workforce")
    try:
        added = trainings_import(form.cleaned_data["file"].read().decode("utf-8", "replace"))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, ngettext("%(count)d attendance added.",
                                           "%(count)d attendances added.", added)
                         % {"count": added})
    return redirect("people:workforce")
