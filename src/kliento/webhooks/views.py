from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kliento.access.decorators import page_requires
from kliento.webhooks.forms import EndpointForm
from kliento.webhooks.models import WebhookDelivery, WebhookEndpoint
from kliento.webhooks.services import webhook_delivery_retry


@page_requires("webhooks.add_webhookendpoint")
def webhook_list(request):
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint = form.save()
        messages.success(request, _("Webhook added. Its signing secret is shown below."))
        return redirect(f"{request.path}#endpoint-{endpoint.pk}")
    endpoints = WebhookEndpoint.objects.prefetch_related("deliveries")
    deliveries = WebhookDelivery.objects.select_related("endpoint")[:50]
    return render(request, "webhooks/webhooks.html", {
        "form": form, "endpoints": endpoints, "deliveries": deliveries})


@page_requires("webhooks.change_webhookdelivery")
def delivery_retry(request, pk: int):
    if request.method == "POST":
        webhook_delivery_retry(get_object_or_404(WebhookDelivery, pk=pk))
        messages.success(request, _("The delivery will be tried again within a minute."))
    return redirect("webhooks:list")
