from django import forms
from django.utils.translation import gettext_lazy as _

from kliento.webhooks.models import Event, WebhookEndpoint


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(label=_("Events"), choices=Event.choices,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events"]
