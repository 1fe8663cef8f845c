"""The customer's page for staff, and the unsubscribe page customers reach from an e-mail."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize, may
from kliento.audit_trail.selectors import object_history
from kliento.customers.consent import customer_consent_set, unsubscribe_token_read
from kliento.customers.models import CONSENT_FIELDS, Customer, Purpose
from kliento.ui.customer_pages import customer_page_language


@page_requires("customers.view_customer")
def customer_detail(request, pk: int):
    customer = get_object_or_404(Customer, pk=pk)
    authorize(request.user, "customers.view_customer", customer)
    consents = [(label, getattr(customer, CONSENT_FIELDS[purpose]))
                for purpose, label in Purpose.choices]
    return render(request, "customers/detail.html", {
        "customer": customer, "consents": consents,
        "consent_changes": customer.consent_changes.select_related("changed_by")[:50],
        "history": object_history(customer),
        "may_export": may(request.user, "privacy.export_customer"),
        "may_erase": may(request.user, "privacy.erase_customer"),
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
