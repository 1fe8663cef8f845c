"""Forms of the promises page: which list and period to show, and closing one promise."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kliento.organisation.periods import DEFAULT_WEEKS, WEEK_CHOICES
from kliento.promises.models import Promise
from kliento.promises.selectors import Scope

SCOPE_LABELS = {Scope.MINE: _("My promises"), Scope.TEAM: _("My team's promises"),
                Scope.ALL: _("Everyone's promises")}


class PromisePageForm(forms.Form):
    """Every field is optional: a missing or unknown value falls back to its default."""

    scope = forms.ChoiceField(label=_("Show"), required=False)
    weeks = forms.TypedChoiceField(label=_("Kept rate over"), coerce=int, required=False)

    def __init__(self, data=None, *, scopes: list[Scope], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["scope"].choices = [(scope.value, SCOPE_LABELS[scope]) for scope in scopes]
        self.fields["weeks"].choices = [
            (weeks, ngettext("Last %(weeks)d week", "Last %(weeks)d weeks", weeks)
             % {"weeks": weeks}) for weeks in WEEK_CHOICES]
        self.initial = {"scope": scopes[0].value, "weeks": DEFAULT_WEEKS}

    def params(self) -> dict:
        """``scope`` (a :class:`Scope`) and ``weeks``."""
        values = dict(self.initial)
        if self.is_bound:
            self.is_valid()  # an unknown value leaves only that field at its default
            values |= {name: value for name, value in self.cleaned_data.items()
                       if value not in (None, "")}
        return {"scope": Scope(values["scope"]), "weeks": int(values["weeks"])}


class PromiseCloseForm(forms.Form):
    """One button per outcome; the time it was done is now unless the agent says when."""

    OUTCOMES = {
        "kept": (Promise.Status.KEPT, True),
        "late": (Promise.Status.LATE, True),
        "not_as_specified": (Promise.Status.BROKEN, False),
        "broken": (Promise.Status.BROKEN, None),
    }

    outcome = forms.ChoiceField(choices=[(outcome, outcome) for outcome in OUTCOMES])
    done_at = forms.DateTimeField(
        label=_("Done at"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty for now."))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def service_kwargs(self, now) -> dict:
        status, as_specified = self.OUTCOMES[self.cleaned_data["outcome"]]
        # Broken and not done at all has no done time; every other outcome has one.
        done_at = None if as_specified is None else self.cleaned_data["done_at"] or now
        kwargs = {"status": status, "done_at": done_at, "as_specified": as_specified}
        if self.cleaned_data["note"]:
            kwargs["closed_note"] = self.cleaned_data["note"]
        return kwargs
