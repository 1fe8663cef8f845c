"""Every admin add page accepts a filled-in form without a server error: fields the admin does
not show (due_on, responded_on, opened_on…) are derived by the same services the product uses.

Regression: "Add promise" answered 500 (IntegrityError on due_on)."""

import json
from datetime import UTC, datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.urls import reverse

from kliento.promises.models import Promise
from tests.factories import (
    AgentFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)

MOMENT = datetime(2026, 6, 3, 9, 30, tzinfo=UTC)
# Every model with an admin page of its own.
ADMINISTERED = sorted((model for model in admin.site._registry
                       if model.__module__.startswith("kliento.")),
                      key=lambda model: model._meta.label)


@pytest.fixture
def staff_client(client, channels):
    agent = AgentFactory()
    interaction = InteractionFactory(agent=agent, touchpoint=TouchpointFactory())
    PromiseFactory(customer=interaction.customer, owner=agent, interaction=interaction)
    SurveyResponseFactory(customer=interaction.customer, interaction=interaction, nps=9)
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def _value(field: forms.Field, related_pk):
    """A plausible value for one admin form field, as a browser would post it."""
    widget = getattr(field.widget, "widget", field.widget)
    if isinstance(field, forms.SplitDateTimeField):
        return [MOMENT.date().isoformat(), MOMENT.time().isoformat("minutes")]
    if isinstance(field, forms.ModelMultipleChoiceField):
        return []
    if isinstance(field, forms.ModelChoiceField) or isinstance(widget, ForeignKeyRawIdWidget):
        first = related_pk(field)
        return "" if first is None else str(first)
    if isinstance(field, forms.JSONField):
        initial = field.initial() if callable(field.initial) else field.initial
        return json.dumps(initial if initial not in (None, "") else {})
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
        choices = [value for value, _label in field.choices if value != ""]
        return str(choices[0]) if choices else ""
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        low = next((v.limit_value for v in field.validators if hasattr(v, "limit_value")
                    and type(v).__name__ == "MinValueValidator"), 1)
        return str(max(low, 1) if low is not None else 1)
    if isinstance(field, forms.DateTimeField):
        return MOMENT.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(field, forms.DateField):
        return MOMENT.date().isoformat()
    if isinstance(field, forms.TimeField):
        return "09:30"
    if isinstance(field, forms.EmailField):
        return "admin-test@example.lt"
    if isinstance(field, forms.URLField):
        return "https://hooks.example.lt/x"
    return "Admin test 1"


def _filled(form, model) -> dict:
    def related_pk(field):
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            remote = model._meta.get_field(name).remote_field.model
            queryset = remote._default_manager.all()
        return queryset.order_by("pk").values_list("pk", flat=True).first()

    data = {}
    for name, field in form.base_fields.items():
        value = _value(field, related_pk)
        if isinstance(value, list) and isinstance(field, forms.SplitDateTimeField):
            data[f"{name}_0"], data[f"{name}_1"] = value
        else:
            data[name] = value
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMINISTERED, ids=lambda m: m._meta.label)
def test_every_admin_add_form_submits_without_a_server_error(staff_client, model):
    model_admin = admin.site.get_model_admin(model)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    page = staff_client.get(url)
    if page.status_code == 403:  # read-only on purpose (rollups, invitations)
        return
    form = page.context["adminform"].form
    data = _filled(form, model)
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {f"{management.prefix}-{key}": value
                 for key, value in management.initial.items()}
    count = model._default_manager.count()
    answer = staff_client.post(url, data)
    assert answer.status_code in (200, 302), (model_admin, answer.status_code)
    if answer.status_code == 200:  # refused: the form says why, beside the fields
        assert answer.context["adminform"].form.errors or answer.context["errors"]
    if answer.status_code == 302:
        assert model._default_manager.count() == count + 1


def test_add_promise_in_the_admin_fills_due_on_through_the_service(staff_client):
    customer_pk = Promise.objects.values_list("customer", flat=True).first()
    answer = staff_client.post(reverse("admin:promises_promise_add"), {
        "customer": customer_pk, "kind": "callback", "description": "Perskambinti",
        "promised_at_0": "2026-06-03", "promised_at_1": "09:30",
        "due_at_0": "2026-06-04", "due_at_1": "23:30", "status": "open",
        "specification": "{}", "closed_note": "",
        "updated_at_0": "2026-06-03", "updated_at_1": "09:30",
    })
    assert answer.status_code == 302, answer.context["adminform"].form.errors
    promise = Promise.objects.get(description="Perskambinti")
    # The admin's times are the organisation's: late on the 4th is due on the 4th.
    assert promise.due_on.isoformat() == "2026-06-04"
    assert promise.due_at.isoformat() == "2026-06-04T20:30:00+00:00"
