"""A customer's export and the two-step erasure, for managers."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize
from kliento.customers.models import Customer
from kliento.privacy.erasure import AlreadyErased
from kliento.privacy.services import EXPORT_FORMATS, customer_data_erase, customer_data_export


@page_requires("privacy.export_customer")
def customer_export_download(request, pk: int):
    customer = get_object_or_404(Customer, pk=pk)
    authorize(request.user, "customers.view_customer", customer)
    file_format = request.GET.get("format", "json")
    if file_format not in EXPORT_FORMATS:
        file_format = "json"
    content, content_type, name = customer_data_export(customer, file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@page_requires("privacy.erase_customer")
def customer_erase_confirm(request, pk: int):
    """Step one shows what goes and what stays and asks for the customer's number; step
    two (the POST with it) erases."""
    customer = get_object_or_404(Customer, pk=pk)
    authorize(request.user, "customers.view_customer", customer)
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() != str(customer.pk):
            messages.error(request, _("Type the customer's number to confirm the erasure."))
        else:
            try:
                customer_data_erase(customer)
            except AlreadyErased:
                messages.info(request, _("This customer was erased already."))
            else:
                messages.success(request, _("The customer's identifying data was erased."))
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "privacy/erase_confirm.html", {"customer": customer})
