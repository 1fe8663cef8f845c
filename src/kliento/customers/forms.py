"""Form parts other apps' pages share: finding the customer someone is talking to; and the
new-customer form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kliento.customers.models import Customer
from kliento.customers.selectors import customer_search


class CustomerSearchField(forms.CharField):
    """A customer found by name, e-mail, phone or external id; exactly one must match.
    When several do, the error names them, with their e-mail or phone to tell them apart —
    so the form sets ``customers`` to those the person may see (their reach)."""

    def __init__(self, *, customers=None, **kwargs):
        self.customers = customers
        kwargs.setdefault("label", _("Customer"))
        kwargs.setdefault("help_text", _("Name, e-mail, phone or external id."))
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value):
        term = super().clean(value)
        if not term:
            return None
        found = customer_search(term, customers=self.customers, limit=6)
        exact = [c for c in found if term.lower() in (c.email.lower(), (c.external_id or "")
                                                      .lower(), c.full_name.lower())]
        if len(exact) == 1:
            return exact[0]
        if len(found) == 1:
            return found[0]
        if not found:
            raise forms.ValidationError(_("No customer matches “%(term)s”."),
                                        params={"term": term})
        names = "; ".join(f"{c.full_name} ({c.email or c.phone or c.external_id or c.pk})"
                          for c in found[:5])
        raise forms.ValidationError(
            _("More than one customer matches: %(names)s. Type more of the name, or the "
              "e-mail or phone."), params={"names": names})


class CustomerCreateForm(forms.ModelForm):
    """A new customer as staff enter them: how they write their name, how to reach them, and
    what they agreed to (asked now, so recorded now)."""

    class Meta:
        model = Customer
        fields = ["full_name", "email", "phone", "city", "preferred_language", "external_id",
                  "consents_to_surveys", "consents_to_promise_updates"]

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an e-mail or a phone, so the customer can be "
                                      "reached and found again."))
        return data
