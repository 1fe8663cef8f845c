from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kliento.defects.models import Defect
from kliento.interactions.models import Touchpoint
from kliento.organisation.models import Location


class DefectFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *Defect.Status.choices])
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("Any category")), *Defect.Category.choices])
    location = forms.ModelChoiceField(label=_("Location"), required=False,
                                      queryset=Location.objects.all(),
                                      empty_label=_("Every location"))

    def params(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"status": data["status"] or None, "category": data["category"] or None,
                "location_id": data["location"].pk if data["location"] else None}


class DefectLogForm(forms.Form):
    """What staff and auditors fill in: where, what, a photo, who fixes it by when."""

    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.all(),
                                      required=False)
    touchpoint = forms.ModelChoiceField(label=_("Touchpoint"), queryset=Touchpoint.objects.all(),
                                        required=False)
    category = forms.ChoiceField(
        label=_("Category"), required=False,
        choices=[("", _("Suggest one from the description")), *Defect.Category.choices])
    description = forms.CharField(label=_("What is wrong"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.FileField(label=_("Photo"), required=False,
                            help_text=_("JPEG, PNG or WebP, up to 5 MB."),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    owner = forms.ModelChoiceField(label=_("Who fixes it"), required=False,
                                   queryset=get_user_model().objects.filter(is_active=True)
                                   .order_by("last_name", "first_name"))
    due_at = forms.DateTimeField(label=_("Fix due by"), required=False,
                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                 help_text=_("Three days after it was seen, when left empty."))


class CustomerDefectForm(forms.Form):
    """The customer's short form: what was wrong, and a photo if they have one."""

    category = forms.ChoiceField(label=_("What was it about?"), required=False,
                                 choices=[("", _("Something else")),
                                          *[(value, label) for value, label
                                            in Defect.Category.choices if value != "other"]])
    description = forms.CharField(label=_("What did you notice?"), max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    photo = forms.FileField(label=_("A photo (optional)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))


class AnalysisPeriodForm(forms.Form):
    weeks = forms.TypedChoiceField(label=_("Period"), coerce=int, initial=12, required=False,
                                   choices=[(4, _("Last 4 weeks")), (12, _("Last 12 weeks")),
                                            (26, _("Last 26 weeks")), (52, _("Last 52 weeks"))])
    location = forms.ModelChoiceField(label=_("Location"), required=False,
                                      queryset=Location.objects.all(),
                                      empty_label=_("Every location"))
