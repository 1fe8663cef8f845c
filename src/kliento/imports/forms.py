from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kliento.imports.kinds import KINDS
from kliento.imports.models import ColumnMapping
from kliento.imports.presets import PRESETS, preset_named

KIND_LABELS = {"customers": _("Customers"), "agents": _("Agents"),
               "interactions": _("Interactions"), "promises": _("Promises"),
               "survey_responses": _("Survey responses"), "orders": _("Orders")}
ENCODING_LABELS = {"utf-8": "UTF-8", "cp1257": _("Windows-1257 (Baltic)"),
                   "cp1250": _("Windows-1250 (Polish)"),
                   "cp1251": _("Windows-1251 (Cyrillic)")}
PRESET_LABELS = {"kliento": _("Kliento template"), "zendesk": _("Zendesk ticket export"),
                 "servicenow": _("ServiceNow incident event log")}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"),
                             choices=[(name, KIND_LABELS[name]) for name in KINDS])
    preset = forms.ChoiceField(label=_("Columns"),
                               choices=[(name, PRESET_LABELS[name]) for name in PRESETS])
    file = forms.FileField(label=_("File"), help_text=_("CSV, XLSX or JSON Lines."))
    encoding = forms.ChoiceField(label=_("Encoding"), required=False, choices=[
        ("", _("Detect")), *ENCODING_LABELS.items()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Saved column mappings (``kliento import … --map … --save-mapping NAME``) join the
        # presets, under their own names.
        self.fields["preset"].choices += [
            (mapping.name, mapping.name) for mapping in ColumnMapping.objects.all()]
        self.fields["file"].help_text = _("CSV, XLSX or JSON Lines, up to %(limit)s.") % {
            "limit": filesizeformat(settings.KLIENTO_UPLOAD_MAX_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.KLIENTO_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(too_large_message(upload.size))
        return upload

    def clean(self):
        data = super().clean()
        preset, kind = preset_named(data.get("preset") or ""), data.get("kind")
        if preset and kind and kind not in preset.kinds:
            self.add_error("preset", _("This preset reads interactions only."))
        return data


def too_large_message(size: int) -> str:
    return _("The file is %(size)s; the largest that can be uploaded is %(limit)s. Split it, "
             "or import it with `kliento import` on the server.") % {
        "size": filesizeformat(size), "limit": filesizeformat(settings.KLIENTO_UPLOAD_MAX_BYTES)}


class EncodingChoiceForm(forms.Form):
    """After a file whose code page could not be told for sure: which one it is in."""

    encoding = forms.ChoiceField(label=_("Which of these reads the file right?"),
                                 widget=forms.RadioSelect)

    def __init__(self, *args, candidates: list[list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["encoding"].choices = [
            (encoding, f"{ENCODING_LABELS.get(encoding, encoding)}: “{word}”")
            for encoding, word in candidates]
