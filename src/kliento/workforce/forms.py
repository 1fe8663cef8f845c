"""The plan's and the accuracy page's filters, what-if switches included (GET parameters)."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kliento.interactions.models import Channel
from kliento.workforce.planning import WhatIf, week_start_of

INTERVALS = [(15, _("15 minutes")), (30, _("30 minutes")), (60, _("60 minutes"))]


class WeekFilterForm(forms.Form):
    channel = forms.ModelChoiceField(label=_("Channel"), queryset=Channel.objects.all(),
                                     to_field_name="code", required=False, empty_label=None)
    week = forms.DateField(label=_("Week of"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))
    interval = forms.TypedChoiceField(label=_("Interval"), choices=INTERVALS, coerce=int,
                                      required=False, empty_value=30)

    def __init__(self, data=None, *, channels, default_week: date):
        if data is not None:  # a what-if ticked alone still shows the week and interval used
            data = data.copy()
            data.setdefault("week", default_week.isoformat())
            data.setdefault("interval", "30")
        super().__init__(data)
        self.fields["channel"].queryset = channels
        self.fields["week"].initial = default_week
        self.fields["interval"].initial = 30
        self.default_week = default_week

    def params(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        channel = data.get("channel") or self.fields["channel"].queryset.first()
        return {"channel": channel,
                "week_start": week_start_of(data.get("week") or self.default_week),
                "interval_minutes": data.get("interval") or 30}


class PlanFilterForm(WeekFilterForm):
    aht_minus_10 = forms.BooleanField(label=_("Handle time −10 %"), required=False)
    target_90_15 = forms.BooleanField(label=_("Target 90/15"), required=False)
    lunch_plus_one = forms.BooleanField(label=_("One more agent at lunch"), required=False)

    def params(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        what_if = WhatIf(
            aht_factor=0.9 if data.get("aht_minus_10") else 1.0,
            service_level=0.9 if data.get("target_90_15") else None,
            answer_within_s=15 if data.get("target_90_15") else None,
            lunch_extra=1 if data.get("lunch_plus_one") else 0)
        return super().params() | {"what_if": what_if}


def this_week() -> date:
    return week_start_of(timezone.localdate())


def last_week() -> date:
    return this_week() - timedelta(weeks=1)
