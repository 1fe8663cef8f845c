from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kliento.audits.models import Audit, AuditCheck
from kliento.audits.services import audit_record, audit_score, standard_make_default
from tests.audits.conftest import JUNE, criteria
from tests.factories import ServiceStandardFactory


def test_score_is_the_weighted_share_of_criteria_met():
    assert audit_score([(2, True), (1, True), (1, False)]) == 75.0
    assert audit_score([(2, False), (1, True), (1, True)]) == 50.0
    assert audit_score([(3, True)]) == 100.0
    assert audit_score([(1, False), (5, False)]) == 0.0
    with pytest.raises(ValueError):
        audit_score([])


@pytest.mark.django_db
def test_recording_stores_the_score_the_checks_and_their_weights(org, standard, record):
    listened, asked, closed = criteria(standard)
    audit = record(org.ona, True, False, True, notes="Pirmą minutę leido apsižvalgyti.")
    audit.refresh_from_db()
    assert audit.score_percent == 75.0  # (2 + 1) of 4
    assert audit.audited_on == date(2026, 6, 10)
    # The agent's team and location at the time of the audit.
    assert (audit.team, audit.location) == (org.sales, org.vilnius)
    assert {(c.criterion_id, c.met, c.weight) for c in audit.checks.all()} == {
        (listened.pk, True, 2), (asked.pk, False, 1), (closed.pk, True, 1)}
    # Re-weighting the standard later does not rewrite the audit.
    listened.weight = 5
    listened.save()
    assert audit.checks.get(criterion=listened).weight == 2


@pytest.mark.django_db
def test_a_missing_answer_is_refused_by_name_and_nothing_is_stored(org, standard, auditor):
    listened, asked, _closed = criteria(standard)
    with pytest.raises(ValidationError) as refused:
        audit_record(standard=standard, auditor=auditor, kind="visit", agent=org.ona,
                     audited_at=JUNE, checks={listened.pk: True, asked.pk: True})
    assert "Closed" in " ".join(refused.value.messages)
    assert not Audit.objects.exists()
    assert not AuditCheck.objects.exists()


@pytest.mark.django_db
def test_answers_to_foreign_criteria_are_refused(org, standard, auditor):
    other = ServiceStandardFactory()
    stranger = other.criteria.create(text_en="x", text_lt="x", text_lv="x", text_ru="x",
                                     text_pl="x")
    checks = {c.pk: True for c in criteria(standard)} | {stranger.pk: True}
    with pytest.raises(ValidationError):
        audit_record(standard=standard, auditor=auditor, kind="visit", agent=org.ona,
                     audited_at=JUNE, checks=checks)
    assert not Audit.objects.exists()


@pytest.mark.django_db
def test_an_email_is_scored_only_on_what_an_email_can_show(org, standard, auditor):
    listened, asked, closed = criteria(standard)
    audit = audit_record(standard=standard, auditor=auditor, kind="email", agent=org.lina,
                         audited_at=JUNE, checks={listened.pk: True, asked.pk: False})
    assert audit.score_percent == pytest.approx(200 / 3)
    assert audit.checks.count() == 2
    with pytest.raises(ValidationError):  # "closed" is not checked in e-mails
        audit_record(standard=standard, auditor=auditor, kind="email", agent=org.lina,
                     audited_at=JUNE,
                     checks={listened.pk: True, asked.pk: False, closed.pk: True})


@pytest.mark.django_db
def test_a_visit_needs_a_location_and_every_audit_someone(standard, auditor, org):
    answers = {c.pk: True for c in criteria(standard)}
    with pytest.raises(ValidationError, match="A visit is audited at a location"):
        audit_record(standard=standard, auditor=auditor, kind="visit", team=org.service,
                     audited_at=JUNE, checks=answers)
    with pytest.raises(ValidationError, match="which location, team or agent"):
        audit_record(standard=standard, auditor=auditor, kind="call", audited_at=JUNE,
                     checks=answers)
    audit_record(standard=standard, auditor=auditor, kind="call", team=org.service,
                 audited_at=JUNE, checks=answers)
    assert Audit.objects.count() == 1


@pytest.mark.django_db
def test_future_self_and_retired_standard_audits_are_refused(org, standard, auditor):
    answers = {c.pk: True for c in criteria(standard)}
    with pytest.raises(ValidationError, match="already happened"):
        audit_record(standard=standard, auditor=auditor, kind="visit", agent=org.ona,
                     audited_at=timezone.now() + timedelta(hours=1), checks=answers)
    with pytest.raises(ValidationError, match="own work"):
        audit_record(standard=standard, auditor=org.ona.user, kind="visit", agent=org.ona,
                     audited_at=JUNE, checks=answers)
    standard.is_active = False
    standard.save()
    with pytest.raises(ValidationError, match="retired"):
        audit_record(standard=standard, auditor=auditor, kind="visit", agent=org.ona,
                     audited_at=JUNE, checks=answers)
    assert not Audit.objects.exists()


@pytest.mark.django_db
def test_notes_are_kept_per_check(org, standard, auditor):
    listened, asked, closed = criteria(standard)
    audit = audit_record(
        standard=standard, auditor=auditor, kind="visit", agent=org.ona,
        audited_at=datetime(2026, 6, 1, 9, tzinfo=UTC),
        checks={listened.pk: False, asked.pk: True, closed.pk: True},
        check_notes={listened.pk: "  Pertraukė du kartus.  "})
    assert audit.checks.get(criterion=listened).note == "Pertraukė du kartus."
    assert audit.checks.get(criterion=asked).note == ""


@pytest.mark.django_db
def test_there_is_one_default_standard(standard):
    first = ServiceStandardFactory()
    standard_make_default(first)
    standard_make_default(standard)
    first.refresh_from_db()
    assert not first.is_default
    assert standard.is_default
