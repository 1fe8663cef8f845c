import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from kliento.access.models import Access
from kliento.privacy.models import Privacy
from tests.factories import (
    AgentFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)

# Access only holds the product-wide permissions the roles are made of (no table, no rows):
# they are given in the admin's groups, and there is nothing of its own to administer.
NOT_DATA = {Access, Privacy}
# Historical rows (django-simple-history) are read on their record's History page in the
# admin, not administered as models of their own.
KLIENTO_MODELS = [
    model for model in apps.get_models()
    if model.__module__.startswith("kliento.") and model not in NOT_DATA
    and not model.__name__.startswith("Historical")
]


def test_every_kliento_model_has_an_admin_page():
    unregistered = [m.__name__ for m in KLIENTO_MODELS if not admin.site.is_registered(m)]
    assert unregistered == []


@pytest.fixture
def admin_client_with_data(client, channels):
    agent = AgentFactory()
    interaction = InteractionFactory(agent=agent, touchpoint=TouchpointFactory())
    PromiseFactory(customer=interaction.customer, owner=agent, interaction=interaction)
    SurveyResponseFactory(customer=interaction.customer, interaction=interaction, nps=9)
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", KLIENTO_MODELS, ids=lambda m: m.__name__)
def test_admin_list_and_add_pages_render(admin_client_with_data, model):
    opts = model._meta
    changelist = admin_client_with_data.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), follow=True
    )
    assert changelist.status_code == 200
    # A one-row model (the company's settings) opens its row instead of a list of one.
    assert [url for url, _ in changelist.redirect_chain] in (
        [], [reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[1])])
    add_page = admin_client_with_data.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # Rollups are filled by their job; their admin is read-only on purpose.
    addable = admin.site.get_model_admin(model).has_add_permission(add_page.wsgi_request)
    assert add_page.status_code == (200 if addable else 403)
