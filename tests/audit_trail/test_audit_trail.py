"""Every change has an author: an API change, a page change, an import and a job each leave
an audit event with the right actor and source, with the fields before and after."""

import json
from datetime import UTC, datetime, timedelta

from django.urls import reverse

from kliento.accounts.services import api_token_create
from kliento.audit_trail.models import AuditEvent
from kliento.imports.services import import_run_execute, import_run_start
from kliento.interactions.models import Interaction
from kliento.jobs.services import run_due_jobs
from kliento.surveys.models import Invitation
from kliento.surveys.services import survey_create

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def _events(obj):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def test_an_api_change_is_recorded_with_the_tokens_user_not_nobody(client, org):
    token, raw = api_token_create(user=org.agent_a.user, name="crm")
    response = client.patch(f"/api/v1/promises/{org.promise_a.pk}",
                            data=json.dumps({"description": "Perskambinti rytoj"}),
                            content_type="application/json",
                            headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200, response.content
    event = _events(org.promise_a).filter(action="changed").get()
    assert event.actor == org.agent_a.user
    assert event.source == "api"
    assert event.token_prefix == token.prefix
    assert event.changes["description"] == [org.promise_a.description, "Perskambinti rytoj"]
    history = org.promise_a.history.first()
    assert history.history_user == org.agent_a.user and history.history_source == "api"


def test_a_page_change_is_recorded_with_the_signed_in_person(client, org):
    client.force_login(org.agent_a.user)
    response = client.post(reverse("promises:close", kwargs={"pk": org.promise_a.pk}),
                           {"outcome": "broken", "note": "Nepaskambinome"})
    assert response.status_code in (200, 302)
    event = _events(org.promise_a).filter(action="changed").get()
    assert (event.actor, event.source) == (org.agent_a.user, "page")
    assert event.changes["status"] == ["open", "broken"]


def test_an_import_is_recorded_for_whoever_started_it(org, tmp_path):
    sample = tmp_path / "klientai.csv"
    sample.write_text("external_id,full_name\nC-77,Ieva Importuota\n", encoding="utf-8")
    run = import_run_start(kind="customers", file_name=sample.name, created_by=org.manager,
                           stored_file=str(sample))
    import_run_execute(run, sample)
    event = _events(run).get(action="imported")
    assert (event.actor, event.source) == (org.manager, "import")
    assert event.detail["imported"] == 1


def test_a_job_is_recorded_as_kliento_through_the_job_door(org):
    survey = survey_create(name="Po pokalbio", blocks=["nps"],
                           trigger="interaction_resolved")
    Interaction.objects.filter(pk=org.call_a.pk).update(resolved_at=NOW - timedelta(hours=1))
    run_due_jobs(now=NOW)
    invitation = Invitation.objects.get(survey=survey, customer=org.customer_a)
    event = _events(invitation).get(action="created")
    assert (event.actor, event.source) == (None, "job")


def test_sign_ins_failed_sign_ins_and_new_tokens_are_logged(client, org):
    org.manager.set_password("labai-slaptas-1")
    org.manager.save()
    client.post(reverse("login"), {"username": org.manager.username, "password": "klaida"})
    client.post(reverse("login"), {"username": org.manager.username,
                                   "password": "labai-slaptas-1"})
    failed = AuditEvent.objects.get(action="sign_in_failed")
    assert failed.object_repr == org.manager.username and failed.actor is None
    assert AuditEvent.objects.get(action="signed_in").actor == org.manager
    token, _raw = api_token_create(user=org.integration, name="sync")
    assert AuditEvent.objects.get(action="token_created").object_id == str(token.pk)


def test_audit_events_api_is_for_managers_and_filters(client, org):
    client.force_login(org.agent_a.user)
    client.post(reverse("promises:close", kwargs={"pk": org.promise_a.pk}),
                {"outcome": "broken"})
    assert client.get("/api/v1/audit-events").status_code == 403
    client.force_login(org.manager)
    answer = client.get("/api/v1/audit-events", {
        "object_type": "promises.promise", "object_id": org.promise_a.pk,
        "actor": org.agent_a.user.pk,
        "since": (datetime.now(UTC) - timedelta(hours=1)).isoformat()}).json()
    assert answer["count"] == 1
    assert answer["items"][0]["changes"]["status"] == ["open", "broken"]
    later = client.get("/api/v1/audit-events", {
        "object_type": "promises.promise",
        "since": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}).json()
    assert later["count"] == 0


def test_the_recovery_case_page_shows_its_history(client, org):
    from kliento.recovery.services import recovery_case_open

    case = recovery_case_open(customer=org.customer_a, interaction=org.call_a,
                              assignee=org.agent_a.user, now=NOW)
    client.force_login(org.agent_a.user)
    client.post(reverse("recovery:detail", kwargs={"pk": case.pk}),
                {"step": "listen", "listening_notes": "Išklausiau viską"})
    page = client.get(reverse("recovery:detail", kwargs={"pk": case.pk})).content.decode()
    assert 'id="history"' in page
    assert "Išklausiau viską" in page and org.agent_a.user.username in page


def test_role_changes_are_history_too(org):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.get(name="Auditor")
    group.permissions.add(Permission.objects.get(codename="view_dashboard"))
    group.name = "Auditors"
    group.save()
    event = _events(group).filter(action="changed").latest("pk")
    assert event.changes["name"] == ["Auditor", "Auditors"]
