"""Test data built through the same models and services the product uses."""

from datetime import UTC, date, datetime

import factory

from kliento.access.roles import Role
from kliento.access.services import user_role_assign
from kliento.accounts.models import User
from kliento.audits.models import ServiceStandard, StandardCriterion
from kliento.customers.models import Customer
from kliento.interactions.models import Channel, Interaction, Touchpoint
from kliento.interactions.services import interaction_fill_derived
from kliento.organisation.calendar import local_date
from kliento.organisation.models import Agent, Location, Team
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse


class UserFactory(factory.django.DjangoModelFactory):
    """A person; ``UserFactory(role=Role.AGENT)`` (or a tuple of roles) gives them the role a
    real person doing that job would have. Without one they may sign in but open nothing."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True  # roles are groups: nothing on the user row changes

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Rūta"
    last_name = "Žemaitytė"
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def role(user, create, extracted: Role | tuple[Role, ...] | None, **kwargs):
        if not create or not extracted:
            return
        user_role_assign(user, *(extracted if isinstance(extracted, tuple) else (extracted,)))


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Parduotuvė Nr. {n}")
    kind = Location.Kind.STORE
    city = "Šiauliai"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Komanda {n}")
    location = factory.SubFactory(LocationFactory)


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agent

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    location = factory.SelfAttribute("team.location")
    hired_on = date(2024, 3, 1)


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    full_name = "Jūratė Ąžuolaitė-Česnauskienė"
    preferred_language = "lt"
    consents_to_surveys = True
    consents_to_promise_updates = True


class TouchpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Touchpoint

    name = factory.Sequence(lambda n: f"Touchpoint {n}")
    journey_stage = "after"


def _channel(code: str = "phone") -> Channel:
    return Channel.objects.get(code=code)


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    customer = factory.SubFactory(CustomerFactory)
    channel = factory.LazyFunction(_channel)
    kind = Interaction.Kind.QUESTION
    opened_at = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    language = "lt"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        interaction = interaction_fill_derived(model_class(*args, **kwargs))
        interaction.save()
        return interaction


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    customer = factory.SubFactory(CustomerFactory)
    kind = Promise.Kind.CALLBACK
    description = "Paskambinti klientui iki 15 val."
    promised_at = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    due_at = datetime(2026, 6, 1, 13, 0, tzinfo=UTC)
    due_on = factory.LazyAttribute(lambda promise: local_date(promise.due_at))


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    customer = factory.SubFactory(CustomerFactory)
    responded_at = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)
    responded_on = factory.LazyAttribute(lambda response: local_date(response.responded_at))
    language = "lt"


class ServiceStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceStandard

    name = factory.Sequence(lambda n: f"Aptarnavimo standartas {n}")


class StandardCriterionFactory(factory.django.DjangoModelFactory):
    """A behaviour worded in all five languages, checked on every kind of audit."""

    class Meta:
        model = StandardCriterion

    standard = factory.SubFactory(ServiceStandardFactory)
    position = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"Listened to the customer ({n})")
    text_lt = factory.Sequence(lambda n: f"Išklausė klientą ({n})")
    text_lv = factory.Sequence(lambda n: f"Uzklausīja klientu ({n})")
    text_ru = factory.Sequence(lambda n: f"Выслушали клиента ({n})")
    text_pl = factory.Sequence(lambda n: f"Wysłuchano klienta ({n})")
