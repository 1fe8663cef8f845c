"""Forms for the recovery pages: one per step of the protocol, and opening a case by hand."""

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from kliento.recovery.models import Cause, CompensationGrant, RecoveryCase
from kliento.surveys.forms import CustomerLookupForm
from kliento.surveys.models import Invitation

STATUS_FILTERS = [("active", _("Open and in progress")), *RecoveryCase.Status.choices,
                  ("all", _("All"))]


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Show"), choices=STATUS_FILTERS, required=False)
    mine = forms.BooleanField(label=_("Only mine"), required=False)

    def params(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"status": data.get("status") or "active", "mine": bool(data.get("mine"))}


class OpenCaseForm(CustomerLookupForm):
    notes = forms.CharField(
        label=_("What the customer says"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False, help_text=_("If you are talking to the customer now."))


class ListenForm(forms.Form):
    listening_notes = forms.CharField(
        label=_("What the customer said, in full"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Let the customer finish before you answer; write it down as they said it."))


class ParaphraseForm(forms.Form):
    problem_paraphrase = forms.CharField(
        label=_("The problem, in your words"), widget=forms.Textarea(attrs={"rows": 3}))
    customer_expectation = forms.CharField(
        label=_("What the customer expects"), widget=forms.Textarea(attrs={"rows": 2}))
    customer_confirmed = forms.BooleanField(
        label=_("The customer confirmed that this is right"), required=False)
    cause = forms.ChoiceField(label=_("Cause"), choices=Cause.choices, widget=forms.RadioSelect)


class AgreeForm(forms.Form):
    agreed_solution = forms.CharField(
        label=_("The solution agreed with the customer"),
        widget=forms.Textarea(attrs={"rows": 3}))


class GrantForm(forms.Form):
    """A grant, and the approval of a manager standing by when it is above the limit: their
    own user name and password, checked here, so nobody can name an approver who is not."""

    amount = forms.DecimalField(label=_("Amount (EUR)"), min_value=0.01, max_digits=10,
                                decimal_places=2)
    kind = forms.ChoiceField(label=_("Kind"), choices=CompensationGrant.Kind.choices)
    reason = forms.CharField(label=_("Why it is warranted"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CompensationGrant.Outcome.choices)
    approver = forms.CharField(label=_("Approved by (user name)"), required=False,
                               max_length=150)
    approver_password = forms.CharField(label=_("Approver's password"), required=False,
                                        widget=forms.PasswordInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        data = super().clean()
        data["approved_by"] = None
        if data.get("approver"):
            # Throttled like the sign-in page (kliento.accounts.sign_in_throttle): wrong
            # guesses count against the approver's account and the agent's address.
            user = authenticate(self.request, username=data["approver"],
                                password=data.get("approver_password", ""))
            if getattr(self.request, "axes_locked_out", False):
                # Said on the form rather than by axes' locked-out page, which would
                # replace the whole case page and lose what the agent typed.
                self.request.axes_locked_out = False
                self.add_error("approver", _(
                    "Too many wrong passwords for this approver or from this address: "
                    "approval by password is paused. Try again later."))
            elif user is None:
                self.add_error("approver", _("The approver's user name or password is wrong."))
            data["approved_by"] = user
        return data


class FollowUpForm(forms.Form):
    delivery = forms.ChoiceField(label=_("How"), choices=[
        (Invitation.Delivery.EMAIL, _("Send by e-mail")),
        (Invitation.Delivery.LINK, _("Show a link to pass on"))])
