from django import forms
from django.utils.translation import gettext_lazy as _

from kliento.alerts.models import AlertSubscription
from kliento.interactions.models import Touchpoint
from kliento.organisation.models import Team


class SubscriptionForm(forms.Form):
    measure = forms.ChoiceField(label=_("Tell me when this changes significantly"),
                                choices=AlertSubscription.Measure.choices)
    touchpoint = forms.ModelChoiceField(label=_("Only at this touchpoint"), required=False,
                                        queryset=Touchpoint.objects.order_by("name"),
                                        empty_label=_("Every touchpoint"))
    team = forms.ModelChoiceField(label=_("Only for this team"), required=False,
                                  queryset=Team.objects.order_by("name"),
                                  empty_label=_("Every team"))

    def clean(self):
        data = super().clean()
        if data.get("touchpoint") and data.get("team"):
            self.add_error("team", _("Choose a touchpoint or a team, not both."))
        return data
