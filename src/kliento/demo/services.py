"""Setting up and tearing down the demo organisation."""

from django.db import transaction

from kliento.accounts.models import User
from kliento.analytics.models import KpiRollup, RollupFillState
from kliento.audits.models import Audit
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction, Touchpoint
from kliento.notices.models import Notice
from kliento.organisation.models import Agent, Location, Team
from kliento.promises.models import Promise
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.surveys.models import Invitation, Survey, SurveyResponse

DEMO_USERNAME = "manager"
DEMO_PASSWORD = "kliento-demo"


def demo_has_data() -> bool:
    return Interaction.objects.exists()


@transaction.atomic
def demo_reset() -> None:
    """Delete all business data, children before parents (the foreign keys protect)."""
    for model in (KpiRollup, RollupFillState, Audit, Notice, CompensationGrant, RecoveryCase,
                  Invitation, SurveyResponse, Survey, Promise, Interaction, Customer, Touchpoint,
                  Agent, Team, Location):
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
