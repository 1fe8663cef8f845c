"""Every door, every role: walks the whole URLconf and the whole OpenAPI document as each
role and checks the answer against the table of who may do what.

Adding a page or an API operation without a row here fails ``test_every_page_has_a_row`` or
``test_every_api_operation_has_a_row``: a new door is decided on, never left open by default.
"""

import json
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kliento.accounts.services import api_token_create
from kliento.accounts.tokens import token_digest, token_new
from kliento.api.v1 import api
from kliento.audits.services import audit_record
from kliento.customers.consent import unsubscribe_token
from kliento.defects.services import defect_log
from kliento.imports.models import ImportRun
from kliento.occasions.offers import offer_experiment_create
from kliento.organisation.services import company_settings_update
from kliento.people.models import BonusRule
from kliento.people.services import contest_create
from kliento.promises.models import Promise
from kliento.questions.models import MiningRun, Topic
from kliento.recovery.services import recovery_case_open
from kliento.surveys.models import Invitation
from kliento.surveys.report_link import report_token
from kliento.surveys.services import invitation_create, survey_create, survey_response_record
from kliento.webhooks.models import WebhookDelivery, WebhookEndpoint
from kliento.workforce.services import shift_create
from tests.factories import LocationFactory, ServiceStandardFactory, StandardCriterionFactory

# A 2×2 PNG: the company's logo behind "settings:logo".
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001649444154789c63"
    "3ca1a1c1c0c0c0c4c0c0c0c0c000000dea011c249510340000000049454e44ae426082")

# Who is asking: nobody, an agent of team A (whose records these are), an agent of team B, team
# A's lead, a manager, an auditor and an integration.
ANON, AGENT_A, AGENT_B, LEAD, MANAGER, AUDITOR, INTEGRATION = (
    "anonymous", "agent_a", "agent_b", "lead", "manager", "auditor", "integration")
PEOPLE = (AGENT_A, AGENT_B, LEAD, MANAGER, AUDITOR, INTEGRATION)
EVERYONE = (ANON, *PEOPLE)
SERVING = (AGENT_A, AGENT_B, LEAD, MANAGER)
TEAM_A = (AGENT_A, LEAD, MANAGER)
PUBLIC = "public"  # no sign-in: the link's token or nothing at all is what opens it
ADMIN = "admin"  # Django's admin: staff only, by its own permission system (tests/test_admin.py)

# Pages: URL name → {method: who may}. Anyone else gets 403 or 404, or — without signing in —
# the login page.
PAGES = {
    "healthz": {"GET": PUBLIC},
    "set_language": {"POST": PUBLIC},
    "survey-page": {"GET": PUBLIC},
    "survey-draft": {"POST": PUBLIC},
    "promise-status": {"GET": PUBLIC},
    "unsubscribe": {"GET": PUBLIC, "POST": PUBLIC},
    "defect-report": {"GET": PUBLIC, "POST": PUBLIC},
    "defects:list": {"GET": (*SERVING, AUDITOR)},
    "defects:new": {"GET": (*SERVING, AUDITOR), "POST": (*SERVING, AUDITOR)},
    "defects:analysis": {"GET": (LEAD, MANAGER)},
    "defects:fix": {"POST": TEAM_A},
    "defects:verify": {"POST": (LEAD, MANAGER, AUDITOR)},
    "defects:photo": {"GET": (*TEAM_A, AUDITOR)},
    "occasions:list": {"GET": SERVING},
    "occasions:name-day-add": {"POST": (MANAGER,)},
    "occasions:experiments": {"GET": (LEAD, MANAGER), "POST": (MANAGER,)},
    "occasions:experiment": {"GET": (LEAD, MANAGER)},
    "occasions:experiment-launch": {"POST": (MANAGER,)},
    "occasions:experiment-print": {"GET": (LEAD, MANAGER)},
    "customers:detail": {"GET": TEAM_A},
    "journeys:customers": {"GET": SERVING},
    "journeys:profile": {"GET": TEAM_A},
    "journeys:map": {"GET": (LEAD, MANAGER)},
    "journeys:segments": {"GET": (LEAD, MANAGER)},
    "journeys:refresh": {"POST": (MANAGER,)},
    "journeys:rules": {"GET": (LEAD, MANAGER), "POST": (MANAGER,)},
    "journeys:engagement": {"GET": (LEAD, MANAGER)},
    "journeys:drift": {"GET": (LEAD, MANAGER)},
    "journeys:marker-add": {"POST": (MANAGER,)},
    "journeys:churn": {"GET": (LEAD, MANAGER)},
    "customers:new": {"GET": (MANAGER, INTEGRATION), "POST": (MANAGER, INTEGRATION)},
    "promises:history": {"GET": TEAM_A},
    "privacy:export": {"GET": (MANAGER,)},
    "privacy:erase": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "settings:company": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "settings:logo": {"GET": (MANAGER,)},
    "login": {"GET": PUBLIC},
    "logout": {"POST": PUBLIC},
    "home": {"GET": PEOPLE},
    "analytics:dashboard": {"GET": (*SERVING, AUDITOR)},
    "analytics:explore": {"GET": (LEAD, MANAGER)},
    "analytics:behind": {"GET": (*SERVING, AUDITOR)},
    "analytics:monthly-report": {"GET": (LEAD, MANAGER)},
    "analytics:monthly-reports": {"GET": (LEAD, MANAGER)},
    "alerts:list": {"GET": (LEAD, MANAGER), "POST": (LEAD, MANAGER)},
    "audits:overview": {"GET": (LEAD, MANAGER, AUDITOR)},
    "audits:new": {"GET": (MANAGER, AUDITOR), "POST": (MANAGER, AUDITOR)},
    "audits:detail": {"GET": (AGENT_A, LEAD, MANAGER, AUDITOR)},
    "surveys:list": {"GET": (*SERVING, INTEGRATION)},
    "surveys:new": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "surveys:detail": {"GET": (*SERVING, INTEGRATION), "POST": (MANAGER,)},
    "surveys:invite": {"GET": SERVING, "POST": SERVING},
    "surveys:phone": {"GET": SERVING, "POST": SERVING},
    "surveys:preview": {"GET": (*SERVING, INTEGRATION)},
    "surveys:question": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "surveys:question-delete": {"POST": (MANAGER,)},
    "surveys:question-move": {"POST": (MANAGER,)},
    "surveys:responses": {"GET": SERVING},
    "surveys:responses-export": {"GET": SERVING},
    "surveys:response": {"GET": TEAM_A},
    "surveys:response-change": {"POST": TEAM_A},
    "promises:list": {"GET": SERVING},
    "promises:new": {"GET": SERVING, "POST": SERVING},
    "accounts:tokens": {"GET": PEOPLE, "POST": PEOPLE},
    "promises:close": {"POST": TEAM_A},
    "promises:acknowledge": {"POST": TEAM_A},
    "recovery:list": {"GET": SERVING},
    "recovery:open": {"GET": (LEAD, MANAGER), "POST": (LEAD, MANAGER)},
    "recovery:detail": {"GET": TEAM_A, "POST": TEAM_A},
    "recovery:open-from-response": {"POST": (LEAD, MANAGER)},
    "imports:list": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "imports:run": {"GET": (MANAGER,)},
    "imports:rejects": {"GET": (MANAGER,)},
    "imports:again": {"POST": (MANAGER,)},
    "imports:template": {"GET": (MANAGER,)},
    "webhooks:list": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "webhooks:retry": {"POST": (MANAGER,)},
    "people:me": {"GET": SERVING},
    "people:agent": {"GET": TEAM_A},
    "people:leaderboard": {"GET": SERVING},
    "people:contests": {"GET": SERVING},
    "people:contest-new": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "people:contest": {"GET": SERVING},
    "people:bonuses": {"GET": (MANAGER,)},
    "people:bonus-export": {"GET": (MANAGER,)},
    "people:employee-survey": {"GET": SERVING, "POST": SERVING},
    "people:loyalty": {"GET": (LEAD, MANAGER)},
    "people:employee-survey-new": {"POST": (MANAGER,)},
    "people:upsell": {"GET": (LEAD, MANAGER)},
    "people:workforce": {"GET": (LEAD, MANAGER)},
    "people:training-import": {"POST": (MANAGER,)},
    "workforce:plan": {"GET": (LEAD, MANAGER)},
    "workforce:accuracy": {"GET": (LEAD, MANAGER)},
    "response-time-embed": {"GET": PUBLIC},
    "faq": {"GET": PUBLIC},
    "questions:candidates": {"GET": (LEAD, MANAGER)},
    "questions:mine": {"POST": (MANAGER,)},
    "questions:comments": {"GET": (LEAD, MANAGER)},
    "questions:topic": {"GET": (LEAD, MANAGER)},
    "questions:topic-name": {"POST": (MANAGER,)},
    "questions:topic-questions": {"GET": (LEAD, MANAGER)},
    "questions:faq-edit": {"GET": (MANAGER,), "POST": (MANAGER,)},
    "questions:faq-publish": {"POST": (MANAGER,)},
}

# API operations: "METHOD /path" → who may. Anyone else gets 403 or 404; nobody gets 401.
OPERATIONS = {
    "GET /api/v1/audit-events": (MANAGER,),
    "GET /api/v1/metrics": (LEAD, MANAGER),
    "GET /api/v1/surveys": (*SERVING, INTEGRATION),
    "POST /api/v1/survey-invitations": TEAM_A,
    "GET /api/v1/survey-responses": SERVING,
    "POST /api/v1/survey-responses": (MANAGER, INTEGRATION),
    "GET /api/v1/customers": SERVING,
    "POST /api/v1/customers": (MANAGER, INTEGRATION),
    "GET /api/v1/customers/{customer_id}/timeline": TEAM_A,
    "GET /api/v1/kv-bands": (LEAD, MANAGER),
    "GET /api/v1/orders": SERVING,
    "POST /api/v1/orders": (MANAGER, INTEGRATION),
    "GET /api/v1/interactions": SERVING,
    "POST /api/v1/interactions": (MANAGER, INTEGRATION),
    "GET /api/v1/promises": SERVING,
    "POST /api/v1/promises": TEAM_A,
    "GET /api/v1/promises/kept-rate": (LEAD, MANAGER),
    "GET /api/v1/promises/{promise_id}": TEAM_A,
    "PATCH /api/v1/promises/{promise_id}": TEAM_A,
    "POST /api/v1/promises/{promise_id}/acknowledge": TEAM_A,
    "GET /api/v1/defects": (*SERVING, AUDITOR),
    "POST /api/v1/defects": (*SERVING, AUDITOR),
    "POST /api/v1/defects/{defect_id}/fix": TEAM_A,
    "POST /api/v1/defects/{defect_id}/verify": (LEAD, MANAGER, AUDITOR),
    "GET /api/v1/defects/category-suggestion": (*SERVING, AUDITOR),
    "POST /api/v1/offers/redeem": (*SERVING, INTEGRATION),
    "GET /api/v1/offer-experiments/{experiment_id}/results": (LEAD, MANAGER),
    "GET /api/v1/recovery-cases": SERVING,
    "POST /api/v1/recovery-cases": (LEAD, MANAGER),
    "GET /api/v1/recovery-cases/{case_id}": TEAM_A,
    "PATCH /api/v1/recovery-cases/{case_id}": TEAM_A,
    "POST /api/v1/recovery-cases/{case_id}/grants": TEAM_A,
    "GET /api/v1/recovery-metrics": (LEAD, MANAGER),
    "GET /api/v1/service-targets": (LEAD, MANAGER),
    "PATCH /api/v1/service-targets/{channel}": (MANAGER,),
    "GET /api/v1/shifts": (LEAD, MANAGER),
    "POST /api/v1/shifts": (MANAGER,),
    "GET /api/v1/roster": (LEAD, MANAGER),
    "POST /api/v1/roster": (LEAD, MANAGER),
    "GET /api/v1/staffing-plan": (LEAD, MANAGER),
    # Public: a company's contact page shows it to anyone (everyone, signed in or not, 2xx).
    "GET /api/v1/response-times": PUBLIC,
    # Public: a company's help page shows its published answers to anyone.
    "GET /api/v1/faq": PUBLIC,
    "GET /api/v1/topics": (LEAD, MANAGER),
    "GET /api/v1/topics/{topic_id}/deflection": (LEAD, MANAGER),
}

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def _named_patterns(resolver: URLResolver, namespace: str = "", prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api-v1":  # walked through the OpenAPI document instead
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def _walked_pages() -> dict[str, str]:
    return dict(_named_patterns(get_resolver()))


@pytest.fixture
def doors(org, tmp_path, settings):
    """Records behind every door, all team A's; the objects each URL needs."""
    settings.VAR_DIR = tmp_path
    company_settings_update(logo=SimpleUploadedFile("logo.png", PNG_PIXEL))
    survey = survey_create(name="Po skambučio", blocks=["nps", "comment"])
    _, survey_link = invitation_create(survey=survey, customer=org.customer_a,
                                       channel=org.call_a.channel, delivery="link",
                                       interaction=org.call_a, base_url="http://testserver/")
    case = recovery_case_open(customer=org.customer_a, interaction=org.call_a,
                              assignee=org.agent_a.user, now=NOW)
    response = survey_response_record(customer=org.customer_a, interaction=org.call_a,
                                      survey=survey, responded_at=NOW, language="lt", nps=3,
                                      comment="Vėlavo")
    standard = ServiceStandardFactory()
    criterion = StandardCriterionFactory(standard=standard)
    audit = audit_record(standard=standard, auditor=org.auditor, kind="call", audited_at=NOW,
                         checks={criterion.pk: True}, team=org.team_a, agent=org.agent_a)
    refused = tmp_path / "klientai.rejected.csv"
    refused.write_text("external_id,error\nC-9,full_name: required\n", encoding="utf-8")
    run = ImportRun.objects.create(kind="customers", file_name="klientai.csv",
                                   created_by=org.manager, rejects_file=str(refused))
    endpoint = WebhookEndpoint.objects.create(url="https://hooks.example.lt/kliento",
                                              events=["promise.broken"])
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="promise.broken",
                                              payload={}, created_at=NOW)
    mined = MiningRun.objects.create(source="questions", status="done", requested_at=NOW,
                                     finished_at=NOW)
    topic = Topic.objects.create(source="questions", number=1, label="darbo · valandos",
                                 first_run=mined, last_run=mined)
    # A status link made as the product makes one: the token exists only here.
    status_token = token_new()
    Promise.objects.filter(pk=org.promise_a.pk).update(status_token_digest=token_digest(status_token))
    # A defect team A's agent fixes, seen by the auditor, with its photo; and the customer's
    # link to report one, made for an answered invitation.
    defect = defect_log(category="cleanliness", description="Nešvarus tualetas",
                        source="auditor", location=LocationFactory(), owner=org.agent_a.user,
                        reported_by=org.auditor, now=NOW,
                        photo=SimpleUploadedFile("wc.png", PNG_PIXEL))
    experiment = offer_experiment_create(name="Vardadienis", seed=1,
                                         arms=[("discount", 50), ("nothing", 50)])
    answered = Invitation.objects.create(
        survey=survey, customer=org.customer_a, channel=org.call_a.channel, delivery="link",
        language="lt", token_digest=token_digest(token_new()), created_at=NOW,
        expires_at=NOW + timedelta(days=14), response=response)
    return {
        "defect-report": {"token": report_token(answered)},
        "defects:fix": {"pk": defect.pk},
        "defects:verify": {"pk": defect.pk},
        "defects:photo": {"pk": defect.pk},
        "{defect_id}": defect.pk,
        "{experiment_id}": experiment.pk,
        "occasions:experiment": {"pk": experiment.pk},
        "occasions:experiment-launch": {"pk": experiment.pk},
        "occasions:experiment-print": {"pk": experiment.pk},
        "survey-page": {"token": survey_link.rstrip("/").rsplit("/", 1)[-1]},
        "survey-draft": {"token": survey_link.rstrip("/").rsplit("/", 1)[-1]},
        "promise-status": {"token": status_token},
        "unsubscribe": {"token": unsubscribe_token(org.customer_a, "surveys")},
        "customers:detail": {"pk": org.customer_a.pk},
        "journeys:profile": {"pk": org.customer_a.pk},
        "{customer_id}": org.customer_a.pk,
        "promises:history": {"pk": org.promise_a.pk},
        "privacy:export": {"pk": org.customer_a.pk},
        "privacy:erase": {"pk": org.customer_a.pk},
        "audits:detail": {"pk": audit.pk},
        "surveys:detail": {"pk": survey.pk},
        "surveys:invite": {"pk": survey.pk},
        "surveys:phone": {"pk": survey.pk},
        "surveys:preview": {"pk": survey.pk},
        # The NPS question has an answer (the response above), so deleting it is refused.
        **{name: {"pk": survey.pk, "question_pk": survey.questions.get(kind="nps").pk}
           for name in ("surveys:question", "surveys:question-delete",
                        "surveys:question-move")},
        "promises:close": {"pk": org.promise_a.pk},
        "promises:acknowledge": {"pk": org.promise_a.pk},
        "recovery:detail": {"pk": case.pk},
        "recovery:open-from-response": {"pk": response.pk},
        "surveys:response": {"pk": response.pk},
        "surveys:response-change": {"pk": response.pk},
        "surveys:responses-export": {"file_format": "csv"},
        "imports:run": {"pk": run.pk},
        "imports:rejects": {"pk": run.pk},
        "imports:again": {"pk": run.pk},
        "imports:template": {"kind": "customers"},
        "webhooks:retry": {"pk": delivery.pk},
        "people:agent": {"pk": org.agent_a.pk},
        "people:contest": {"pk": contest_create(name="Rudens NPS", metric="nps",
                                                starts_on=NOW.date() - timedelta(days=10),
                                                ends_on=NOW.date() + timedelta(days=10)).pk},
        "people:bonus-export": {"pk": BonusRule.objects.create(
            name="CSAT premija", metric="csat", target=80, amount_per_point="5.00").pk,
            "file_format": "csv"},
        "{promise_id}": org.promise_a.pk,
        "{case_id}": case.pk,
        "{topic_id}": topic.pk,
        "questions:topic": {"pk": topic.pk},
        "questions:topic-name": {"pk": topic.pk},
        "questions:topic-questions": {"pk": topic.pk},
        "questions:faq-edit": {"pk": topic.pk},
        "questions:faq-publish": {"pk": topic.pk},
        "survey": survey,
        "shift": shift_create(name="Rytas", starts_at=time(8), ends_at=time(16, 30)),
    }


def _person(org, who):
    person = getattr(org, who)
    return getattr(person, "user", person)


def _signed_in(client, org, who):
    if who != ANON:
        client.force_login(_person(org, who))
    return client


def test_every_page_has_a_row():
    walked = {name for name in _walked_pages() if not name.startswith("admin:")}
    assert walked - set(PAGES) == set(), "pages without a row in the role table"
    assert set(PAGES) - walked == set(), "rows for pages that no longer exist"


def test_every_api_operation_has_a_row():
    document = api.get_openapi_schema()
    walked = {f"{method.upper()} {path}" for path, operations in document["paths"].items()
              for method in operations}
    assert walked - set(OPERATIONS) == set(), "API operations without a row in the role table"
    assert set(OPERATIONS) - walked == set(), "rows for API operations that no longer exist"


def test_every_api_operation_names_the_permission_it_needs():
    """No operation falls back to 'anyone with a token': each declares its permission."""
    undeclared = []
    public = {name for name, allowed in OPERATIONS.items() if allowed == PUBLIC}
    for _, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if {f"{method} /api/v1{path}" for method in operation.methods} <= public:
                    continue  # decided on as public in the table, so auth=None
                permissions = {getattr(auth, "permission", None)
                               for auth in operation.auth_callbacks}
                if not permissions or None in permissions:
                    undeclared.append(operation.view_func.__name__)
    assert undeclared == []


@pytest.mark.parametrize("who", EVERYONE)
def test_pages_answer_each_role_as_the_table_says(client, org, doors, who):
    wrong = []
    for name, methods in PAGES.items():
        url = reverse(name, kwargs=doors.get(name))
        for method, allowed in methods.items():
            _signed_in(client, org, who)  # again: the logout row signs out
            response = client.generic(method, url)
            status = response.status_code
            to_login = status == 302 and "/login/" in response.get("Location", "")
            if allowed == PUBLIC or who in allowed:
                if status in (401, 403, 404) or (to_login and name not in ("logout",)):
                    wrong.append(f"{method} {name}: {status}, expected to be let in")
            elif who == ANON:
                if not to_login:
                    wrong.append(f"{method} {name}: {status}, expected the login page")
            elif status not in (403, 404):
                wrong.append(f"{method} {name}: {status}, expected 403 or 404")
    assert wrong == [], "\n".join(wrong)


def _sample_body(operation: str, org, doors) -> dict | None:
    """A body that passes validation, so the answer is about who asks, not what is sent."""
    due = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    return {
        "POST /api/v1/survey-invitations": {"survey": doors["survey"].pk,
                                            "customer": org.customer_a.pk,
                                            "channel": "phone", "delivery": "link"},
        "POST /api/v1/survey-responses": {"survey_external_id": "", "external_id": "R-1"},
        "POST /api/v1/customers": {"external_id": "C-NEW", "full_name": "Ieva Naujoji"},
        "POST /api/v1/interactions": {"external_id": "I-NEW"},
        "POST /api/v1/orders": {"external_id": "O-NEW"},
        "POST /api/v1/defects": {"description": "Nešvarus tualetas", "category": "cleanliness",
                                 "location": LocationFactory().pk},
        "POST /api/v1/defects/{defect_id}/verify": {"fixed": True},
        "POST /api/v1/offers/redeem": {"code": "NOPE"},
        "POST /api/v1/promises": {"customer": org.customer_a.pk, "kind": "callback",
                                  "description": "Perskambinti", "due_at": due,
                                  "owner": org.agent_a.pk, "notify_customer": False},
        "PATCH /api/v1/promises/{promise_id}": {"description": "Perskambinti rytoj"},
        "POST /api/v1/recovery-cases": {"customer": org.customer_a.pk,
                                        "notes": "Skambino dar kartą"},
        "PATCH /api/v1/recovery-cases/{case_id}": {"listening_notes": "Išklausiau"},
        "PATCH /api/v1/service-targets/{channel}": {"service_level": 0.85},
        "POST /api/v1/shifts": {"name": "Vakaras", "starts_at": "12:00",
                                "ends_at": "20:30"},
        "POST /api/v1/roster": {"day": "2026-06-15", "agent": org.agent_a.pk,
                                "shift": doors["shift"].pk, "channel": "phone"},
        "POST /api/v1/recovery-cases/{case_id}/grants": {"amount": "5.00",
                                                         "kind": "discount",
                                                         "reason": "Vėlavome"},
    }.get(operation)


_QUERIES = {"GET /api/v1/metrics": "?start=2026-06-01&end=2026-06-10",
            "GET /api/v1/kv-bands": "?start=2026-06-01&end=2026-06-10",
            "GET /api/v1/promises/kept-rate": "?start=2026-06-01&end=2026-06-10",
            "GET /api/v1/defects/category-suggestion": "?text=dirty+toilet",
            "GET /api/v1/recovery-metrics": "?start=2026-06-01&end=2026-06-10"}


@pytest.mark.parametrize("who", EVERYONE)
def test_api_answers_each_role_as_the_table_says(client, org, doors, who):
    headers = {}
    if who != ANON:
        _, token = api_token_create(user=_person(org, who), name="role table")
        headers["Authorization"] = f"Bearer {token}"
    wrong = []
    for operation, allowed in OPERATIONS.items():
        method, path = operation.split(" ", 1)
        url = path.replace("{promise_id}", str(doors["{promise_id}"])).replace(
            "{case_id}", str(doors["{case_id}"])).replace(
            "{topic_id}", str(doors["{topic_id}"])).replace(
            "{defect_id}", str(doors["{defect_id}"])).replace(
            "{experiment_id}", str(doors["{experiment_id}"])).replace(
            "{customer_id}", str(doors["{customer_id}"])).replace(
            "{channel}", "phone") + _QUERIES.get(operation, "")
        body = _sample_body(operation, org, doors)
        response = client.generic(method, url, data=None if body is None else json.dumps(body),
                                  content_type="application/json", headers=headers)
        status = response.status_code
        if allowed == PUBLIC:
            if not 200 <= status < 300:
                wrong.append(f"{operation}: {status}, expected 2xx (public)")
        elif who == ANON:
            if status != 401 or "WWW-Authenticate" not in response:
                wrong.append(f"{operation}: {status}, expected 401 with WWW-Authenticate")
        elif who in allowed:
            if status in (401, 403, 404):
                wrong.append(f"{operation}: {status}, expected to be let in")
        elif status not in (403, 404):
            wrong.append(f"{operation}: {status}, expected 403 or 404")
    assert wrong == [], "\n".join(wrong)
