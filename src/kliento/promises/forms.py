"""Forms of the promises pages: which list and period to show, closing one promise, and
making a new one."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kliento.customers.forms import CustomerSearchField
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


class PromiseCreateForm(forms.Form):
    """A promise made in the app: to whom, what, by when, who keeps it; for a delivery, the
    specification the customer will check at the door."""

    customer = CustomerSearchField()
    kind = forms.ChoiceField(label=_("Kind"), choices=Promise.Kind.choices)
    description = forms.CharField(label=_("What was promised"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    due_at = forms.DateTimeField(label=_("Due by"),
                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    owner = forms.ModelChoiceField(label=_("Who keeps it"), queryset=None)
    notify_customer = forms.BooleanField(
        label=_("E-mail the customer what was promised, with a status link"), required=False,
        initial=True)
    model = forms.CharField(label=_("Model"), required=False, max_length=200)
    colour = forms.CharField(label=_("Colour"), required=False, max_length=100)
    size = forms.CharField(label=_("Size"), required=False, max_length=100)
    accessories = forms.CharField(label=_("Accessories"), required=False, max_length=500,
                                  help_text=_("Separated by commas; empty when none."))

    SPECIFICATION_FIELDS = ("model", "colour", "size", "accessories")

    def __init__(self, *args, owners, customers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["customer"].customers = customers

    def specification(self) -> dict:
        """A delivery's specification ({} when nothing of it was filled in); other kinds
        carry none."""
        data = self.cleaned_data
        if data["kind"] != Promise.Kind.DELIVERY or not any(
                data.get(name) for name in self.SPECIFICATION_FIELDS):
            return {}
        return {"model": data["model"].strip(), "colour": data["colour"].strip(),
                "size": data["size"].strip(),
                "accessories": [item.strip() for item in data["accessories"].split(",")
                                if item.strip()]}

    def add_service_errors(self, error) -> None:
        """The service's errors beside their fields (``specification.model`` → model)."""
        for field, messages in error.message_dict.items():
            name = field.removeprefix("specification.")
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
