"""An employee's anonymous answer is no customer feedback: the responses inbox, a response's
page, its CSV/XLSX export and GET /api/v1/survey-responses never show one, while customers'
answers (with or without a survey) stay."""

import csv
import importlib
import io
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from kliento.access.roles import Role
from kliento.analytics.models import RollupFillState
from kliento.people.employee_surveys import employee_survey_create
from kliento.surveys.models import Survey, SurveyResponse
from kliento.surveys.selectors import customer_responses
from kliento.surveys.services import survey_create
from tests.factories import CustomerFactory, SurveyResponseFactory, UserFactory

pytestmark = pytest.mark.django_db
MOMENT = datetime(2026, 6, 3, 0, 0, tzinfo=UTC)
EMPLOYEE_COMMENT = "Vadovė manęs negirdi"
CUSTOMER_COMMENT = "Kurjeris atvyko laiku"


@pytest.fixture
def answers(db):
    """One customer answer to a customer survey, one pushed in with no survey, and one
    employee's answer to an employee survey round."""
    customers = survey_create(name="Po skambučio", blocks=["nps", "comment"])
    round_ = employee_survey_create(name="Darbuotojų apklausa", starts_on=date(2026, 6, 1),
                                    ends_on=date(2026, 6, 30))
    customer = SurveyResponseFactory(survey=customers, customer=CustomerFactory(), nps=9,
                                     comment=CUSTOMER_COMMENT, responded_at=MOMENT)
    pushed = SurveyResponseFactory(survey=None, customer=CustomerFactory(), nps=7,
                                   responded_at=MOMENT)
    employee = SurveyResponseFactory(survey=round_.survey, customer=None, interaction=None,
                                     nps=2, comment=EMPLOYEE_COMMENT, responded_at=MOMENT)
    return {"customer": customer, "pushed": pushed, "employee": employee, "round": round_}


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(username="egle-manager", role=Role.MANAGER))
    return client


def test_an_employee_survey_is_made_for_employees_and_must_be_anonymous(answers):
    assert answers["round"].survey.audience == Survey.Audience.EMPLOYEES
    assert answers["customer"].survey.audience == Survey.Audience.CUSTOMERS
    with pytest.raises(ValidationError, match="must be anonymous"):
        survey_create(name="Atvira", blocks=["nps"], audience=Survey.Audience.EMPLOYEES)


def test_customer_responses_leave_out_only_employee_answers(answers):
    assert set(customer_responses()) == {answers["customer"], answers["pushed"]}
    assert SurveyResponse.objects.count() == 3  # the employee answer is kept, only not shown


def test_the_inbox_never_lists_an_employee_answer(manager, answers):
    page = manager.get(reverse("surveys:responses")).content.decode()
    assert CUSTOMER_COMMENT in page
    assert EMPLOYEE_COMMENT not in page
    assert "Darbuotojų apklausa" not in page  # not even as a survey to filter by
    # Asking for the employee survey by its id finds nothing either.
    filtered = manager.get(reverse("surveys:responses"),
                           {"survey": answers["round"].survey_id}).content.decode()
    assert EMPLOYEE_COMMENT not in filtered


def test_an_employee_answer_has_no_page_and_cannot_be_changed(manager, answers):
    employee = answers["employee"]
    assert manager.get(reverse("surveys:response", args=[employee.pk])).status_code == 404
    assert manager.post(reverse("surveys:response-change", args=[employee.pk]),
                        {"action": "tag", "name": "x"}).status_code == 404
    assert manager.get(reverse("surveys:response",
                               args=[answers["customer"].pk])).status_code == 200


def test_the_exports_leave_employee_answers_out(manager, answers):
    reply = manager.get(reverse("surveys:responses-export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(reply.streaming_content)
                                       .decode("utf-8-sig"))))
    assert len(rows) == 1 + 2  # the header, the customer answer and the pushed one
    text = "\n".join(",".join(row) for row in rows)
    assert CUSTOMER_COMMENT in text and EMPLOYEE_COMMENT not in text
    workbook = load_workbook(io.BytesIO(
        manager.get(reverse("surveys:responses-export", args=["xlsx"])).content))
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert workbook.active.max_row == 3
    assert CUSTOMER_COMMENT in cells and EMPLOYEE_COMMENT not in cells


def test_the_api_never_lists_an_employee_answer(manager, answers):
    listed = manager.get("/api/v1/survey-responses").json()
    assert {item["id"] for item in listed["items"]} == {answers["customer"].pk,
                                                        answers["pushed"].pk}
    assert listed["count"] == 2
    by_survey = manager.get(
        f"/api/v1/survey-responses?survey={answers['round'].survey_id}").json()
    assert by_survey["count"] == 0 and by_survey["items"] == []


def test_the_migration_marks_the_surveys_of_existing_rounds_as_employees(answers):
    survey = answers["round"].survey
    Survey.objects.filter(pk=survey.pk).update(audience=Survey.Audience.CUSTOMERS)
    migration = importlib.import_module(
        "kliento.people.migrations.0005_employee_surveys_audience")
    stored = RollupFillState.objects.create(grain="week", breakdown="none",
                                            filled_through=date(2026, 5, 31))
    migration.mark_employee_surveys(apps, None)
    survey.refresh_from_db()
    assert survey.audience == Survey.Audience.EMPLOYEES
    assert answers["customer"].survey.audience == Survey.Audience.CUSTOMERS
    stored.refresh_from_db()
    assert stored.filled_through is None  # buckets that may hold eNPS are filled again


def test_the_survey_page_lists_no_employee_answer(manager, answers):
    employee_page = manager.get(reverse("surveys:detail", args=[answers["round"].survey_id]))
    assert employee_page.status_code == 200
    assert EMPLOYEE_COMMENT not in employee_page.content.decode()
    customer_page = manager.get(reverse("surveys:detail", args=[answers["customer"].survey_id]))
    assert CUSTOMER_COMMENT in customer_page.content.decode()
