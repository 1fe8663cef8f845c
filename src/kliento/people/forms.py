"""Forms of the people pages: the period and metric to show, a new contest, a bonus period."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kliento.organisation.models import Agent, Team
from kliento.people.models import Contest, Metric

MONTH_CHOICES = (3, 6, 12)


def period_of(months: int, today: date) -> tuple[date, date]:
    """The last ``months`` calendar months up to today, the current one included."""
    first = today.replace(day=1)
    for _step in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return first, today


def month_choices() -> list[tuple[int, str]]:
    """In the request's language: built per form, not once at import."""
    return [(m, ngettext("Last %(months)d month", "Last %(months)d months", m)
             % {"months": m}) for m in MONTH_CHOICES]


class BoardForm(forms.Form):
    """Which metric, over how many months, with what minimum sample. Every field optional:
    a missing or wrong value falls back to its default."""

    metric = forms.ChoiceField(label=_("Metric"), choices=Metric.choices, required=False)
    months = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False)
    minimum = forms.IntegerField(label=_("Minimum sample"), min_value=1, max_value=10000,
                                 required=False)

    DEFAULTS = {"metric": Metric.NPS.value, "months": 3, "minimum": 10}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].choices = month_choices()
        self.initial = dict(self.DEFAULTS)

    def params(self) -> dict:
        values = dict(self.DEFAULTS)
        if self.is_bound:
            self.is_valid()
            values |= {name: value for name, value in self.cleaned_data.items()
                       if value not in (None, "")}
        return values


class ScorecardForm(forms.Form):
    months = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False)

    DEFAULT_MONTHS = 6

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].choices = month_choices()
        self.initial = {"months": self.DEFAULT_MONTHS}

    def months_chosen(self) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data["months"]:
            return self.cleaned_data["months"]
        return self.DEFAULT_MONTHS


class ContestForm(forms.ModelForm):
    class Meta:
        model = Contest
        fields = ["name", "metric", "starts_on", "ends_on", "teams", "agents",
                  "minimum_sample", "prize"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"}),
                   "teams": forms.CheckboxSelectMultiple,
                   "agents": forms.SelectMultiple(attrs={"size": 8}),
                   "prize": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.order_by("name")
        self.fields["agents"].queryset = Agent.objects.filter(left_on__isnull=True) \
            .select_related("user")
        self.fields["teams"].help_text = _("Nobody chosen: every agent takes part.")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", ValidationError(_("The contest ends before it starts.")))
        return cleaned


class PayoutPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, **kwargs):
        today = timezone.localdate()
        last_month_end = today.replace(day=1) - timedelta(days=1)
        initial = {"start": last_month_end.replace(day=1), "end": last_month_end}
        super().__init__(data or None, initial=initial, **kwargs)

    def period(self) -> tuple[date, date]:
        if not self.is_bound:
            return self.initial["start"], self.initial["end"]
        return self.cleaned_data["start"], self.cleaned_data["end"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", ValidationError(_("The period ends before it starts.")))
            elif (end - start).days > 366:
                self.add_error("end", ValidationError(_("Choose at most one year.")))
        return cleaned


class EmployeeSurveyForm(forms.Form):
    name = forms.CharField(label=_("Title of the round"), max_length=120)
    starts_on = forms.DateField(label=_("Open from"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Open until"),
                              widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", ValidationError(_("The survey closes before it opens.")))
        return cleaned


class TrainingImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_(
        "Columns course, held_on (YYYY-MM-DD) and username; one row per attendee."))
