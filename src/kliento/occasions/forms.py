from django import forms
from django.utils.translation import gettext_lazy as _

from kliento.occasions.models import NameDay, OfferArm


class NameDayForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=NameDay.Country.choices)
    name = forms.CharField(label=_("First name, as customers write it"), max_length=60)
    month = forms.TypedChoiceField(label=_("Month"), coerce=int,
                                   choices=[(m, str(m)) for m in range(1, 13)])
    day = forms.TypedChoiceField(label=_("Day"), coerce=int,
                                 choices=[(d, str(d)) for d in range(1, 32)])


class ExperimentForm(forms.Form):
    """An offer experiment: its arms' shares (0 leaves an arm out) and the discount."""

    name = forms.CharField(label=_("Name"), max_length=120)
    occasion = forms.CharField(label=_("Occasion"), max_length=60, required=False,
                               help_text=_("Named in the greeting, e.g. “name day”."))
    discount_percent = forms.DecimalField(label=_("Discount (%)"), min_value=0, max_value=100,
                                          decimal_places=2, initial=1)
    window_days = forms.IntegerField(label=_("Measure over (days)"), min_value=1,
                                     max_value=365, initial=30)
    share_greeting = forms.IntegerField(label=_("Greeting only (%)"), min_value=0,
                                        max_value=100, initial=25)
    share_greeting_discount = forms.IntegerField(label=_("Greeting and discount (%)"),
                                                 min_value=0, max_value=100, initial=25)
    share_discount = forms.IntegerField(label=_("Discount only (%)"), min_value=0,
                                        max_value=100, initial=25)
    share_nothing = forms.IntegerField(label=_("Nothing — the control group (%)"),
                                       min_value=0, max_value=100, initial=25)

    def arms(self) -> list[tuple[str, int]]:
        return [(kind, self.cleaned_data[f"share_{kind}"]) for kind in OfferArm.Kind.values
                if self.cleaned_data[f"share_{kind}"]]


class PowerForm(forms.Form):
    base_rate = forms.FloatField(label=_("Purchase rate without an offer (%)"), min_value=0.1,
                                 max_value=99, initial=10)
    rise = forms.FloatField(label=_("Rise worth detecting (points)"), min_value=0.1,
                            max_value=50, initial=3)
