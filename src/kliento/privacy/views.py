"""A customer's export and the two-step erasure, and the company's settings, for managers."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize
from kliento.audit_trail.selectors import object_history
from kliento.customers.models import Customer
from kliento.organisation.selectors import company_settings
from kliento.organisation.services import company_settings_update
from kliento.privacy.erasure import AlreadyErased
from kliento.privacy.forms import CompanySettingsForm
from kliento.privacy.retention import removed_counts_labelled, retention_last_run
from kliento.privacy.services import EXPORT_FORMATS, customer_data_erase, customer_data_export
from kliento.ui.formatting import format_count


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


@page_requires("organisation.change_companysettings")
def company_settings_edit(request):
    """The company's name and logo, the smallest group reports show, and how long raw data
    is kept."""
    current = company_settings()
    if request.method == "POST":
        # A copy: a refused form must not leave the unsaved values on the row read below.
        form = CompanySettingsForm(request.POST, request.FILES,
                                   instance=company_settings())
        if form.is_valid():
            if changes := form.changes():
                company_settings_update(**changes)
            messages.success(request, _("The company settings were saved."))
            return redirect("settings:company")
    else:
        form = CompanySettingsForm(instance=current)
    last_run = retention_last_run()
    return render(request, "privacy/company_settings.html", {
        "form": form, "settings_row": current, "history": object_history(current),
        "last_retention": last_run,
        "last_removed": [(label, format_count(count)) for label, count in
                         (removed_counts_labelled(last_run) if last_run else [])],
    })


@page_requires("organisation.view_companysettings")
def company_logo(request):
    logo = company_settings().logo
    if not logo or not logo.storage.exists(logo.name):
        raise Http404
    return FileResponse(logo.open("rb"), content_type=mimetypes.guess_type(logo.name)[0]
                        or "application/octet-stream")
