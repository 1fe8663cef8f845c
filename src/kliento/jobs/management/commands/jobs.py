"""``kliento jobs run-due``: run the periodic sweeps once (from cron, or to try them)."""

from django.core.management.base import BaseCommand

from kliento.jobs.services import run_due_jobs


class Command(BaseCommand):
    help = ("Background jobs. run-due sends what is due now: promise reminders and "
            "escalations, automatic survey invitations, recovery reminders and escalations. "
            "Safe to run often: nothing goes out twice. `kliento worker` does the same every "
            "minute by itself.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("run-due", help="run every periodic sweep once and say what it sent")

    def handle(self, *args, action, **options):
        counts = run_due_jobs()
        self.stdout.write(
            f"{counts.promise_reminders} promise reminders, "
            f"{counts.promise_escalations} promise escalations, "
            f"{counts.promise_handover_escalations} handover escalations, "
            f"{counts.survey_invitations} survey invitations, "
            f"{counts.webhook_deliveries} webhook deliveries sent; "
            f"{counts.recovery_cases_opened} recovery cases opened, "
            f"{counts.recovery_reminders} recovery reminders, "
            f"{counts.recovery_escalations} recovery escalations; "
            f"{counts.rollup_rows} rollup rows stored.")
