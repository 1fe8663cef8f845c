"""Pages for occasions and offers: the coming birthdays and name days, the name days a
manager adds, and offer experiments — define, size, launch, print, and read the outcome."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize
from kliento.experiments.power import customers_per_arm
from kliento.occasions import offers, selectors, services
from kliento.occasions.forms import ExperimentForm, NameDayForm, PowerForm
from kliento.occasions.models import NameDay, OfferAssignment, OfferExperiment
from kliento.occasions.offer_results import offer_results
from kliento.organisation.calendar import local_date

UPCOMING_DAYS = 14


@page_requires("occasions.view_nameday")
def occasion_list(request):
    today = local_date(timezone.now())
    return render(request, "occasions/list.html", {
        "occasions": selectors.occasions_between(today, UPCOMING_DAYS),
        "days": UPCOMING_DAYS, "form": NameDayForm(),
        "added": NameDay.objects.select_related("added_by")[:50]})


@page_requires("occasions.add_nameday")
@require_POST
def name_day_add(request):
    form = NameDayForm(request.POST)
    if form.is_valid():
        try:
            services.name_day_add(added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The name day is added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("occasions:list")


@page_requires("occasions.view_offerexperiment")
def experiment_list(request):
    form = ExperimentForm(request.POST or None)
    if request.method == "POST":
        authorize(request.user, "occasions.add_offerexperiment")
        if form.is_valid():
            data = form.cleaned_data
            try:
                experiment = offers.offer_experiment_create(
                    name=data["name"], occasion=data["occasion"], arms=form.arms(),
                    discount_percent=data["discount_percent"], window_days=data["window_days"],
                    created_by=request.user)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return redirect("occasions:experiment", pk=experiment.pk)
    return render(request, "occasions/experiments.html", {
        "form": form, "experiments": OfferExperiment.objects.prefetch_related("arms"),
        "audience": selectors.offer_audience().count()})


@page_requires("occasions.view_offerexperiment")
def experiment_detail(request, pk: int):
    experiment = get_object_or_404(OfferExperiment.objects.prefetch_related("arms"), pk=pk)
    power_form = PowerForm(request.GET or None)
    base, rise = (power_form.cleaned_data["base_rate"], power_form.cleaned_data["rise"]) \
        if power_form.is_valid() else (10.0, 3.0)
    audience = selectors.offer_audience().count()
    smallest_share = min((arm.share for arm in experiment.arms.all()), default=100)
    needed = customers_per_arm(base / 100, min(0.99, (base + rise) / 100))
    return render(request, "occasions/experiment.html", {
        "experiment": experiment, "results": offer_results(experiment),
        "power_form": power_form, "needed": needed, "audience": audience,
        "smallest_arm": audience * smallest_share // 100, "base": base, "rise": rise})


@page_requires("occasions.launch_offerexperiment")
@require_POST
def experiment_launch(request, pk: int):
    experiment = get_object_or_404(OfferExperiment, pk=pk)
    try:
        assigned = offers.offer_experiment_launch(experiment,
                                                  base_url=request.build_absolute_uri("/"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Launched: %(count)d customers assigned; the offers are "
                                    "on their way.") % {"count": assigned})
    return redirect("occasions:experiment", pk=pk)


@page_requires("occasions.view_offerexperiment")
def experiment_print(request, pk: int):
    """The printable list for stores: who gets what, with the code to redeem."""
    experiment = get_object_or_404(OfferExperiment, pk=pk)
    assignments = (OfferAssignment.objects.filter(experiment=experiment)
                   .exclude(arm__kind="nothing").select_related("customer", "arm")
                   .order_by("customer__full_name"))
    return render(request, "occasions/print.html", {"experiment": experiment,
                                                    "assignments": assignments})
