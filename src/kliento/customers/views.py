"""The customer's page for staff, and the unsubscribe page customers reach from an e-mail."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize, may
from kliento.audit_trail.selectors import object_history
from kliento.customers.consent import customer_consent_set, unsubscribe_token_read
from kliento.customers.forms import CustomerCreateForm
from kliento.customers.models import CONSENT_FIELDS, Customer, Purpose
from kliento.customers.services import customer_create
from kliento.ui.customer_pages import customer_page_language
from kliento.ui.tabs import customer_tabs


@page_requires("customers.view_customer")
def customer_detail(request, pk: int):
    customer = get_object_or_404(Customer.objects.select_related("lifecycle_status"), pk=pk)
    authorize(request.user, "customers.view_customer", customer)
    consents = [(label, getattr(customer, CONSENT_FIELDS[purpose]))
                for purpose, label in Purpose.choices]
    return render(request, "customers/detail.html", {
        "customer": customer, "consents": consents,
        "consent_changes": customer.consent_changes.select_related("changed_by")[:50],
        "history": object_history(customer),
        "may_export": may(request.user, "privacy.export_customer"),
        "may_erase": may(request.user, "privacy.erase_customer"),
        "tabs": customer_tabs(request, customer),
    })


# RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" with no session and no
# CSRF token; the signed link is the key. A GET (a person, or a link scanner) only asks.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = unsubscribe_token_read(token)
    customer = found and Customer.objects.filter(pk=found[0]).first()
    language = customer_page_language(request, customer and customer.preferred_language)
    with translation.override(language):
        context = {"language": language, "languages": settings.LANGUAGES}
        if not customer:
            return render(request, "customers/unsubscribe_unknown.html", context, status=404)
        purpose = found[1]
        context["purpose"] = Purpose(purpose).label
        if request.method == "POST":
            customer_consent_set(customer, purpose, False)
            return render(request, "customers/unsubscribed.html", context)
        return render(request, "customers/unsubscribe.html", context)


@page_requires("customers.add_customer")
def customer_add(request):
    """A new customer; ``next`` (a page of this site, e.g. an invitation) gets them back to
    what they were doing, with the new customer filled in."""
    back = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    form = CustomerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consents = {purpose: data.pop(CONSENT_FIELDS[purpose])
                    for purpose in (Purpose.SURVEYS, Purpose.PROMISE_UPDATES)}
        try:
            customer = customer_create(**data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            for purpose, granted in consents.items():
                if granted:  # recorded as a change, with who and when
                    customer_consent_set(customer, purpose, True)
            messages.success(request, _("%(customer)s is added.") % {
                "customer": customer.full_name})
            if back:
                joiner = "&" if "?" in back else "?"
                return redirect(back + joiner + urlencode(
                    {"customer": customer.email or customer.phone}))
            return redirect("customers:detail", customer.pk)
    return render(request, "customers/new.html", {"form": form, "next": back})
