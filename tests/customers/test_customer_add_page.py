"""The new-customer page: the name as written, consent recorded as a change, back to the
invitation with the customer filled in; bad input changes nothing."""

import pytest
from django.urls import reverse

from kliento.access.roles import Role
from kliento.customers.models import ConsentChange, Customer
from kliento.surveys.services import survey_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(username="vadove", role=Role.MANAGER))
    return client


def test_a_customer_is_added_with_the_name_as_written(manager):
    answer = manager.post(reverse("customers:new"), {
        "full_name": "  Žydrūnė Ąžuolaitė-Čepulienė ", "email": "zydrune@example.lt",
        "preferred_language": "lt", "consents_to_surveys": "on"})
    customer = Customer.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("customers:detail",
                                                               args=[customer.pk])
    assert customer.full_name == "Žydrūnė Ąžuolaitė-Čepulienė"
    assert customer.consents_to_surveys and not customer.consents_to_promise_updates
    assert list(ConsentChange.objects.values_list("purpose", "granted")) == [("surveys", True)]


def test_back_to_the_invitation_with_the_customer_filled_in(manager):
    survey = survey_create(name="Po pristatymo", blocks=["nps"])
    invite = reverse("surveys:invite", args=[survey.pk])
    answer = manager.post(reverse("customers:new") + f"?next={invite}", {
        "full_name": "Jānis Bērziņš", "phone": "+371 2612 3456", "preferred_language": "lv"})
    assert answer.url == invite + "?customer=%2B371+2612+3456"
    page = manager.get(answer.url).content.decode()
    assert 'value="+371 2612 3456"' in page


def test_another_site_is_never_the_way_back(manager):
    answer = manager.post(reverse("customers:new") + "?next=https://evil.example/", {
        "full_name": "Ona Ona", "email": "ona@example.lt", "preferred_language": "lt"})
    assert answer.url == reverse("customers:detail", args=[Customer.objects.get().pk])


def test_without_an_email_or_a_phone_nothing_is_added(manager):
    page = manager.post(reverse("customers:new"), {"full_name": "Be kontaktų",
                                                   "preferred_language": "lt"})
    assert page.status_code == 200
    assert "Give an e-mail or a phone" in page.content.decode()
    assert not Customer.objects.exists()


def test_agents_do_not_add_customers(client):
    client.force_login(UserFactory(username="agente", role=Role.AGENT))
    assert client.get(reverse("customers:new")).status_code == 403
