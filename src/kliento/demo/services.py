"""Setting up and tearing down the demo organisation."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from kliento.access.roles import Role
from kliento.access.services import role_ensure, user_role_assign
from kliento.accounts.models import User
from kliento.analytics.models import KpiRollup, RollupFillPart, RollupFillState
from kliento.audits.models import Audit
from kliento.customers.models import Customer
from kliento.defects.models import Defect
from kliento.demo.people import demo_people_reset
from kliento.interactions.models import Interaction, Touchpoint
from kliento.journeys.models import Marker
from kliento.notices.models import Notice
from kliento.occasions.models import NameDay, OfferArm, OfferAssignment, OfferExperiment
from kliento.orders.models import Order
from kliento.organisation.models import Agent, Location, Team
from kliento.promises.models import Promise
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.surveys.models import Invitation, Survey, SurveyResponse

DEMO_USERNAME = "manager"
DEMO_PASSWORD = "kliento-demo"


def demo_has_data() -> bool:
    return Interaction.objects.exists()


@contextmanager
def _history_paused() -> Iterator[None]:
    """No historical row (nor its audit log copy) for each demo row deleted: those cost
    milliseconds a row, a minute or more for a whole demo, and record no one's work. Only the
    demo command and the tests reset the demo, in a process of their own: switching
    django-simple-history off for the while touches no one else's changes."""
    enabled = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = enabled


@_history_paused()
@transaction.atomic
def demo_reset() -> None:
    """Delete all business data, children before parents (the foreign keys protect)."""
    demo_people_reset()
    for model in (KpiRollup, RollupFillPart, RollupFillState, Audit, Notice, CompensationGrant,
                  RecoveryCase, Marker, OfferAssignment, OfferArm, OfferExperiment, NameDay, Defect,
                  Order, Invitation, SurveyResponse, Survey, Promise, Interaction,
                  Customer, Touchpoint, Agent, Team, Location):
        model.objects.all().delete()
    User.objects.filter(username__startswith="agent").delete()
    User.objects.filter(username__startswith="auditor-").delete()


def demo_manager_ensure() -> User:
    user, _ = User.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"first_name": "Rasa", "last_name": "Petrauskienė", "email": "rasa@example.com"},
    )
    user.is_staff = user.is_superuser = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def demo_people_ensure() -> list[tuple[str, str]]:
    """Give every demo person their role, and sign-ins to try each role: the manager, one
    agent, the lead of that agent's team, an auditor and an integration (for the API).
    Returns (user name, role) of the sign-ins, all with the demo password."""
    manager = demo_manager_ensure()
    user_role_assign(manager, Role.MANAGER)
    agents = User.objects.filter(agent__isnull=False)
    role_ensure(Role.AGENT).user_set.add(*agents)
    role_ensure(Role.AUDITOR).user_set.add(*User.objects.filter(username__startswith="auditor-"))
    sign_ins = [(manager.username, Role.MANAGER)]
    agent = (Agent.objects.filter(left_on__isnull=True, team__isnull=False)
             .select_related("user", "team").order_by("user__username").first())
    if agent is not None:
        sign_ins.append((agent.user.username, Role.AGENT))
        lead, _ = User.objects.get_or_create(
            username="lead", defaults={"first_name": "Ona", "last_name": "Vadovė"})
        Team.objects.filter(pk=agent.team_id).update(lead=lead)
        user_role_assign(lead, Role.TEAM_LEAD)
        sign_ins.append((lead.username, Role.TEAM_LEAD))
    auditor = User.objects.filter(username__startswith="auditor-").order_by("username").first()
    if auditor is not None:
        sign_ins.append((auditor.username, Role.AUDITOR))
    integration, _ = User.objects.get_or_create(
        username="integration", defaults={"first_name": "CRM", "last_name": "sync"})
    user_role_assign(integration, Role.INTEGRATION)
    sign_ins.append((integration.username, Role.INTEGRATION))
    for username, _role in sign_ins:
        user = User.objects.get(username=username)
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return sign_ins
