"""How recovery reads on the page: the KPI cards (the recovery list and the dashboard show the
same ones), the protocol's steps and the rest of a case's page."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kliento.audit_trail.selectors import object_history
from kliento.recovery.models import RecoveryCase
from kliento.recovery.selectors import (
    Share,
    compensation_granted,
    compensation_limit_for,
    complaint_causes,
    follow_up_possible_from,
    recovery_kpis,
)
from kliento.ui.formatting import format_count, format_duration, format_money, format_percent


def _percent(share: Share | None) -> dict:
    if share is None:
        return {"value": None, "interval": None}
    return {"value": format_percent(share.value),
            "interval": (format_percent(share.low), format_percent(share.high))}


def recovery_kpi_cards(start: date, end: date) -> list[dict]:
    """Five cards for the complaints and cases of a period (three or four queries)."""
    causes = complaint_causes(start, end)
    return [
        {"key": "broken_promise_share", "title": _("Complaints from broken promises"),
         "explanation": _("Of the complaints classified by cause, those where a promise was "
                          "broken (reliability)."),
         **_percent(causes.broken_promise),
         "basis": ngettext("%(count)s classified complaint of %(all)s",
                           "%(count)s classified complaints of %(all)s",
                           causes.classified) % {"count": format_count(causes.classified),
                                                 "all": format_count(causes.complaints)}},
        *case_kpi_cards(start, end)]


def case_kpi_cards(start: date, end: date) -> list[dict]:
    """The four cards of the recovery cases opened in a period (one or two queries): the
    dashboard shows these alone, its broken-promise share being a KPI card of its own, so it
    does not count the period's complaints by cause for nothing."""
    kpis = recovery_kpis(start, end)
    per_customer = kpis.compensation_per_recovered_customer
    median = kpis.first_contact_median_seconds
    return [
        {"key": "recovery_rate", "title": _("Recovery rate"),
         "explanation": _("Cases whose follow-up score beats the score before."),
         **_percent(kpis.recovery_rate),
         "basis": ngettext("%(count)s case followed up", "%(count)s cases followed up",
                           kpis.followed_up) % {"count": format_count(kpis.followed_up)}},
        {"key": "complaint_to_delight", "title": _("Complaint to delight"),
         "explanation": _("Cases whose follow-up recommends us (9–10) or beats the "
                          "customer's expectation."),
         "value": format_count(kpis.complaint_to_delight)
         if kpis.followed_up else None, "interval": None,
         "basis": ngettext("%(count)s case opened", "%(count)s cases opened",
                           kpis.cases) % {"count": format_count(kpis.cases)}},
        {"key": "first_contact", "title": _("First recovery contact (median)"),
         "explanation": _("From the low score or complaint to the first talk with the "
                          "customer."),
         "value": None if median is None else format_duration(median), "interval": None,
         "basis": ngettext("%(count)s case contacted", "%(count)s cases contacted",
                           kpis.contacted) % {"count": format_count(kpis.contacted)}},
        {"key": "compensation_per_recovered", "title": _("Compensation per recovered customer"),
         "explanation": _("Compensation the customers accepted, divided by the customers "
                          "recovered."),
         "value": None if per_customer is None else format_money(per_customer), "interval": None,
         "basis": ngettext("%(spent)s for %(count)s customer",
                           "%(spent)s for %(count)s customers",
                           kpis.recovered_customers) % {
             "spent": format_money(kpis.compensation_spent),
             "count": format_count(kpis.recovered_customers)}},
    ]


def protocol_steps(case: RecoveryCase) -> list[dict]:
    """The five steps with their state: done, current (the first not done) or to do."""
    steps = [
        ("listen", _("Listen"), bool(case.listening_notes)),
        ("confirm", _("Paraphrase & confirm"), case.customer_confirmed_at is not None),
        ("agree", _("Agree"), case.solution_agreed_at is not None),
        ("compensate", _("Compensate"), case.resolved_at is not None),
        ("follow_up", _("Follow up"), case.follow_up_score is not None),
    ]
    current = next((key for key, _label, done in steps if not done), None)
    return [{"key": key, "number": number, "label": label,
             "state": "done" if done else ("current" if key == current else "todo")}
            for number, (key, label, done) in enumerate(steps, start=1)]


def case_page_context(case: RecoveryCase, user) -> dict:
    """What the case's page shows besides its forms: the steps, whether it is closed or
    overdue, ``user``'s compensation limit and what was granted, and from when the
    follow-up may be sent."""
    limit = compensation_limit_for(user)
    return {
        "case": case, "steps": protocol_steps(case),
        "closed": case.status == RecoveryCase.Status.CLOSED,
        "overdue": case.first_contact_at is None and case.status in RecoveryCase.ACTIVE
        and case.due_at < timezone.now(),
        "limit": None if limit is None else format_money(limit),
        "granted": format_money(compensation_granted(case)),
        "follow_up_from": follow_up_possible_from(case) if case.resolved_at else None,
        "history": object_history(case),
    }
