"""``kliento recovery due``: open cases for new low scores and complaints, send the follow-up
surveys that are due and record their answers."""

from django.core.management.base import BaseCommand

from kliento.recovery.services import recovery_due_run


class Command(BaseCommand):
    help = ("Open recovery cases for new low scores and complaints, ask customers again after "
            "their case was resolved and record the answers. Safe to run often.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("due", help="do what is due now")

    def handle(self, *args, action, **options):
        run = recovery_due_run()
        self.stdout.write(f"{run.opened} case(s) opened, {run.follow_ups_sent} follow-up "
                          f"survey(s) sent, {run.follow_ups_recorded} answer(s) recorded.")
