"""Forms of the journey pages."""

from datetime import date, timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kliento.interactions.models import Touchpoint
from kliento.journeys.models import LifecycleRules, Marker, Segment
from kliento.journeys.rollups import DEFAULT_PERIOD_DAYS

DEFAULT_DAYS = DEFAULT_PERIOD_DAYS
LOST_AFTER_QUIET = _("A customer is lost only after being at risk: make this longer than the "
                     "quiet period.")
MAX_DAYS = 3 * 366


class CustomerSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a customer"), required=False, max_length=200,
                        help_text=_("Name (with or without its accents), e-mail, phone or "
                                    "external id."))


class PeriodForm(forms.Form):
    """A period of at most three years; the last year by default."""

    start = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, **kwargs):
        # The fields show the period the page shows, also when none was asked for.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        today = timezone.localdate()
        data.setdefault("end", today.isoformat())
        data.setdefault("start", (today - timedelta(days=DEFAULT_DAYS)).isoformat())
        super().__init__(data, **kwargs)

    def clean(self):
        data = super().clean()
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - timedelta(days=DEFAULT_DAYS)
        if end < start:
            raise forms.ValidationError(_("The period ends before it starts."))
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most three years."))
        data["start"], data["end"] = start, end
        return data

    def period(self) -> tuple[date, date]:
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        end = timezone.localdate()
        return end - timedelta(days=DEFAULT_DAYS), end


class JourneyFilterForm(PeriodForm):
    segment = forms.ChoiceField(label=_("Segment"), required=False,
                                choices=[("", _("Every customer")), *Segment.choices])
    by = forms.ChoiceField(label=_("Paths between"), required=False, choices=[
        ("touchpoint", _("Touchpoints")), ("channel", _("Channels"))])


class DriftFilterForm(PeriodForm):
    touchpoint = forms.ModelChoiceField(label=_("Touchpoint"), required=False,
                                        queryset=Touchpoint.objects.all(),
                                        empty_label=_("Every touchpoint"))


class LifecycleRulesForm(forms.ModelForm):
    class Meta:
        model = LifecycleRules
        fields = ["new_within_days", "quiet_after_days", "lost_after_days",
                  "detractor_at_most", "broken_promise_days", "recovered_within_days"]

    def clean(self):
        data = super().clean()
        quiet, lost = data.get("quiet_after_days"), data.get("lost_after_days")
        if quiet is not None and lost is not None and quiet >= lost:
            # On the field, so the table's constraint (the same rule) is not reported again.
            self.add_error("lost_after_days", LOST_AFTER_QUIET)
        return data


class MarkerForm(forms.ModelForm):
    class Meta:
        model = Marker
        fields = ["kind", "what", "happened_on", "cost", "touchpoint"]
        widgets = {"happened_on": forms.DateInput(attrs={"type": "date"})}
