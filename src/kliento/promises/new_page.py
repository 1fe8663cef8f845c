"""The new-promise page: a promise made in the app, through the same service as the API."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize_handover, visible
from kliento.customers.models import Customer
from kliento.organisation.models import Agent
from kliento.promises.forms import PromiseCreateForm
from kliento.promises.models import Promise
from kliento.promises.services import promise_create


@page_requires("promises.add_promise")
def promise_new(request):
    own_agent = Agent.objects.filter(user=request.user).first()
    form = PromiseCreateForm(
        request.POST or None,
        owners=Agent.objects.filter(left_on__isnull=True).select_related("user")
        .order_by("user__first_name", "user__last_name"),
        customers=visible(request.user, "customers.view_customer", Customer.objects.all()),
        initial={"owner": own_agent and own_agent.pk, "kind": Promise.Kind.CALLBACK,
                 "notify_customer": True, "customer": request.GET.get("customer", "")})
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            authorize_handover(request.user, owner.user)
        except PermissionDenied:
            form.add_error("owner", _("You may give a promise only to yourself or to your "
                                      "team."))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            promise = promise_create(
                customer=data["customer"], kind=data["kind"], description=data["description"],
                due_at=data["due_at"], owner=data["owner"], specification=form.specification(),
                created_by=request.user, base_url=request.build_absolute_uri("/"),
                notify_customer=data["notify_customer"], owner_required=True)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The promise to %(customer)s is saved. Its status "
                                        "link for the customer: %(url)s") % {
                "customer": promise.customer.full_name, "url": promise.status_url})
            return redirect("promises:list")
    return render(request, "promises/new.html", {"form": form})
