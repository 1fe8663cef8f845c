from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kliento.customers.models import Customer
from kliento.interactions import services as interaction_services
from kliento.interactions.models import Interaction
from kliento.interactions.services import interaction_create, next_contacts_refresh
from tests.factories import CustomerFactory

OPENED = datetime(2026, 5, 12, 9, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_create_derives_response_and_resolution_seconds(channels):
    interaction = interaction_create(
        customer=CustomerFactory(), channel=channels["email"], kind="complaint",
        opened_at=OPENED, first_response_at=OPENED + timedelta(minutes=42, seconds=5),
        resolved_at=OPENED + timedelta(days=1, hours=2),
    )
    stored = Interaction.objects.get(pk=interaction.pk)
    assert stored.first_response_seconds == 42 * 60 + 5
    assert stored.resolution_seconds == 26 * 3600


@pytest.mark.django_db
def test_open_interaction_has_no_durations(channels):
    interaction = interaction_create(customer=CustomerFactory(), channel=channels["chat"],
                                     kind="question", opened_at=OPENED)
    assert interaction.first_response_seconds is None
    assert interaction.resolution_seconds is None


@pytest.mark.django_db
def test_response_before_opening_is_refused_and_nothing_is_stored(channels):
    with pytest.raises(ValidationError) as error:
        interaction_create(customer=CustomerFactory(), channel=channels["phone"],
                           kind="question", opened_at=OPENED,
                           first_response_at=OPENED - timedelta(minutes=1))
    assert "first_response" in str(error.value)
    assert Interaction.objects.count() == 0


@pytest.mark.django_db
def test_database_refuses_an_upsell_accepted_that_was_never_offered(channels):
    with pytest.raises(IntegrityError), transaction.atomic():
        Interaction.objects.create(customer=CustomerFactory(), channel=channels["store"],
                                   kind="sale", opened_at=OPENED, upsell_accepted=True)


@pytest.mark.django_db
def test_customer_name_is_stored_exactly_as_written():
    names = ["Žydrūnė Ąžuolaitė-Česnauskienė", "Ģirts Ķēniņš", "Łucja Źdźbło-Wąs",
             "Ёлка Щукина-Мышкина", "Siobhán Ó Briain"]
    for name in names:
        CustomerFactory(full_name=name)
    assert sorted(Customer.objects.values_list("full_name", flat=True)) == sorted(names)


@pytest.mark.django_db
def test_next_contact_is_kept_whatever_order_contacts_arrive_in(channels, monkeypatch):
    customer = CustomerFactory()

    def contact(hours: float) -> Interaction:
        return interaction_create(customer=customer, channel=channels["phone"],
                                  kind="question", opened_at=OPENED + timedelta(hours=hours))

    first, third = contact(0), contact(50)
    second = contact(20)  # arrives late, as from an import
    other = interaction_create(customer=CustomerFactory(full_name="Kitas Klientas"),
                               channel=channels["chat"], kind="question",
                               opened_at=OPENED + timedelta(hours=1))
    stored = dict(Interaction.objects.values_list("pk", "next_contact_seconds"))
    assert stored[first.pk] == 20 * 3600
    assert stored[second.pk] == 30 * 3600
    assert stored[third.pk] is None
    assert stored[other.pk] is None

    Interaction.objects.update(next_contact_seconds=None)
    next_contacts_refresh()
    assert dict(Interaction.objects.values_list("pk", "next_contact_seconds")) == stored

    # A customer at a time (as ten million rows are done), and wrong values are mended too.
    monkeypatch.setattr(interaction_services, "NEXT_CONTACTS_CHUNK", 1)
    Interaction.objects.update(next_contact_seconds=7)
    next_contacts_refresh()
    assert dict(Interaction.objects.values_list("pk", "next_contact_seconds")) == stored
