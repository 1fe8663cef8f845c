"""A customer whose name, e-mail and phone are spread as the product spreads them, and a
var/ directory of the test's own (mail files, uploads)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from kliento.accounts.services import api_token_create
from kliento.customers.models import Customer
from kliento.imports.models import ImportRun
from kliento.imports.services import import_run_execute, import_run_start
from kliento.notices.models import Notice
from kliento.recovery.services import compensation_grant, recovery_case_open
from kliento.surveys.services import invitation_create, survey_create
from kliento.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.access.conftest import org  # noqa: F401  (one person in each role)
from tests.factories import (
    CustomerFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
)

NAME, EMAIL, PHONE = "Eglė Žemaitytė-Testienė", "egle.zem@example.lt", "+37061234567"
NEEDLES = (NAME, "Žemaitytė-Testienė", EMAIL, PHONE)
NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(tmp_path / "mail")}}}
    return tmp_path


@pytest.fixture
def person(org, var_dir, client):  # noqa: F811  (org: the imported fixture)
    """A customer whose name, e-mail and phone are spread as the product spreads them."""
    customer = CustomerFactory(full_name=NAME, email=EMAIL, phone=PHONE, external_id="C-EGLE",
                               city="Telšiai")
    call = InteractionFactory(customer=customer, agent=org.agent_a, team=org.team_a,
                              channel=org.call_a.channel, opened_at=NOW - timedelta(days=3),
                              text=f"Skambino {NAME}, tel. {PHONE}")
    # Another customer's free text names her too.
    InteractionFactory(customer=org.customer_b, agent=org.agent_b, team=org.team_b,
                       channel=org.call_a.channel, opened_at=NOW - timedelta(days=3),
                       text=f"Klientė minėjo kaimynę {NAME}")
    promise = PromiseFactory(customer=customer, owner=org.agent_a, interaction=call,
                             description=f"Perskambinti {NAME} numeriu {PHONE}")
    SurveyResponseFactory(customer=customer, interaction=call, nps=2,
                          responded_at=NOW - timedelta(days=2),
                          comment=f"Aš, {NAME}, likau nepatenkinta")
    case = recovery_case_open(customer=customer, interaction=call, assignee=org.agent_a.user,
                              now=NOW)
    case.listening_notes = f"{NAME} pasakojo ilgai"
    case.agreed_solution, case.solution_agreed_at = f"Grąžinti {NAME} pinigus", NOW
    case.save()
    compensation_grant(case, granted_by=org.manager, amount="5.00", kind="discount",
                       reason=f"Atsiprašome, {NAME}")
    Notice.objects.create(recipient=org.agent_a.user, kind="promise_reminder", promise=promise,
                          subject=f"Promise to {NAME} due", body=f"You promised {NAME}")
    endpoint = WebhookEndpoint.objects.create(url="https://hooks.example.lt/k",
                                              events=["promise.broken"])
    WebhookDelivery.objects.create(endpoint=endpoint, event="promise.broken", created_at=NOW,
                                   payload={"customer": {"id": customer.pk, "name": NAME,
                                                         "email": EMAIL}})
    survey = survey_create(name="Po skambučio", blocks=["nps", "comment"])
    invitation_create(survey=survey, customer=customer, channel=org.call_a.channel,
                      interaction=call)  # an e-mail, written under var/mail
    # A change through the API: the history and the audit log hold the old value.
    _token, raw = api_token_create(user=org.manager, name="crm")
    client.patch(f"/api/v1/promises/{promise.pk}", data=json.dumps(
        {"description": f"Perskambinti {NAME} rytoj"}), content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"})
    LogEntry.objects.log_actions(org.manager.pk, [customer], CHANGE, change_message="[]",
                                 single_object=True)
    # An import whose file and refused rows name her.
    upload = var_dir / "imports" / "x" / "klientai.csv"
    upload.parent.mkdir(parents=True)
    upload.write_text("external_id,full_name,email,preferred_language\n"
                      f"C-EGLE,{NAME},{EMAIL},xx\nC-2,Ona Kita,ona@example.lt,lt\n",
                      encoding="utf-8")
    run = import_run_start(kind="customers", file_name=upload.name, created_by=org.manager,
                           stored_file=str(upload))
    import_run_execute(run, upload, rejects_path=upload.with_name("klientai.rejected.csv"))
    assert ImportRun.objects.get(pk=run.pk).rejects_file
    return Customer.objects.get(pk=customer.pk)
