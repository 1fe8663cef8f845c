"""The periodic sweeps: everything the job worker does on a schedule, in one place."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from kliento.alerts.services import alert_digests_send
from kliento.analytics.monthly_report_mailing import monthly_report_send
from kliento.analytics.prepared import pages_prepare
from kliento.analytics.provisional import provisional_days_refresh
from kliento.analytics.rollups import rollups_fill, rollups_fill_spread
from kliento.audit_trail.context import Source, acting
from kliento.journeys.services import lifecycle_sweep
from kliento.notices.promise_reminders import (
    promise_escalations_send,
    promise_handover_escalations_send,
    promise_reminders_send,
)
from kliento.notices.recovery_reminders import recovery_escalations_send, recovery_reminders_send
from kliento.privacy.retention import retention_sweep
from kliento.questions.schedule import topics_sweep
from kliento.recovery.services import recovery_due_run
from kliento.surveys.services import invitations_for_recent_events
from kliento.webhooks.services import webhook_deliveries_send

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepCounts:
    """What one run of the sweeps sent."""

    promise_reminders: int
    promise_escalations: int
    promise_handover_escalations: int
    survey_invitations: int
    webhook_deliveries: int
    recovery_cases_opened: int
    recovery_reminders: int
    recovery_escalations: int
    rollup_rows: int
    provisional_day_rows: int
    shared_parts_prepared: int
    topic_texts_placed: int
    retention_removed: int
    monthly_reports_sent: int
    alert_digests_sent: int
    lifecycle_customers_placed: int


def _rollups_fill(now: datetime) -> int:
    if settings.KLIENTO_ROLLUPS_SPREAD:
        # The parts go to the workers as jobs of their own; their rows are theirs to count.
        parts = rollups_fill_spread()
        if parts:
            logger.info("Rollup fill: %d parts sent to the workers", parts)
        return 0
    return rollups_fill()


def run_due_jobs(now: datetime | None = None) -> SweepCounts:
    """Run every periodic sweep once: promise reminders, escalations (overdue and
    unacknowledged handovers), survey invitations, webhook deliveries, recovery cases and
    their reminders and escalations, rollups.

    Each sweep is idempotent, so this is safe to run as often as wanted, from cron
    (``kliento jobs run-due``) or the worker, and a run cut short is completed by the next.
    A failing sweep does not stop the others; its error is raised once they have run, so the
    job shows as failed.
    """
    now = now or timezone.now()
    sweeps = {
        "promise_reminders": promise_reminders_send,
        "promise_escalations": promise_escalations_send,
        "promise_handover_escalations": promise_handover_escalations_send,
        "survey_invitations": invitations_for_recent_events,
        "webhook_deliveries": webhook_deliveries_send,
        # Opens cases for new low scores and complaints; sends and records follow-ups.
        "recovery_cases_opened": lambda now: recovery_due_run(now=now).opened,
        # Cases nobody contacted by their due time: the owner, then the lead, once each.
        "recovery_reminders": recovery_reminders_send,
        "recovery_escalations": recovery_escalations_send,
        # Stores newly finished weeks, and weeks an import of old data made stale.
        "rollup_rows": _rollups_fill,
        # The unsettled days before today, stored for the pages until the next sweep.
        "provisional_day_rows": lambda now: provisional_days_refresh(now=now),
        # What the pages read from raw rows of settled days, worked out once per fill and
        # day for every process, so no manager's first request after a fill waits for it.
        "shared_parts_prepared": pages_prepare,
        # Places new texts in the current topics; queues a new mining once a week.
        "topic_texts_placed": topics_sweep,
        # Once a day: what the company keeps no longer (free text, files, logs) goes.
        "retention_removed": retention_sweep,
        # On the first working day of a month: last month's report to the owners, once.
        "monthly_reports_sent": monthly_report_send,
        # On the week's first working day: each subscriber's significant changes, once.
        "alert_digests_sent": alert_digests_send,
        # Once a day: every customer's lifecycle segment, and this month's snapshot.
        "lifecycle_customers_placed": lifecycle_sweep,
    }
    counts, failure = {}, None
    for name, sweep in sweeps.items():
        try:
            with acting(Source.JOB):
                counts[name] = sweep(now=now)
        except Exception as error:
            logger.exception("The %s sweep failed", name)
            counts[name], failure = 0, failure or error
    if failure is not None:
        raise failure
    return SweepCounts(**counts)
