from django import forms
from django.utils.translation import gettext_lazy as _

from kliento.organisation.models import CompanySettings

# The logo is drawn in a page heading and the monthly PDF: small raster images only.
LOGO_MAX_BYTES = 2 * 1024 * 1024


class CompanySettingsForm(forms.ModelForm):
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = CompanySettings
        fields = ["company_name", "logo", "min_group_size", "retain_free_text_days",
                  "retain_mail_files_days", "retain_import_files_days",
                  "retain_webhook_deliveries_days", "retain_audit_events_days"]
        widgets = {"logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo is not self.instance.logo:
            if logo.size > LOGO_MAX_BYTES:
                raise forms.ValidationError(_("The logo may be at most 2 MB."))
            if getattr(logo, "image", None) is not None and logo.image.format not in (
                    "PNG", "JPEG"):
                raise forms.ValidationError(_("The logo must be a PNG or JPEG image."))
        return logo

    def changes(self) -> dict:
        """The fields to hand to the service: only those changed, the logo as a new file,
        False to remove it, or left out."""
        changed = {name: self.cleaned_data[name] for name in self.changed_data
                   if name in self.Meta.fields and name != "logo"}
        if self.cleaned_data.get("remove_logo"):
            changed["logo"] = False
        elif "logo" in self.changed_data and self.cleaned_data.get("logo"):
            changed["logo"] = self.cleaned_data["logo"]
        return changed
