from django import forms
from django.utils.translation import gettext_lazy as _

from kliento.imports.kinds import KINDS
from kliento.imports.models import ColumnMapping
from kliento.imports.presets import PRESETS, preset_named

KIND_LABELS = {"customers": _("Customers"), "agents": _("Agents"),
               "interactions": _("Interactions"), "promises": _("Promises"),
               "survey_responses": _("Survey responses")}
PRESET_LABELS = {"kliento": _("Kliento template"), "zendesk": _("Zendesk ticket export"),
                 "servicenow": _("ServiceNow incident event log")}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"),
                             choices=[(name, KIND_LABELS[name]) for name in KINDS])
    preset = forms.ChoiceField(label=_("Columns"),
                               choices=[(name, PRESET_LABELS[name]) for name in PRESETS])
    file = forms.FileField(label=_("File"), help_text=_("CSV, XLSX or JSON Lines."))
    encoding = forms.ChoiceField(label=_("Encoding"), required=False, choices=[
        ("", _("Detect")), ("utf-8", "UTF-8"), ("cp1257", _("Windows-1257 (Baltic)")),
        ("cp1250", _("Windows-1250 (Polish)")), ("cp1251", _("Windows-1251 (Cyrillic)"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Saved column mappings (``kliento import … --map … --save-mapping NAME``) join the
        # presets, under their own names.
        self.fields["preset"].choices += [
            (mapping.name, mapping.name) for mapping in ColumnMapping.objects.all()]

    def clean(self):
        data = super().clean()
        preset, kind = preset_named(data.get("preset") or ""), data.get("kind")
        if preset and kind and kind not in preset.kinds:
            self.add_error("preset", _("This preset reads interactions only."))
        return data
